"""The overdue sweep on a frozen clock: what it finds, that a second run changes nothing,
what it resolves, and whom it tells."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from chengnuo.notifications.models import Notification
from chengnuo.pledges.models import Milestone
from chengnuo.pledges.services import item_add, pledge_start
from chengnuo.progress.services import progress_report
from chengnuo.supervision import sweep as sweep_module
from chengnuo.supervision.models import OverdueKind, OverdueRecord
from chengnuo.supervision.services import quarterly_review_file
from chengnuo.supervision.sweep import Finder, sweep_overdue
from chengnuo.supervision.tasks import sweep_overdue_task

from .conftest import items_of

pytestmark = pytest.mark.django_db

MAY_5 = datetime.date(2025, 5, 5)


@pytest.fixture
def member_pledge(publish, member):
    return publish(member=member, items=3)


@pytest.fixture
def branch_pledge(publish, branch):
    return publish(organization=branch, items=3)


def open_records(kind=None):
    records = OverdueRecord.objects.filter(resolved_on=None)
    return records.filter(kind=kind) if kind else records


def test_items_past_their_due_date_and_not_done_are_found(member_pledge, member, branch,
                                                          cycle):
    result = sweep_overdue(today=MAY_5)
    items = items_of(member_pledge)
    assert result.found[OverdueKind.ITEM] == 3
    record = OverdueRecord.objects.get(subject_key=f"item:{items[0].key}")
    assert (record.kind, record.member, record.organization, record.cycle) == (
        OverdueKind.ITEM, member, branch, cycle)
    assert (record.item, record.due_on, record.detected_on) == (
        items[0], datetime.date(2025, 4, 30), MAY_5)
    assert record.description == items[0].content


def test_nothing_is_late_before_the_due_date(member_pledge):
    result = sweep_overdue(today=datetime.date(2025, 3, 20))
    assert not result.found and not OverdueRecord.objects.exists()


def test_a_done_item_is_not_late(member_pledge, member_user, travel):
    item = items_of(member_pledge)[0]
    travel(datetime.date(2025, 4, 20))
    progress_report(actor=member_user, item=item, reported_on=datetime.date(2025, 4, 20),
                    percent=100, narrative="全部完成")
    sweep_overdue(today=MAY_5)
    assert not OverdueRecord.objects.filter(subject_key=f"item:{item.key}").exists()
    assert open_records(OverdueKind.ITEM).count() == 2


def test_items_of_a_pledge_not_published_are_not_swept(cycle, member, member_user):
    pledge = pledge_start(actor=member_user, cycle=cycle, member=member)
    item_add(actor=member_user, pledge=pledge, category="lead_service", content="草稿事项",
             due_date=datetime.date(2025, 4, 1))
    sweep_overdue(today=MAY_5)
    assert not open_records(OverdueKind.ITEM).exists()


def test_a_missed_milestone_is_found_and_an_item_without_due_date_is_due_at_years_end(
        member_pledge):
    first, second, _third = items_of(member_pledge)
    milestone = Milestone.objects.create(item=first, title="完成第一轮走访",
                                         due_date=datetime.date(2025, 3, 15))
    type(second).objects.filter(pk=second.pk).update(due_date=None)
    result = sweep_overdue(today=datetime.date(2025, 3, 20))
    assert result.found[OverdueKind.MILESTONE] == 1
    record = OverdueRecord.objects.get(subject_key=f"milestone:{milestone.key}")
    assert (record.milestone, record.item, record.due_on) == (
        milestone, first, datetime.date(2025, 3, 15))
    assert "完成第一轮走访" in record.description
    result = sweep_overdue(today=datetime.date(2026, 1, 2))
    assert OverdueRecord.objects.get(subject_key=f"item:{second.key}").due_on == \
        datetime.date(2025, 12, 31)


def test_grassroots_organizations_without_a_review_after_the_quarter_ended_are_found(
        cycle, branch, committee, other_branch):
    result = sweep_overdue(today=datetime.date(2025, 4, 1))
    assert result.found[OverdueKind.QUARTERLY_REVIEW] == 2
    records = open_records(OverdueKind.QUARTERLY_REVIEW).order_by("organization__path")
    assert [(r.organization, r.quarter, r.due_on) for r in records] == [
        (committee, 1, datetime.date(2025, 3, 31)), (branch, 1, datetime.date(2025, 3, 31))]
    # 余杭区 runs no cycle, so its branch owes nothing; the county and township file none.
    assert records[1].subject_key == f"review:{branch.pk}:{cycle.pk}:1"


def test_a_cycle_opened_after_a_quarter_ended_owes_no_review_for_it(
        county, county_admin, branch, committee, travel):
    from chengnuo.cycles import services as cycle_services

    from .conftest import DATES

    travel(datetime.date(2025, 4, 20))  # going live after the first quarter ended
    cycle_services.cycle_open(actor=county_admin, organization=county, year=2025, **DATES)
    assert sweep_overdue(today=datetime.date(2025, 4, 21)).found.get(
        OverdueKind.QUARTERLY_REVIEW, 0) == 0
    result = sweep_overdue(today=datetime.date(2025, 7, 1))
    assert result.found[OverdueKind.QUARTERLY_REVIEW] == 2
    assert set(open_records(OverdueKind.QUARTERLY_REVIEW).values_list("quarter", flat=True)) \
        == {2}


def test_a_filed_review_is_not_missing(cycle, branch, committee, branch_secretary, travel):
    travel(datetime.date(2025, 3, 30))
    quarterly_review_file(actor=branch_secretary, organization=branch, cycle=cycle,
                          quarter=1, summary="总结", comments={})
    sweep_overdue(today=datetime.date(2025, 4, 1))
    assert list(open_records(OverdueKind.QUARTERLY_REVIEW).values_list(
        "organization", flat=True)) == [committee.pk]


def test_a_second_run_creates_no_record_and_no_notification(member_pledge, branch_pledge,
                                                            branch):
    first = sweep_overdue(today=MAY_5)
    assert first.notifications > 0
    records, notifications = OverdueRecord.objects.count(), Notification.objects.count()
    mail.outbox.clear()
    second = sweep_overdue(today=MAY_5)
    assert not second.found and not second.reopened and second.notifications == 0
    assert (OverdueRecord.objects.count(), Notification.objects.count()) == (
        records, notifications)
    third = sweep_overdue(today=MAY_5 + datetime.timedelta(days=1))
    assert not third.found and third.notifications == 0
    assert not mail.outbox


def test_the_member_and_the_secretary_are_told_about_a_members_late_item(
        member_pledge, member_user, branch_secretary, county_admin):
    item = items_of(member_pledge)[0]
    sweep_overdue(today=MAY_5)
    told = Notification.objects.filter(dedupe_key=f"item:{item.key}")
    assert {n.recipient for n in told} == {member_user, branch_secretary}
    notification = told.get(recipient=member_user)
    assert notification.kind == "overdue.item"
    assert notification.title.startswith("承诺事项逾期未完成：")
    assert notification.url == f"/pledges/{member_pledge.pk}/"
    assert "2025-04-30" in notification.body


def test_for_an_organizations_item_its_admins_and_the_nearest_admins_above_are_told(
        branch_pledge, branch_secretary, county_admin):
    item = items_of(branch_pledge)[0]
    sweep_overdue(today=MAY_5)
    told = Notification.objects.filter(dedupe_key=f"item:{item.key}")
    # 北山社区党委 and 北山街道 have no admins: the county's are the superior here.
    assert {n.recipient for n in told} == {branch_secretary, county_admin}


def test_a_missing_review_tells_the_secretary_and_the_superior(cycle, branch,
                                                                branch_secretary,
                                                                county_admin):
    sweep_overdue(today=datetime.date(2025, 4, 1))
    told = Notification.objects.filter(dedupe_key=f"review:{branch.pk}:{cycle.pk}:1")
    assert {n.recipient for n in told} == {branch_secretary, county_admin}
    assert told.first().url == f"/org/{branch.slug}/quarters/2025/1/"


def test_email_copies_go_out_after_the_sweep_commits(member_pledge, member_user,
                                                      django_capture_on_commit_callbacks):
    member_user.email = "wang@example.cn"
    member_user.save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):
        sweep_overdue(today=MAY_5)
    assert sorted(m.to[0] for m in mail.outbox) == ["wang@example.cn"] * 3


def test_an_item_done_later_is_resolved_by_the_next_sweep(member_pledge):
    item = items_of(member_pledge)[0]
    sweep_overdue(today=MAY_5)
    type(item).objects.filter(pk=item.pk).update(done_on=datetime.date(2025, 5, 6),
                                                 percent=100)
    result = sweep_overdue(today=datetime.date(2025, 5, 7))
    assert result.resolved[OverdueKind.ITEM] == 1
    record = OverdueRecord.objects.get(subject_key=f"item:{item.key}")
    assert record.resolved_on == datetime.date(2025, 5, 7)
    assert open_records(OverdueKind.ITEM).count() == 2


def test_progress_reaching_done_resolves_the_record_at_once(member_pledge, member_user,
                                                            travel):
    item = items_of(member_pledge)[0]
    sweep_overdue(today=MAY_5)
    travel(datetime.date(2025, 5, 6))
    progress_report(actor=member_user, item=item, reported_on=datetime.date(2025, 5, 6),
                    percent=100, narrative="补上了")
    assert OverdueRecord.objects.get(subject_key=f"item:{item.key}").resolved_on == \
        datetime.date(2025, 5, 6)


def test_a_reached_milestone_and_a_filed_review_are_resolved(member_pledge, cycle, branch,
                                                             branch_secretary, travel):
    item = items_of(member_pledge)[0]
    milestone = Milestone.objects.create(item=item, title="第一轮走访",
                                         due_date=datetime.date(2025, 3, 15))
    sweep_overdue(today=datetime.date(2025, 4, 2))
    Milestone.objects.filter(pk=milestone.pk).update(reached_on=datetime.date(2025, 4, 3))
    travel(datetime.date(2025, 4, 3))
    quarterly_review_file(actor=branch_secretary, organization=branch, cycle=cycle,
                          quarter=1, summary="总结", comments={
                              m.pk: ("good", "好") for m in branch.members.all()})
    result = sweep_overdue(today=datetime.date(2025, 4, 4))
    assert result.resolved[OverdueKind.MILESTONE] == 1
    assert OverdueRecord.objects.get(subject_key=f"milestone:{milestone.key}").resolved_on
    assert OverdueRecord.objects.get(
        subject_key=f"review:{branch.pk}:{cycle.pk}:1").resolved_on == datetime.date(
        2025, 4, 3)


def test_an_item_late_again_after_its_due_date_moved_is_reopened_and_told_again(
        member_pledge, member_user):
    item = items_of(member_pledge)[0]
    sweep_overdue(today=MAY_5)
    # An amendment moved the date (the same item key in the new published version).
    type(item).objects.filter(pk=item.pk).update(due_date=datetime.date(2025, 6, 30))
    assert sweep_overdue(today=datetime.date(2025, 5, 6)).resolved[OverdueKind.ITEM] == 1
    result = sweep_overdue(today=datetime.date(2025, 7, 1))
    assert result.reopened[OverdueKind.ITEM] == 1 and not result.found[OverdueKind.ITEM]
    record = OverdueRecord.objects.get(subject_key=f"item:{item.key}")
    assert (record.resolved_on, record.due_on, record.detected_on) == (
        None, datetime.date(2025, 6, 30), datetime.date(2025, 7, 1))
    assert Notification.objects.filter(recipient=member_user,
                                       dedupe_key=f"item:{item.key}@2025-07-01").exists()
    assert not sweep_overdue(today=datetime.date(2025, 7, 1)).reopened


def test_cycles_long_over_are_not_swept(member_pledge):
    assert not sweep_overdue(today=datetime.date(2026, 6, 1)).found


def late_rectifications(today):
    from chengnuo.organizations.models import Organization

    branch = Organization.objects.get(name="第一党支部")
    yield OverdueRecord(kind=OverdueKind.RECTIFICATION, subject_key="rectification:7",
                        organization=branch, description="整改：补齐走访台账",
                        due_on=today - datetime.timedelta(days=1))


def test_other_apps_add_finders_to_the_registry(monkeypatch, branch, branch_secretary,
                                                county_admin):
    monkeypatch.setattr(sweep_module, "FINDERS", [Finder(
        kind=OverdueKind.RECTIFICATION, find=f"{__name__}.late_rectifications")])
    result = sweep_overdue(today=MAY_5)
    assert result.found == {OverdueKind.RECTIFICATION: 1}
    told = Notification.objects.filter(dedupe_key="rectification:7")
    assert {n.recipient for n in told} == {branch_secretary, county_admin}
    assert told.first().url == f"/org/{branch.slug}/overdue/"
    assert not sweep_overdue(today=MAY_5).found


def test_the_command_sweeps_on_the_given_day_and_prints_the_counts(member_pledge, cycle,
                                                                    branch):
    out = StringIO()
    call_command("sweep_overdue", "--date", "2025-05-05", stdout=out)
    text = out.getvalue()
    assert "2025-05-05" in text
    assert "item               new      3" in text
    assert "quarterly_review   new      2" in text
    again = StringIO()
    call_command("sweep_overdue", "--date", "2025-05-05", stdout=again)
    assert "item               new      0" in again.getvalue()


def test_the_command_refuses_a_date_it_cannot_read():
    with pytest.raises(CommandError):
        call_command("sweep_overdue", "--date", "5/5/2025")


def test_the_task_sweeps_today(member_pledge, travel):
    travel(MAY_5)
    result = sweep_overdue_task.delay().get()
    assert result["found"] == {"item": 3, "quarterly_review": 2}


def test_an_inactive_account_is_not_told(member_pledge, member_user):
    member_user.is_active = False
    member_user.save(update_fields=["is_active"])
    sweep_overdue(today=MAY_5)
    assert not Notification.objects.filter(recipient=member_user).exists()


def test_a_missing_review_record_left_open_beside_a_filed_review_is_resolved_by_the_sweep(
        cycle, branch, branch_secretary, travel):
    # Filing closes the record itself; the sweep's resolver is the net for a record a
    # sweep running alongside the filing wrote just after it.
    travel(datetime.date(2025, 4, 2))
    quarterly_review_file(actor=branch_secretary, organization=branch, cycle=cycle,
                          quarter=1, summary="总结", comments={
                              m.pk: ("good", "好") for m in branch.members.all()})
    record = OverdueRecord.objects.create(
        kind=OverdueKind.QUARTERLY_REVIEW, subject_key=f"review:{branch.pk}:{cycle.pk}:1",
        organization=branch, cycle=cycle, quarter=1, description="第一季度督诺",
        due_on=datetime.date(2025, 3, 31), detected_on=datetime.date(2025, 4, 1))
    result = sweep_overdue(today=datetime.date(2025, 4, 3))
    assert result.resolved[OverdueKind.QUARTERLY_REVIEW] == 1
    record.refresh_from_db()
    assert record.resolved_on == datetime.date(2025, 4, 3)
