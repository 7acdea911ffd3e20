"""Drafting items (提诺): categories, dates, milestones, suggestions, and frozen versions."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.pledges import services
from chengnuo.pledges.models import Milestone, PledgeItem
from chengnuo.suggestions.services import suggestion_leave
from chengnuo.tests.assertions import chinese
from chengnuo.tests.factories import (
    ALL_CRITERIA,
    CycleFactory,
    MemberFactory,
    add_items,
    published_pledge,
    submitted_pledge,
)

DAY = datetime.timedelta(days=1)


@pytest.fixture
def branch_pledge(cycle, branch, branch_secretary):
    return services.pledge_start(actor=branch_secretary, cycle=cycle, organization=branch)


def add(pledge, actor, **overrides):
    values = {"category": "lead_service", "content": "每月走访独居老人不少于4户",
              "target": "全年48户次", "due_date": pledge.cycle.commitment_deadline + DAY}
    values.update(overrides)
    return services.item_add(actor=actor, pledge=pledge, **values)


def test_the_member_adds_an_item_with_milestones(pledge, member_user, cycle):
    due = cycle.quarter_2_ends
    item = add(pledge, member_user, due_date=due,
               milestones=[("走访名单确定", cycle.commitment_deadline),
                           ("上半年走访过半", due)])
    assert item.version == pledge.current_version and item.position == 1
    assert item.content == "每月走访独居老人不少于4户" and item.due_date == due
    assert [m.title for m in item.milestones.all()] == ["走访名单确定", "上半年走访过半"]
    assert AuditEvent.objects.filter(action="pledge.item_add", subject_id=pledge.pk).exists()


def test_items_are_numbered_in_the_order_they_are_added(pledge, member_user):
    items = add_items(pledge, actor=member_user, count=3)
    assert [item.position for item in items] == [1, 2, 3]


def test_the_secretary_may_draft_a_members_items(pledge, branch_secretary):
    assert add(pledge, branch_secretary).version == pledge.current_version


def test_a_fellow_member_cannot_see_or_draft_anothers_pledge(pledge, fellow_member):
    from chengnuo.tests.factories import UserFactory

    fellow_member.user = UserFactory(username="fellow_user")
    fellow_member.save()
    with pytest.raises(OutOfReach):
        add(pledge, fellow_member.user)


def test_another_countys_secretary_cannot_draft_items(pledge, other_secretary):
    with pytest.raises(OutOfReach):
        add(pledge, other_secretary)
    assert not PledgeItem.objects.exists()


def test_a_reviewer_who_sees_the_pledge_still_cannot_draft_it(pledge, county_reviewer):
    with pytest.raises(ValidationError):
        add(pledge, county_reviewer)
    assert not PledgeItem.objects.exists()


@pytest.mark.parametrize("category", ["leadership_team", "practical_service", "nonsense"])
def test_a_member_cannot_use_an_organization_category(pledge, member_user, category):
    with pytest.raises(ValidationError) as refusal:
        add(pledge, member_user, category=category)
    assert set(refusal.value.message_dict) == {"category"}


@pytest.mark.parametrize("category", ["lead_learning", "post_duty", "good_deeds"])
def test_an_organization_cannot_use_a_member_category(branch_pledge, branch_secretary,
                                                      category):
    with pytest.raises(ValidationError) as refusal:
        add(branch_pledge, branch_secretary, category=category)
    assert set(refusal.value.message_dict) == {"category"}


def test_an_organization_uses_the_five_goods(branch_pledge, branch_secretary):
    item = add(branch_pledge, branch_secretary, category="working_mechanism")
    assert item.category == "working_mechanism"


def test_a_category_the_cycle_does_not_use_is_refused(branch, member, member_user):
    cycle = CycleFactory(organization=branch,
                         categories=["practical_service", "lead_learning", "lead_service"])
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    with pytest.raises(ValidationError) as refusal:
        add(pledge, member_user, category="good_deeds")
    assert set(refusal.value.message_dict) == {"category"}
    assert add(pledge, member_user, category="lead_learning").category == "lead_learning"


@pytest.mark.parametrize("content", ["", "   ", "做" * 501], ids=["empty", "blank", "long"])
def test_an_item_needs_content_of_sane_length(pledge, member_user, content):
    with pytest.raises(ValidationError) as refusal:
        add(pledge, member_user, content=content)
    assert set(refusal.value.message_dict) == {"content"}


def test_a_long_target_is_refused(pledge, member_user):
    with pytest.raises(ValidationError) as refusal:
        add(pledge, member_user, target="户" * 201)
    assert set(refusal.value.message_dict) == {"target"}


def test_an_item_without_a_due_date_is_allowed_and_left_to_the_advisor(pledge, member_user):
    assert add(pledge, member_user, due_date=None).due_date is None


@pytest.mark.parametrize("offset", ["before", "after"])
def test_a_due_date_outside_the_cycle_is_refused(pledge, member_user, cycle, offset):
    due = cycle.solicitation_opens - DAY if offset == "before" else cycle.ends + DAY
    with pytest.raises(ValidationError) as refusal:
        add(pledge, member_user, due_date=due)
    assert set(refusal.value.message_dict) == {"due_date"}
    assert not PledgeItem.objects.exists()


def test_the_cycles_first_and_last_days_are_valid_due_dates(pledge, member_user, cycle):
    add(pledge, member_user, due_date=cycle.solicitation_opens)
    add(pledge, member_user, due_date=cycle.ends)
    assert PledgeItem.objects.count() == 2


@pytest.mark.parametrize("milestone", [
    ("开始", "before-cycle"), ("收尾", "after-cycle"), ("", "in-cycle"), ("没有日期", None),
    ("晚于完成时限", "after-due"),
], ids=["before-cycle", "after-cycle", "no-title", "no-date", "after-due-date"])
def test_bad_milestones_are_refused(pledge, member_user, cycle, milestone):
    title, when = milestone
    due = cycle.quarter_2_ends
    dates = {"before-cycle": cycle.solicitation_opens - DAY, "after-cycle": cycle.ends + DAY,
             "in-cycle": cycle.quarter_1_ends, "after-due": due + DAY, None: None}
    with pytest.raises(ValidationError) as refusal:
        add(pledge, member_user, due_date=due, milestones=[(title, dates[when])])
    assert set(refusal.value.message_dict) == {"milestones"}
    assert not Milestone.objects.exists() and not PledgeItem.objects.exists()


def test_an_item_takes_up_suggestions_made_to_the_organization(pledge, member_user, branch,
                                                              anonymous):
    suggestion = suggestion_leave(actor=anonymous, organization=branch,
                                  text="希望多关心小区独居老人")
    item = add(pledge, member_user, suggestions=[suggestion.pk])
    assert list(item.suggestions.all()) == [suggestion]


def test_suggestions_made_to_another_organization_are_refused(
        pledge, member_user, other_branch, other_county, anonymous):
    CycleFactory(organization=other_county)
    elsewhere = suggestion_leave(actor=anonymous, organization=other_branch,
                                 text="希望村里修一条路")
    with pytest.raises(ValidationError) as refusal:
        add(pledge, member_user, suggestions=[elsewhere.pk])
    assert set(refusal.value.message_dict) == {"suggestions"}
    assert not PledgeItem.objects.exists()


def test_an_unknown_suggestion_is_refused(pledge, member_user):
    with pytest.raises(ValidationError):
        add(pledge, member_user, suggestions=[987654])


def test_updating_an_item_replaces_its_fields_milestones_and_suggestions(
        pledge, member_user, cycle, branch, anonymous):
    suggestion = suggestion_leave(actor=anonymous, organization=branch, text="希望清理楼道杂物")
    item = add(pledge, member_user, milestones=[("开始", cycle.commitment_deadline)],
               suggestions=[suggestion.pk])
    services.item_update(actor=member_user, item=item, category="good_deeds",
                         content="每季度组织清理楼道杂物", target="每季度1次",
                         due_date=cycle.quarter_3_ends,
                         milestones=[("第一次清理", cycle.quarter_1_ends)])
    item.refresh_from_db()
    assert item.category == "good_deeds" and item.target == "每季度1次"
    assert [m.title for m in item.milestones.all()] == ["第一次清理"]
    assert not item.suggestions.exists()
    event = AuditEvent.objects.get(action="pledge.item_update")
    assert event.changes["item"] == ["每月走访独居老人不少于4户", "每季度组织清理楼道杂物"]


def test_a_bad_update_changes_nothing(pledge, member_user):
    item = add(pledge, member_user)
    with pytest.raises(ValidationError):
        services.item_update(actor=member_user, item=item, category="leadership_team",
                             content="改")
    item.refresh_from_db()
    assert item.category == "lead_service"


def test_removing_an_item_from_the_draft(pledge, member_user):
    first, second = add_items(pledge, actor=member_user, count=2)
    services.item_remove(actor=member_user, item=first)
    assert list(pledge.current_version.items.all()) == [second]
    assert AuditEvent.objects.filter(action="pledge.item_remove").exists()


def test_an_outsider_cannot_remove_an_item(pledge, member_user, other_secretary):
    item = add(pledge, member_user)
    with pytest.raises(OutOfReach):
        services.item_remove(actor=other_secretary, item=item)
    assert PledgeItem.objects.filter(pk=item.pk).exists()


# ---- frozen versions --------------------------------------------------------------------------

def assert_frozen(pledge, actor, item):
    """item_add, item_update and item_remove are all refused and change nothing."""
    count = PledgeItem.objects.count()
    with pytest.raises(ValidationError):
        add(pledge, actor)
    with pytest.raises(ValidationError):
        services.item_update(actor=actor, item=item, category="lead_learning",
                             content="偷偷改掉")
    with pytest.raises(ValidationError):
        services.item_remove(actor=actor, item=item)
    item.refresh_from_db()
    assert item.content != "偷偷改掉" and PledgeItem.objects.count() == count


def test_a_submitted_version_cannot_be_edited(cycle, member, member_user):
    pledge = submitted_pledge(actor=member_user, cycle=cycle, member=member)
    assert_frozen(pledge, member_user, pledge.current_version.items.first())


def test_a_returned_version_cannot_be_edited(cycle, member, member_user, branch_secretary):
    pledge = submitted_pledge(actor=member_user, cycle=cycle, member=member)
    services.pledge_review(actor=branch_secretary, pledge=pledge, decision="returned",
                           guidance="目标再具体一些")
    pledge.refresh_from_db()
    assert_frozen(pledge, member_user, pledge.current_version.items.first())
    assert_frozen(pledge, branch_secretary, pledge.current_version.items.first())


def test_an_approved_version_cannot_be_edited(cycle, member, member_user, branch_secretary):
    pledge = submitted_pledge(actor=member_user, cycle=cycle, member=member)
    services.pledge_review(actor=branch_secretary, pledge=pledge, decision="approved",
                           criteria_met=ALL_CRITERIA)
    pledge.refresh_from_db()
    assert_frozen(pledge, branch_secretary, pledge.current_version.items.first())


def test_a_published_version_cannot_be_edited_in_place(cycle, member, member_user,
                                                       branch_secretary):
    pledge = published_pledge(actor=member_user, reviewer=branch_secretary,
                              publisher=branch_secretary, cycle=cycle, member=member)
    assert_frozen(pledge, member_user, pledge.published_version.items.first())
    assert_frozen(pledge, branch_secretary, pledge.published_version.items.first())


def test_after_an_amendment_the_published_items_stay_frozen(cycle, member, member_user,
                                                            branch_secretary):
    pledge = published_pledge(actor=member_user, reviewer=branch_secretary,
                              publisher=branch_secretary, cycle=cycle, member=member)
    published_item = pledge.published_version.items.first()
    services.pledge_amend(actor=member_user, pledge=pledge, reason="工作岗位调整")
    with pytest.raises(ValidationError):
        services.item_update(actor=member_user, item=published_item,
                             category="lead_learning", content="偷偷改掉")
    with pytest.raises(ValidationError):
        services.item_remove(actor=member_user, item=published_item)
    published_item.refresh_from_db()
    assert published_item.content != "偷偷改掉"


def test_the_refusal_to_edit_a_published_version_is_in_chinese(cycle, member, member_user,
                                                               branch_secretary):
    pledge = published_pledge(actor=member_user, reviewer=branch_secretary,
                              publisher=branch_secretary, cycle=cycle, member=member)
    with pytest.raises(ValidationError) as refusal:
        add(pledge, member_user)
    assert chinese(refusal.value), refusal.value.messages


# ---- oral pledges -----------------------------------------------------------------------------

@pytest.fixture
def oral_pledge(cycle, branch, branch_secretary):
    from chengnuo.tests.factories import UserFactory

    elderly = MemberFactory(organization=branch, retired=True,
                            user=UserFactory(username="retired_user"))
    return services.pledge_start(actor=branch_secretary, cycle=cycle, member=elderly,
                                 oral=True)


def test_the_secretary_records_the_items_of_an_oral_pledge(oral_pledge, branch_secretary):
    assert add(oral_pledge, branch_secretary).version.is_oral


def test_a_member_cannot_edit_their_own_oral_pledge(oral_pledge, branch_secretary):
    item = add(oral_pledge, branch_secretary)
    owner = oral_pledge.member.user
    with pytest.raises(ValidationError):
        add(oral_pledge, owner)
    with pytest.raises(ValidationError):
        services.item_update(actor=owner, item=item, category="lead_service", content="改")
    with pytest.raises(ValidationError):
        services.item_remove(actor=owner, item=item)
    with pytest.raises(ValidationError):
        services.pledge_submit(actor=owner, pledge=oral_pledge)
    assert PledgeItem.objects.count() == 1


def test_the_refusal_to_let_a_member_edit_an_oral_pledge_is_in_chinese(oral_pledge):
    with pytest.raises(ValidationError) as refusal:
        add(oral_pledge, oral_pledge.member.user)
    assert chinese(refusal.value), refusal.value.messages
