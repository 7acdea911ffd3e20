"""The rectification orders in the overdue sweep, on a frozen clock."""

import datetime

import pytest
from django.utils import timezone

from chengnuo.audit.models import AuditEvent
from chengnuo.notices import services
from chengnuo.notices.models import Rectification
from chengnuo.notices.sweep import find_overdue_rectifications, resolve_rectifications
from chengnuo.notifications.models import Notification
from chengnuo.supervision.models import OverdueRecord
from chengnuo.tests.factories import OrganizationFactory, RoleGrantFactory, UserFactory

from .conftest import criticize

pytestmark = pytest.mark.django_db

ISSUED = datetime.datetime(2024, 6, 3, 9, 0, tzinfo=datetime.UTC)
DEADLINE = datetime.date(2024, 6, 17)


@pytest.fixture
def city_admin(city):
    return RoleGrantFactory(organization=city, user=UserFactory(username="city_admin")).user


@pytest.fixture
def orders(time_machine, county_admin, county, branch, committee, member, record):
    time_machine.move_to(ISSUED)
    notice = services.notice_issue(
        actor=county_admin, issuer=county, kind="criticism", title="通报",
        body="正文", organizations=[branch, committee], members=[member], records=[record],
        rectifications=[(branch, "补齐记录", DEADLINE), (committee, "督促整改", DEADLINE),
                        (member, "补交体会", DEADLINE + datetime.timedelta(days=30))])
    return {o.organization or o.member: o for o in notice.rectifications.all()}


def sweep(time_machine, day: datetime.date) -> list[OverdueRecord]:
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(2),
                                                   tzinfo=timezone.get_current_timezone()))
    found = list(find_overdue_rectifications(day))
    for record in found:  # what the sweep does with what the finder yields
        record.detected_on = day
    OverdueRecord.objects.bulk_create(found)
    return found


def test_nothing_is_overdue_on_the_deadline(time_machine, orders):
    assert sweep(time_machine, DEADLINE) == []
    assert set(Rectification.objects.values_list("state", flat=True)) == {"open"}


def test_past_the_deadline_open_orders_become_overdue_and_escalate(
        time_machine, orders, branch, committee, member, city, city_admin, county_admin):
    found = sweep(time_machine, DEADLINE + datetime.timedelta(days=1))
    late = {o.organization for o in Rectification.objects.filter(state="overdue")}
    assert late == {branch, committee}
    for order in Rectification.objects.filter(state="overdue"):
        assert order.overdue_since == DEADLINE + datetime.timedelta(days=1)
        assert order.escalated_to == city and order.escalated_at is not None
    assert Rectification.objects.get(member=member).state == "open"
    assert sorted(r.subject_key for r in found) == sorted(
        f"rectification:{orders[o].pk}" for o in (branch, committee))
    record = next(r for r in found if r.organization_id == branch.pk)
    assert record.kind == "rectification" and record.due_on == DEADLINE
    assert record.url == f"/rectifications/{orders[branch].pk}/"
    # One message each for the issuer and the level above, naming both orders.
    issuer_told = Notification.objects.get(recipient=county_admin,
                                           kind="rectification.overdue")
    assert "2" in issuer_told.title
    assert issuer_told.url == f"/org/{branch.parent.parent.parent.slug}/rectifications/" \
                              "?state=overdue"
    assert Notification.objects.filter(recipient=city_admin,
                                       kind="rectification.overdue").count() == 1
    assert AuditEvent.objects.filter(action="rectification.overdue").count() == 2


def test_a_second_sweep_changes_nothing(time_machine, orders, city_admin):
    day = DEADLINE + datetime.timedelta(days=1)
    sweep(time_machine, day)
    states = list(Rectification.objects.order_by("pk").values_list(
        "state", "overdue_since", "escalated_at"))
    told = Notification.objects.count()
    assert sweep(time_machine, day) == []
    assert sweep(time_machine, day + datetime.timedelta(days=3)) == []
    assert list(Rectification.objects.order_by("pk").values_list(
        "state", "overdue_since", "escalated_at")) == states
    assert Notification.objects.count() == told


def test_an_answered_order_is_not_overdue(time_machine, orders, branch, branch_secretary):
    services.rectification_answer(actor=branch_secretary, rectification=orders[branch],
                                  text="已整改")
    sweep(time_machine, DEADLINE + datetime.timedelta(days=1))
    assert Rectification.objects.get(pk=orders[branch].pk).state == "answered"


def test_an_issuer_without_a_parent_escalates_to_nobody_but_is_told(time_machine, province):
    admin = RoleGrantFactory(organization=province, user=UserFactory(username="prov")).user
    town = OrganizationFactory(kind="city", parent=province)
    time_machine.move_to(ISSUED)
    criticize(admin, province, organizations=[town], finding="抽查发现", orders=[town])
    sweep(time_machine, datetime.date(2024, 7, 1))
    order = Rectification.objects.get()
    assert order.state == "overdue" and order.escalated_to is None
    assert Notification.objects.filter(recipient=admin, kind="rectification.overdue").exists()


def test_an_order_made_overdue_by_a_return_is_recorded_by_the_next_sweep(
        time_machine, orders, branch, branch_secretary, county_admin):
    services.rectification_answer(actor=branch_secretary, rectification=orders[branch],
                                  text="已整改")
    time_machine.move_to(datetime.datetime(2024, 6, 20, 9, tzinfo=datetime.UTC))
    services.rectification_return(actor=county_admin, rectification=orders[branch], note="缺")
    found = sweep(time_machine, datetime.date(2024, 6, 21))
    assert f"rectification:{orders[branch].pk}" in {r.subject_key for r in found}


def test_resolving_closes_records_of_ended_orders(time_machine, orders, branch,
                                                  branch_secretary, county_admin):
    sweep(time_machine, DEADLINE + datetime.timedelta(days=1))
    key = f"rectification:{orders[branch].pk}"
    # An order closed by other means than the services (or before records existed).
    Rectification.objects.filter(pk=orders[branch].pk).update(
        state="accepted", closed_at=timezone.now(), result="好")
    assert resolve_rectifications(datetime.date(2024, 6, 25)) == 1
    assert OverdueRecord.objects.get(subject_key=key).resolved_on == datetime.date(2024, 6, 25)
    assert resolve_rectifications(datetime.date(2024, 6, 26)) == 0


def test_the_sweep_runs_the_finder_and_tells_the_target(time_machine, orders, branch,
                                                        branch_secretary):
    from chengnuo.supervision.sweep import sweep_overdue

    day = DEADLINE + datetime.timedelta(days=1)
    time_machine.move_to(datetime.datetime.combine(day, datetime.time(2),
                                                   tzinfo=timezone.get_current_timezone()))
    result = sweep_overdue(today=day)
    assert result.found["rectification"] == 2
    record = OverdueRecord.objects.get(subject_key=f"rectification:{orders[branch].pk}")
    assert record.organization == branch and record.resolved_on is None
    assert Notification.objects.filter(recipient=branch_secretary,
                                       url=f"/rectifications/{orders[branch].pk}/").exists()
    again = sweep_overdue(today=day)
    assert not again.found and not again.reopened
