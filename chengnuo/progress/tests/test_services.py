"""progress_report: who may report, what a report may say, and what it changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.evidence.models import Evidence
from chengnuo.ledger.models import LedgerEntry
from chengnuo.ledger.services import ledger_verify
from chengnuo.members.models import Member
from chengnuo.pledges import services as pledge_services
from chengnuo.progress.models import ProgressReport
from chengnuo.progress.services import NARRATIVE_MAX, progress_report
from chengnuo.supervision.models import OverdueRecord
from chengnuo.tests.assertions import chinese
from chengnuo.tests.factories import (
    MemberFactory,
    UserFactory,
    approved_pledge,
    submitted_pledge,
)

from .conftest import DAY, first_item, forged, jpeg

NARRATIVE = "本月走访困难群众3户，帮助王大爷联系了社区医生。"


@pytest.fixture
def later(time_machine):
    """Twenty days after the pledges were published."""
    time_machine.move_to(timezone.now() + 20 * DAY, tick=False)
    return timezone.localdate()


@pytest.fixture
def pledge(publish, member, member_user):
    return publish(member=member, actor=member_user)


def report(actor, item, **fields):
    values = {"reported_on": timezone.localdate(), "percent": 30, "narrative": NARRATIVE}
    values.update(fields)
    return progress_report(actor=actor, item=item, **values)


def nothing_changed(item, *, reports=0):
    item.refresh_from_db()
    assert (item.percent, item.done_on, item.last_reported_on) == (0, None, None)
    assert ProgressReport.objects.count() == reports
    assert not LedgerEntry.objects.filter(kind="progress.report").exists()


# ---- the happy path ---------------------------------------------------------------------

def test_the_member_reports_progress_with_a_photo_and_the_public_can_see_it(
        pledge, member_user, later):
    item = first_item(pledge)
    result = report(member_user, item, percent=40, uploads=[jpeg()])
    item.refresh_from_db()
    assert (item.percent, item.last_reported_on, item.done_on) == (40, later, None)
    assert result.item == item and result.pledge == pledge and not result.on_behalf
    assert result.reported_by == member_user and result.narrative == NARRATIVE
    (photo,) = result.evidence.all()
    assert photo.public and photo.kind == "image" and photo.uploaded_by == member_user


def test_a_report_is_appended_to_the_ledger_with_a_hash_of_its_narrative(
        pledge, member_user, later):
    import hashlib

    item = first_item(pledge)
    result = report(member_user, item, percent=40, uploads=[jpeg()])
    entry = result.ledger_entry
    assert entry.kind == "progress.report" and entry.subject == f"pledge:{pledge.pk}"
    assert entry.payload["item"] == str(item.key) and entry.payload["percent"] == 40
    assert entry.payload["reported_on"] == later.isoformat()
    assert entry.payload["narrative_sha256"] == hashlib.sha256(NARRATIVE.encode()).hexdigest()
    assert entry.payload["evidence_sha256"] == [result.evidence.get().sha256]
    assert ledger_verify() == (LedgerEntry.objects.count(), None)


def test_a_report_is_audited_with_the_percent_before_and_after(pledge, member_user, later):
    item = first_item(pledge)
    report(member_user, item, percent=40)
    event = AuditEvent.objects.get(action="progress.report")
    assert event.actor == member_user and event.subject_id == item.pk
    assert event.changes["percent"] == [0, 40] and "done_on" not in event.changes


def test_reaching_100_percent_marks_the_item_done_on_the_reported_day(pledge, member_user,
                                                                      later):
    item = first_item(pledge)
    report(member_user, item, percent=60, reported_on=later - 5 * DAY)
    report(member_user, item, percent=100)
    item.refresh_from_db()
    assert item.done_on == later and item.percent == 100


def test_a_report_after_done_keeps_the_first_done_date(pledge, member_user, later,
                                                       time_machine):
    item = first_item(pledge)
    report(member_user, item, percent=100, reported_on=later - 2 * DAY)
    report(member_user, item, percent=100, narrative="补充照片")
    item.refresh_from_db()
    assert item.done_on == later - 2 * DAY and item.last_reported_on == later


def test_reaching_a_milestone_records_the_day_it_was_reached(pledge, member_user, later):
    item = first_item(pledge)
    milestone = item.milestones.order_by("due_date").first()
    result = report(member_user, item, percent=35, milestone=milestone)
    milestone.refresh_from_db()
    assert milestone.reached_on == later and result.milestone == milestone


def test_the_same_percent_again_is_a_valid_report(pledge, member_user, later):
    item = first_item(pledge)
    report(member_user, item, percent=30)
    report(member_user, item, percent=30, narrative="本周无新进展，下周继续走访。")
    assert ProgressReport.objects.filter(item=item).count() == 2


# ---- who may report ---------------------------------------------------------------------

def test_the_secretary_may_not_report_for_an_ordinary_member(pledge, branch_secretary, later):
    item = first_item(pledge)
    with pytest.raises(ValidationError) as refused:
        report(branch_secretary, item)
    assert refused.value.messages == ["只有党员本人报告自己承诺的履诺进展。"]
    nothing_changed(item)


def test_a_secretary_outside_the_subtree_gets_404(pledge, other_secretary, later):
    with pytest.raises(OutOfReach):
        report(other_secretary, first_item(pledge))


def test_a_fellow_member_gets_404(pledge, branch, later):
    fellow = MemberFactory(organization=branch, user=UserFactory())
    with pytest.raises(OutOfReach):
        report(fellow.user, first_item(pledge))


def test_the_county_reviewer_may_see_but_not_report(pledge, county_reviewer, later):
    item = first_item(pledge)
    with pytest.raises(ValidationError) as refused:
        report(county_reviewer, item)
    assert refused.value.messages == ["只有党员本人报告自己承诺的履诺进展。"]
    nothing_changed(item)


def test_the_secretary_reports_an_oral_pledge_on_the_members_behalf(
        publish, branch, branch_secretary, later):
    elder = MemberFactory(organization=branch, name="陈阿婆", retired=True,
                          birth_date=datetime.date(1938, 3, 1), user=UserFactory())
    pledge = publish(member=elder, oral=True)
    result = report(branch_secretary, first_item(pledge), percent=20)
    assert result.on_behalf and result.reported_by == branch_secretary
    assert result.ledger_entry.payload["on_behalf"] is True


def test_the_member_of_an_oral_pledge_leaves_reporting_to_the_secretary(
        publish, branch, later):
    elder = MemberFactory(organization=branch, name="陈阿婆", retired=True,
                          birth_date=datetime.date(1938, 3, 1), user=UserFactory())
    pledge = publish(member=elder, oral=True)
    with pytest.raises(ValidationError) as refused:
        report(elder.user, first_item(pledge))
    assert refused.value.messages == ["口头承诺和党组织自身承诺的履诺进展由党组织书记代为报告。"]
    nothing_changed(first_item(pledge))


def test_the_secretary_reports_on_the_organizations_own_pledge(publish, branch,
                                                               branch_secretary, later):
    pledge = publish(organization=branch)
    result = report(branch_secretary, first_item(pledge))
    assert result.on_behalf


def test_a_county_admin_may_report_on_a_branchs_own_pledge(publish, branch, county_admin,
                                                           later):
    pledge = publish(organization=branch)
    assert report(county_admin, first_item(pledge)).pk


def test_a_member_cannot_report_on_the_organizations_pledge(publish, branch, member_user,
                                                            later):
    pledge = publish(organization=branch)
    with pytest.raises(OutOfReach):
        report(member_user, first_item(pledge))


# ---- what may be reported ---------------------------------------------------------------

@pytest.mark.parametrize("state", ["draft", "submitted", "approved"])
def test_progress_on_an_unpublished_pledge_is_refused(cycle, member, member_user,
                                                      branch_secretary, state):
    if state == "draft":
        pledge = pledge_services.pledge_start(actor=member_user, cycle=cycle, member=member)
        pledge_services.item_add(actor=member_user, pledge=pledge, category="lead_service",
                                 content="每月走访困难群众不少于2户")
    elif state == "submitted":
        pledge = submitted_pledge(actor=member_user, cycle=cycle, member=member)
    else:
        pledge = approved_pledge(actor=member_user, reviewer=branch_secretary, cycle=cycle,
                                 member=member)
    pledge.refresh_from_db()
    item = pledge.current_version.items.first()
    with pytest.raises(ValidationError) as refused:
        report(member_user, item)
    assert refused.value.messages == ["只有已公开的承诺才能报告履诺进展。"]
    nothing_changed(item)


def test_an_item_added_by_an_amendment_under_review_takes_no_progress_yet(
        pledge, member_user, later):
    pledge_services.pledge_amend(actor=member_user, pledge=pledge, reason="增加一项")
    new = pledge_services.item_add(actor=member_user, pledge=pledge, category="lead_service",
                                   content="新增：每季度为社区老人理发一次")
    with pytest.raises(ValidationError) as refused:
        report(member_user, new)
    assert chinese(refused.value)


def test_a_report_through_the_amendments_copy_lands_on_the_published_item(
        pledge, member_user, later):
    published = first_item(pledge)
    pledge_services.pledge_amend(actor=member_user, pledge=pledge, reason="调整节点")
    pledge.refresh_from_db()
    draft_copy = pledge.current_version.items.get(key=published.key)
    result = report(member_user, draft_copy, percent=25)
    assert result.item == published
    draft_copy.refresh_from_db()
    assert draft_copy.percent == 0  # the amendment picks the value up when published


@pytest.mark.parametrize("percent", [-1, 101, "50", 12.5, None, True])
def test_percent_outside_0_to_100_or_not_whole_is_refused(pledge, member_user, later,
                                                          percent):
    item = first_item(pledge)
    with pytest.raises(ValidationError) as refused:
        report(member_user, item, percent=percent)
    assert "percent" in refused.value.message_dict
    nothing_changed(item)


def test_progress_never_goes_backwards_and_the_message_says_why(pledge, member_user, later):
    item = first_item(pledge)
    report(member_user, item, percent=50)
    with pytest.raises(ValidationError) as refused:
        report(member_user, item, percent=40)
    (message,) = refused.value.message_dict["percent"]
    assert "50%" in message and chinese(refused.value)
    item.refresh_from_db()
    assert item.percent == 50 and ProgressReport.objects.count() == 1


def test_a_date_in_the_future_is_refused(pledge, member_user, later):
    item = first_item(pledge)
    with pytest.raises(ValidationError) as refused:
        report(member_user, item, reported_on=later + DAY)
    assert refused.value.message_dict["reported_on"] == ["日期不能晚于今天。"]
    nothing_changed(item)


def test_a_date_before_the_publication_is_refused(pledge, member_user, later):
    item = first_item(pledge)
    published_on = timezone.localdate(pledge.published_version.published_at)
    with pytest.raises(ValidationError) as refused:
        report(member_user, item, reported_on=published_on - DAY)
    assert published_on.isoformat() in refused.value.message_dict["reported_on"][0]
    nothing_changed(item)
    assert report(member_user, item, reported_on=published_on).pk


def test_a_report_cannot_be_dated_before_the_last_one(pledge, member_user, later):
    item = first_item(pledge)
    report(member_user, item, percent=20)
    with pytest.raises(ValidationError) as refused:
        report(member_user, item, percent=30, reported_on=later - DAY)
    assert later.isoformat() in refused.value.message_dict["reported_on"][0]


def test_a_report_needs_a_narrative(pledge, member_user, later):
    item = first_item(pledge)
    with pytest.raises(ValidationError) as refused:
        report(member_user, item, narrative="   ")
    assert refused.value.message_dict["narrative"] == ["请写明做了什么。"]
    nothing_changed(item)


def test_a_narrative_longer_than_the_limit_is_refused(pledge, member_user, later):
    item = first_item(pledge)
    with pytest.raises(ValidationError) as refused:
        report(member_user, item, narrative="字" * (NARRATIVE_MAX + 1))
    assert refused.value.message_dict["narrative"] == [f"最多 {NARRATIVE_MAX} 个字。"]
    nothing_changed(item)


def test_a_milestone_of_another_item_is_refused(pledge, member_user, later):
    first, second = pledge.published_version.items.order_by("position")[:2]
    with pytest.raises(ValidationError) as refused:
        report(member_user, first, milestone=second.milestones.first())
    assert "milestone" in refused.value.message_dict
    nothing_changed(first)


def test_a_milestone_already_reached_is_refused(pledge, member_user, later):
    item = first_item(pledge)
    milestone = item.milestones.first()
    report(member_user, item, percent=30, milestone=milestone)
    with pytest.raises(ValidationError) as refused:
        report(member_user, item, percent=40, milestone=milestone)
    assert later.isoformat() in refused.value.message_dict["milestone"][0]


def test_every_refusal_is_given_at_once(pledge, member_user, later):
    with pytest.raises(ValidationError) as refused:
        report(member_user, first_item(pledge), percent=101, narrative="",
               reported_on=later + DAY)
    assert set(refused.value.message_dict) == {"percent", "narrative", "reported_on"}


def test_a_forged_photo_stores_nothing_and_leaves_the_item_unchanged(pledge, member_user,
                                                                    later):
    item = first_item(pledge)
    milestone = item.milestones.first()
    with pytest.raises(ValidationError) as refused:
        report(member_user, item, percent=60, milestone=milestone,
               uploads=[jpeg("good.jpg"), forged("bad.jpg")])
    assert "evidence" in refused.value.message_dict and chinese(refused.value)
    nothing_changed(item)
    milestone.refresh_from_db()
    assert milestone.reached_on is None
    assert not Evidence.objects.exists()


# ---- overdue records -------------------------------------------------------------------

def _overdue(kind, key, item, milestone=None):
    pledge = item.version.pledge
    return OverdueRecord.objects.create(
        kind=kind, subject_key=f"{kind}:{key}", organization=pledge.organization,
        member=pledge.member, cycle=pledge.cycle, item=item, milestone=milestone,
        description="逾期", due_on=timezone.localdate() - DAY,
        detected_on=timezone.localdate())


def test_finishing_an_item_resolves_its_overdue_records(pledge, member_user, later):
    item = first_item(pledge)
    milestone = item.milestones.first()
    late_item = _overdue("item", item.key, item)
    late_milestone = _overdue("milestone", milestone.key, item, milestone)
    other = _overdue("item", first_item(pledge).version.items.last().key,
                     first_item(pledge).version.items.last())
    report(member_user, item, percent=100)
    for record in (late_item, late_milestone, other):
        record.refresh_from_db()
    assert late_item.resolved_on == later and late_milestone.resolved_on == later
    assert other.resolved_on is None


def test_reaching_a_milestone_resolves_only_that_milestones_record(pledge, member_user,
                                                                    later):
    item = first_item(pledge)
    first, second = item.milestones.order_by("due_date")
    late_first = _overdue("milestone", first.key, item, first)
    late_second = _overdue("milestone", second.key, item, second)
    late_item = _overdue("item", item.key, item)
    report(member_user, item, percent=50, milestone=first)
    for record in (late_first, late_second, late_item):
        record.refresh_from_db()
    assert late_first.resolved_on == later
    assert late_second.resolved_on is None and late_item.resolved_on is None


def test_a_report_is_never_deleted_with_its_member_gone_missing(pledge, member_user, later):
    # Members are never deleted while they have pledges (PROTECT): reports stay.
    report(member_user, first_item(pledge))
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        Member.objects.filter(pk=pledge.member_id).delete()
    assert ProgressReport.objects.count() == 1
