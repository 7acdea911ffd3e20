"""Concurrent reports on PostgreSQL (select_for_update is a no-op on SQLite): every report
lands in order and the percent never goes backwards; a report racing the publication of
an amendment is not lost."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from chengnuo.pledges import services as pledge_services
from chengnuo.pledges.models import PledgeItem
from chengnuo.progress.models import ProgressReport
from chengnuo.progress.services import progress_report
from chengnuo.tests.concurrency import POSTGRESQL_ONLY, race
from chengnuo.tests.factories import ALL_CRITERIA

from .conftest import DAY, first_item

pytestmark = POSTGRESQL_ONLY


@pytest.fixture
def pledge(publish, member, member_user, time_machine):
    pledge = publish(member=member, actor=member_user)
    time_machine.move_to(timezone.now() + 20 * DAY, tick=False)
    return pledge


def reporting(user, item, percent):
    return lambda: progress_report(actor=user, item=item, reported_on=timezone.localdate(),
                                   percent=percent, narrative=f"完成{percent}%")


def test_reports_at_once_on_one_item_land_in_order_and_never_go_backwards(
        pledge, member_user):
    for item in pledge.published_version.items.all():
        results, errors = race(*(reporting(member_user, item, p) for p in (20, 40, 60, 80)))
        landed = list(ProgressReport.objects.filter(item=item).order_by("pk"))
        percents = [r.percent for r in landed]
        assert landed and percents == sorted(percents)
        for error in errors:
            assert error is None or isinstance(error, ValidationError), errors
        refused = [e for e in errors if e is not None]
        assert len(landed) + len(refused) == 4
        assert all("percent" in e.message_dict for e in refused)
        item.refresh_from_db()
        assert item.percent == percents[-1]


def test_a_report_racing_the_publication_of_an_amendment_is_carried_over(
        pledge, member_user, branch_secretary):
    for round_ in range(3):
        item = (PledgeItem.objects.filter(version=pledge.published_version)
                .order_by("position").first())
        pledge_services.pledge_amend(actor=member_user, pledge=pledge, reason="调整")
        pledge_services.pledge_submit(actor=member_user, pledge=pledge)
        pledge_services.pledge_review(actor=branch_secretary, pledge=pledge,
                                      decision="approved", criteria_met=ALL_CRITERIA)
        percent = 30 + 10 * round_
        _results, errors = race(
            reporting(member_user, item, percent),
            lambda: pledge_services.pledge_publish(actor=branch_secretary, pledge=pledge))
        assert errors == [None, None]
        pledge.refresh_from_db()
        published = first_item(pledge)
        assert published.percent == percent
        assert ProgressReport.objects.filter(item=published).count() == round_ + 1
