"""The demo's running year: two quarters of fulfilment and supervision, played through the
services on the days they happened, beside the next year's solicitation."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from chengnuo.cycles.models import Cycle
from chengnuo.deeds.models import Deed, DeedStar, DeedState, StarList
from chengnuo.demo.accounts import PLACES
from chengnuo.demo.commitments import cycle_dates, organization_at
from chengnuo.demo.running_clock import commitment_day, running_year_dates
from chengnuo.evidence.models import Evidence
from chengnuo.ledger.services import ledger_verify
from chengnuo.notices.models import Kind, Notice
from chengnuo.notices.models import RectificationState as RectState
from chengnuo.pledges.models import Pledge, State
from chengnuo.progress.models import ProgressReport
from chengnuo.supervision.models import OverdueKind, OverdueRecord, QuarterlyReview

from .test_seed_commitments import every_day_of

User = get_user_model()


def running_cycle() -> Cycle:
    return Cycle.objects.order_by("year").first()


def showcase_branch():
    return organization_at(PLACES["branch"])


@pytest.mark.parametrize("year", [2026, 2027])
def test_the_running_year_is_two_quarters_in_whatever_day_the_seed_runs(year):
    for today in every_day_of(year):
        dates = running_year_dates(today)
        cycle = Cycle(year=dates.year, **dates.fields())
        cycle.clean()
        assert dates.quarter_ends[1] <= today - datetime.timedelta(days=30)
        assert dates.quarter_ends[2] > today - datetime.timedelta(days=30)
        # Played from its commitment day, the half-year gives exactly these dates.
        assert cycle_dates(commitment_day(dates)).fields() == dates.fields()


def test_the_running_year_precedes_the_year_collecting_suggestions(seeded_year):
    running, collecting = Cycle.objects.order_by("year")
    today = timezone.localdate()
    assert running.year < collecting.year
    assert running.commitment_deadline < today <= running.ends
    assert collecting.solicitation_is_open(today)
    assert running.quarter_2_ends < today


def test_members_reported_progress_with_photos_on_the_days_it_happened(seeded_year):
    cycle = running_cycle()
    reports = ProgressReport.objects.filter(pledge__cycle=cycle)
    assert reports.count() > 50
    assert reports.filter(evidence__isnull=False).distinct().count() > 10
    assert reports.filter(on_behalf=True).exists()  # oral pledges and the organizations'
    for report in reports.select_related("pledge__published_version"):
        assert report.pledge.published_version.published_at.date() <= report.reported_on
        assert timezone.localdate(report.created_at) == report.reported_on
        assert report.reported_on <= timezone.localdate()
    photos = Evidence.objects.filter(progress_reports__pledge__cycle=cycle).distinct()
    assert photos.count() and all(e.public and e.kind == "image" for e in photos)
    # The demo member's own pledge was submitted in time and is being fulfilled.
    member = User.objects.get(username="member").member
    own = Pledge.objects.get(member=member, cycle=cycle)
    assert own.state == State.PUBLISHED and own.progress_reports.exists()


def test_deeds_were_verified_dismissed_and_one_waits_in_the_queue(seeded_year):
    deeds = Deed.objects.filter(organization=showcase_branch())
    assert set(deeds.values_list("state", flat=True)) == set(DeedState.values)
    assert deeds.filter(state=DeedState.REPORTED).count() == 1
    assert deeds.filter(source="public").exists() and deeds.filter(source="member").exists()
    assert DeedStar.objects.filter(organization=showcase_branch()).count() == 2
    assert StarList.objects.count() == 1


def test_quarterly_reviews_are_filed_corrected_and_missing(seeded_year):
    cycle, branch = running_cycle(), showcase_branch()
    filed = QuarterlyReview.objects.filter(cycle=cycle, organization=branch)
    # (and the third quarter's too when the seed runs within a month after it ended)
    assert {(1, 1), (1, 2), (2, 1)} <= set(filed.values_list("quarter", "number"))
    corrected = filed.get(quarter=1, number=2)
    assert corrected.correction_reason and corrected.supersedes_id
    assert corrected.comments.count() == branch.members.count()
    missing = OverdueRecord.objects.filter(kind=OverdueKind.QUARTERLY_REVIEW, cycle=cycle,
                                           resolved_on=None)
    community = branch.parent
    assert missing.filter(organization__parent=community, quarter=2).exists()
    assert not missing.filter(organization=branch).exists()


def test_the_sweep_found_items_and_milestones_past_due(seeded_year):
    cycle = running_cycle()
    open_records = OverdueRecord.objects.filter(cycle=cycle, resolved_on=None)
    assert open_records.filter(kind=OverdueKind.ITEM).exists()
    assert open_records.filter(kind=OverdueKind.MILESTONE).exists()
    assert OverdueRecord.objects.filter(cycle=cycle).exclude(resolved_on=None).exists()


def test_the_county_criticized_the_branch_with_an_open_and_a_closed_order(seeded_year):
    branch = showcase_branch()
    criticism = Notice.objects.get(kind=Kind.CRITICISM)
    assert branch in criticism.organizations.all()
    assert criticism.records.count() == 2 and criticism.ledger_entry_id
    states = dict(criticism.rectifications.values_list("member_id", "state"))
    assert states[None] == RectState.OPEN
    assert RectState.ACCEPTED in states.values()
    order = criticism.rectifications.get(organization=branch)
    assert order.deadline > timezone.localdate()
    assert Notice.objects.filter(kind=Kind.COMMENDATION).exists()
    assert ledger_verify()[1] is None
