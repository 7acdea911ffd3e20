"""Submitting (提诺): minimums, posts, the deadline and the recorded extension."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.pledges import services
from chengnuo.pledges.models import DeadlineExtension, State
from chengnuo.tests.assertions import chinese
from chengnuo.tests.factories import (
    CycleFactory,
    MemberFactory,
    OrganizationFactory,
    PostFactory,
    add_items,
    published_pledge,
)

DAY = datetime.timedelta(days=1)


def started(cycle, member, actor, items):
    pledge = services.pledge_start(actor=actor, cycle=cycle, member=member)
    add_items(pledge, actor=actor, count=items)
    return pledge


def test_a_member_submits_a_pledge_with_enough_items(pledge, member_user):
    add_items(pledge, actor=member_user, count=3)
    services.pledge_submit(actor=member_user, pledge=pledge, note="  请书记审核  ")
    pledge.refresh_from_db()
    version = pledge.current_version
    assert pledge.state == version.state == State.SUBMITTED
    assert version.submitted_by == member_user and version.submitted_at is not None
    assert version.note == "请书记审核"
    event = AuditEvent.objects.get(action="pledge.submit", subject_id=pledge.pk)
    assert event.changes["state"] == [State.DRAFT, State.SUBMITTED]


def test_the_secretary_submits_on_a_members_behalf(cycle, fellow_member, branch_secretary):
    pledge = started(cycle, fellow_member, branch_secretary, 3)
    services.pledge_submit(actor=branch_secretary, pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.current_version.submitted_by == branch_secretary


def test_fewer_items_than_the_minimum_are_refused(pledge, member_user):
    add_items(pledge, actor=member_user, count=2)
    with pytest.raises(ValidationError) as refusal:
        services.pledge_submit(actor=member_user, pledge=pledge)
    assert "3" in refusal.value.messages[0] and "2" in refusal.value.messages[0]
    pledge.refresh_from_db()
    assert pledge.state == State.DRAFT
    assert not AuditEvent.objects.filter(action="pledge.submit").exists()


def test_an_empty_pledge_is_refused(pledge, member_user):
    with pytest.raises(ValidationError):
        services.pledge_submit(actor=member_user, pledge=pledge)


def test_a_member_holding_a_leadership_post_needs_the_higher_minimum(cycle, branch,
                                                                     branch_secretary):
    leader = MemberFactory(organization=branch, holds_leadership_post=True)
    pledge = started(cycle, leader, branch_secretary, 4)
    with pytest.raises(ValidationError) as refusal:
        services.pledge_submit(actor=branch_secretary, pledge=pledge)
    assert "5" in refusal.value.messages[0]
    add_items(pledge, actor=branch_secretary, count=1)
    services.pledge_submit(actor=branch_secretary, pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.state == State.SUBMITTED


def test_the_minimums_follow_the_cycles_rules(branch, member, member_user):
    cycle = CycleFactory(organization=branch, minimum_items=1, minimum_items_leader=2)
    pledge = started(cycle, member, member_user, 1)
    services.pledge_submit(actor=member_user, pledge=pledge)
    assert services.minimum_items(pledge) == 1


def test_an_organization_pledge_needs_the_ordinary_minimum(cycle, branch, branch_secretary):
    pledge = services.pledge_start(actor=branch_secretary, cycle=cycle, organization=branch)
    add_items(pledge, actor=branch_secretary, count=2)
    with pytest.raises(ValidationError):
        services.pledge_submit(actor=branch_secretary, pledge=pledge)
    add_items(pledge, actor=branch_secretary, count=1)
    services.pledge_submit(actor=branch_secretary, pledge=pledge)


def test_a_member_without_a_post_must_commit_to_the_posts_duties(cycle, branch,
                                                                 branch_secretary):
    post = PostFactory(organization=branch, name="环境卫生监督岗")
    idle = MemberFactory(organization=branch, without_post=True, post=post)
    pledge = started(cycle, idle, branch_secretary, 3)
    with pytest.raises(ValidationError) as refusal:
        services.pledge_submit(actor=branch_secretary, pledge=pledge)
    assert "环境卫生监督岗" in refusal.value.messages[0]
    add_items(pledge, actor=branch_secretary, count=1, category="post_duty")
    services.pledge_submit(actor=branch_secretary, pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.state == State.SUBMITTED
    assert pledge.post == post and pledge.current_version.post_name == "环境卫生监督岗"


def test_a_member_whose_post_was_taken_away_cannot_submit(cycle, branch, branch_secretary):
    post = PostFactory(organization=branch)
    idle = MemberFactory(organization=branch, without_post=True, post=post)
    pledge = started(cycle, idle, branch_secretary, 3)
    add_items(pledge, actor=branch_secretary, count=1, category="post_duty")
    idle.post = None
    idle.save()
    with pytest.raises(ValidationError):
        services.pledge_submit(actor=branch_secretary, pledge=pledge)


def test_a_category_in_use_cannot_be_dropped_from_the_cycle(
        cycle, pledge, member_user, county_admin):
    from chengnuo.cycles.services import cycle_update

    add_items(pledge, actor=member_user, count=3, category="good_deeds")
    with pytest.raises(ValidationError) as refusal:
        cycle_update(actor=county_admin, cycle=cycle,
                     categories=[c for c in cycle.categories if c != "good_deeds"])
    assert set(refusal.value.message_dict) == {"categories"}
    cycle.refresh_from_db()
    assert "good_deeds" in cycle.categories


def test_a_long_note_is_refused(pledge, member_user):
    add_items(pledge, actor=member_user, count=3)
    with pytest.raises(ValidationError) as refusal:
        services.pledge_submit(actor=member_user, pledge=pledge, note="请" * 1001)
    assert set(refusal.value.message_dict) == {"note"}


def test_a_submitted_pledge_cannot_be_submitted_again(pledge, member_user):
    add_items(pledge, actor=member_user, count=3)
    services.pledge_submit(actor=member_user, pledge=pledge)
    with pytest.raises(ValidationError):
        services.pledge_submit(actor=member_user, pledge=pledge)
    assert AuditEvent.objects.filter(action="pledge.submit").count() == 1


def test_another_countys_secretary_cannot_submit(pledge, member_user, other_secretary):
    add_items(pledge, actor=member_user, count=3)
    with pytest.raises(OutOfReach):
        services.pledge_submit(actor=other_secretary, pledge=pledge)


# ---- the deadline -----------------------------------------------------------------------------

def test_submitting_on_the_deadline_day_is_allowed(cycle, pledge, member_user):
    add_items(pledge, actor=member_user, count=3)
    with time_machine.travel(cycle.commitment_deadline, tick=False):
        services.pledge_submit(actor=member_user, pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.state == State.SUBMITTED


def test_submitting_after_the_deadline_is_refused(cycle, pledge, member_user):
    add_items(pledge, actor=member_user, count=3)
    with time_machine.travel(cycle.commitment_deadline + DAY, tick=False):
        with pytest.raises(ValidationError) as refusal:
            services.pledge_submit(actor=member_user, pledge=pledge)
    assert str(cycle.commitment_deadline) in refusal.value.messages[0]
    pledge.refresh_from_db()
    assert pledge.state == State.DRAFT


def test_an_amendment_of_a_published_pledge_is_submitted_after_the_deadline(
        cycle, member, member_user, branch_secretary, county_reviewer):
    pledge = published_pledge(actor=member_user, reviewer=county_reviewer,
                              publisher=branch_secretary, cycle=cycle, member=member)
    with time_machine.travel(cycle.commitment_deadline + 40 * DAY, tick=False):
        services.pledge_amend(actor=member_user, pledge=pledge, reason="工作岗位调整")
        services.pledge_submit(actor=member_user, pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.state == State.SUBMITTED and pledge.current_version.number == 2
    assert not pledge.extensions.exists()


def test_the_refusal_after_the_deadline_is_in_chinese(cycle, pledge, member_user):
    add_items(pledge, actor=member_user, count=3)
    with time_machine.travel(cycle.commitment_deadline + DAY, tick=False):
        with pytest.raises(ValidationError) as refusal:
            services.pledge_submit(actor=member_user, pledge=pledge)
    assert chinese(refusal.value), refusal.value.messages


def test_an_extension_lets_the_member_submit_after_the_deadline(cycle, pledge, member_user,
                                                                branch_secretary):
    add_items(pledge, actor=member_user, count=3)
    late = cycle.commitment_deadline + 5 * DAY
    with time_machine.travel(cycle.commitment_deadline + DAY, tick=False):
        extension = services.pledge_extend_deadline(
            actor=branch_secretary, pledge=pledge, until=late, reason=" 住院治疗 ")
    assert extension.granted_by == branch_secretary and extension.reason == "住院治疗"
    pledge.refresh_from_db()
    assert pledge.extended_until == late and pledge.deadline() == late
    event = AuditEvent.objects.get(action="pledge.extend", subject_id=pledge.pk)
    assert event.actor == branch_secretary
    assert event.changes["extended_until"] == [None, str(late)]
    with time_machine.travel(late, tick=False):
        services.pledge_submit(actor=member_user, pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.state == State.SUBMITTED


def test_past_the_extension_submitting_is_refused_again(cycle, pledge, member_user,
                                                        branch_secretary):
    add_items(pledge, actor=member_user, count=3)
    late = cycle.commitment_deadline + 5 * DAY
    services.pledge_extend_deadline(actor=branch_secretary, pledge=pledge, until=late,
                                    reason="外出务工")
    with time_machine.travel(late + DAY, tick=False):
        with pytest.raises(ValidationError):
            services.pledge_submit(actor=member_user, pledge=pledge)


def test_every_extension_is_kept(cycle, pledge, branch_secretary, county_admin):
    services.pledge_extend_deadline(actor=branch_secretary, pledge=pledge,
                                    until=cycle.commitment_deadline + DAY, reason="外出")
    services.pledge_extend_deadline(actor=county_admin, pledge=pledge,
                                    until=cycle.commitment_deadline + 9 * DAY, reason="住院")
    assert DeadlineExtension.objects.filter(pledge=pledge).count() == 2
    assert AuditEvent.objects.filter(action="pledge.extend").count() == 2


def test_an_extension_that_ends_before_the_deadline_is_refused(cycle, pledge,
                                                              branch_secretary):
    with pytest.raises(ValidationError) as refusal:
        services.pledge_extend_deadline(actor=branch_secretary, pledge=pledge,
                                        until=cycle.commitment_deadline - DAY, reason="提前")
    assert set(refusal.value.message_dict) == {"until"}
    assert not pledge.extensions.exists()


@pytest.mark.parametrize(("until", "reason", "field"), [
    ("late", "", "reason"), ("late", "   ", "reason"), ("yesterday", "住院", "until"),
    (None, "住院", "until"), ("after-cycle", "住院", "until"),
], ids=["no-reason", "blank-reason", "past-date", "no-date", "beyond-the-cycle"])
def test_bad_extensions_are_refused(cycle, pledge, branch_secretary, until, reason, field):
    from django.utils import timezone

    dates = {"late": cycle.commitment_deadline + DAY, None: None,
             "yesterday": timezone.localdate() - DAY, "after-cycle": cycle.ends + DAY}
    with pytest.raises(ValidationError) as refusal:
        services.pledge_extend_deadline(actor=branch_secretary, pledge=pledge,
                                        until=dates[until], reason=reason)
    assert set(refusal.value.message_dict) == {field}
    pledge.refresh_from_db()
    assert pledge.extended_until is None and not DeadlineExtension.objects.exists()


@pytest.mark.parametrize("who", ["member_user", "county_reviewer", "county_inspector",
                                 "other_secretary"])
def test_only_an_admin_on_the_reviewing_side_extends(request, cycle, pledge, who):
    with pytest.raises(OutOfReach):
        services.pledge_extend_deadline(actor=request.getfixturevalue(who), pledge=pledge,
                                        until=cycle.commitment_deadline + DAY, reason="住院")
    assert not DeadlineExtension.objects.exists()


def test_a_branch_cannot_extend_its_own_organization_pledge(cycle, branch, branch_secretary,
                                                            county_admin):
    pledge = services.pledge_start(actor=branch_secretary, cycle=cycle, organization=branch)
    until = cycle.commitment_deadline + DAY
    with pytest.raises(OutOfReach):
        services.pledge_extend_deadline(actor=branch_secretary, pledge=pledge, until=until,
                                        reason="换届")
    services.pledge_extend_deadline(actor=county_admin, pledge=pledge, until=until,
                                    reason="换届")


def test_the_home_branch_cannot_extend_a_residence_pledge(cycle, branch, committee,
                                                          branch_secretary):
    residence = OrganizationFactory(kind="branch", sector="community", parent=committee)
    commuter = MemberFactory(organization=branch, in_service=True,
                             residence_organization=residence)
    pledge = services.pledge_start(actor=branch_secretary, cycle=cycle, member=commuter,
                                   scope="residence")
    with pytest.raises(OutOfReach):
        services.pledge_extend_deadline(actor=branch_secretary, pledge=pledge,
                                        until=cycle.commitment_deadline + DAY, reason="出差")
