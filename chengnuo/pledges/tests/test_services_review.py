"""Review (审诺): who decides, the five criteria, the higher standard, one decision per
version, and revision keeping every version."""

import pytest
from django.core.exceptions import ValidationError

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.pledges import services
from chengnuo.pledges.models import Criterion, Milestone, PledgeItem, Review, State
from chengnuo.suggestions.services import suggestion_leave
from chengnuo.tests.assertions import chinese
from chengnuo.tests.factories import (
    ALL_CRITERIA,
    MemberFactory,
    OrganizationFactory,
    RoleGrantFactory,
    UserFactory,
    add_items,
    submitted_pledge,
)


@pytest.fixture
def submitted(cycle, member, member_user):
    return submitted_pledge(actor=member_user, cycle=cycle, member=member)


def approve(actor, pledge, **kwargs):
    values = {"decision": "approved", "criteria_met": ALL_CRITERIA}
    values.update(kwargs)
    return services.pledge_review(actor=actor, pledge=pledge, **values)


def give_back(actor, pledge, guidance="第二项请写明服务对象和次数"):
    return services.pledge_review(actor=actor, pledge=pledge, decision="returned",
                                  guidance=guidance)


def test_the_branch_secretary_approves_a_members_pledge(submitted, branch_secretary):
    review = approve(branch_secretary, submitted)
    assert review.reviewer == branch_secretary and review.decision == "approved"
    assert review.criteria_met == list(Criterion.values)
    submitted.refresh_from_db()
    assert submitted.state == submitted.current_version.state == State.APPROVED
    event = AuditEvent.objects.get(action="pledge.approved", subject_id=submitted.pk)
    assert event.changes["state"] == [State.SUBMITTED, State.APPROVED]


def test_the_branch_secretary_returns_a_pledge_with_guidance(submitted, branch_secretary):
    review = give_back(branch_secretary, submitted, guidance="  目标要可衡量  ")
    assert review.guidance == "目标要可衡量" and review.decision == "returned"
    submitted.refresh_from_db()
    assert submitted.state == State.RETURNED
    assert AuditEvent.objects.filter(action="pledge.returned").exists()


def test_a_county_reviewer_may_review_a_branch_members_pledge(submitted, county_reviewer):
    approve(county_reviewer, submitted)
    submitted.refresh_from_db()
    assert submitted.state == State.APPROVED


def test_a_county_admin_may_review_a_branch_members_pledge(submitted, county_admin):
    review = give_back(county_admin, submitted)
    assert review.reviewer == county_admin and review.decision == "returned"
    submitted.refresh_from_db()
    assert submitted.state == State.RETURNED


@pytest.mark.parametrize("missing", list(Criterion.values))
def test_approval_needs_all_five_criteria(submitted, branch_secretary, missing):
    with pytest.raises(ValidationError) as refusal:
        approve(branch_secretary, submitted,
                criteria_met=[c for c in ALL_CRITERIA if c != missing])
    assert set(refusal.value.message_dict) == {"criteria_met"}
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED and not Review.objects.exists()


def test_unknown_criteria_do_not_count_towards_the_five(submitted, branch_secretary):
    with pytest.raises(ValidationError):
        approve(branch_secretary, submitted,
                criteria_met=[*ALL_CRITERIA[:4], "looks_nice", "also_fine"])


def test_a_leaders_pledge_needs_the_higher_standard_confirmed(cycle, branch,
                                                              branch_secretary,
                                                              county_reviewer):
    leader = MemberFactory(organization=branch, holds_leadership_post=True)
    pledge = submitted_pledge(actor=branch_secretary, cycle=cycle, member=leader, items=5)
    with pytest.raises(ValidationError) as refusal:
        approve(county_reviewer, pledge, higher_standard_confirmed=False)
    assert set(refusal.value.message_dict) == {"higher_standard_confirmed"}
    review = approve(county_reviewer, pledge, higher_standard_confirmed=True)
    assert review.higher_standard_confirmed


def test_a_return_needs_guidance(submitted, branch_secretary):
    with pytest.raises(ValidationError) as refusal:
        give_back(branch_secretary, submitted, guidance="   ")
    assert set(refusal.value.message_dict) == {"guidance"}
    assert not Review.objects.exists()


def test_guidance_has_a_length_limit(submitted, branch_secretary):
    with pytest.raises(ValidationError) as refusal:
        give_back(branch_secretary, submitted, guidance="改" * 2001)
    assert set(refusal.value.message_dict) == {"guidance"}


def test_an_unknown_decision_is_refused(submitted, branch_secretary):
    with pytest.raises(ValidationError) as refusal:
        services.pledge_review(actor=branch_secretary, pledge=submitted, decision="maybe",
                               criteria_met=ALL_CRITERIA)
    assert set(refusal.value.message_dict) == {"decision"}


def test_a_draft_cannot_be_reviewed(cycle, member, member_user, branch_secretary):
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    add_items(pledge, actor=member_user, count=3)
    with pytest.raises(ValidationError):
        approve(branch_secretary, pledge)
    assert not Review.objects.exists()


def test_a_second_decision_is_told_it_was_already_decided(submitted, branch_secretary,
                                                          county_reviewer):
    approve(branch_secretary, submitted)
    with pytest.raises(ValidationError) as refusal:
        give_back(county_reviewer, submitted)
    assert "already decided" in refusal.value.messages[0] or chinese(refusal.value)
    assert Review.objects.count() == 1
    submitted.refresh_from_db()
    assert submitted.state == State.APPROVED


def test_a_returned_pledge_is_already_decided_too(submitted, branch_secretary):
    give_back(branch_secretary, submitted)
    with pytest.raises(ValidationError):
        approve(branch_secretary, submitted)
    assert Review.objects.count() == 1


def test_the_already_decided_refusal_is_in_chinese(submitted, branch_secretary,
                                                   county_reviewer):
    approve(branch_secretary, submitted)
    with pytest.raises(ValidationError) as refusal:
        approve(county_reviewer, submitted)
    assert chinese(refusal.value), refusal.value.messages


# ---- who may not review -----------------------------------------------------------------------

@pytest.fixture
def secretary_as_member(branch, branch_secretary):
    """The branch secretary is also an ordinary member of the branch with a pledge."""
    return MemberFactory(organization=branch, name="书记本人", user=branch_secretary)


def test_the_secretary_cannot_review_their_own_pledge(cycle, secretary_as_member,
                                                      branch_secretary, county_reviewer):
    pledge = submitted_pledge(actor=branch_secretary, cycle=cycle, member=secretary_as_member)
    with pytest.raises(ValidationError) as refusal:
        approve(branch_secretary, pledge)
    assert not Review.objects.exists()
    assert "own pledge" in refusal.value.messages[0] or chinese(refusal.value)
    approve(county_reviewer, pledge)


def test_the_refusal_to_review_your_own_pledge_is_in_chinese(cycle, secretary_as_member,
                                                             branch_secretary):
    pledge = submitted_pledge(actor=branch_secretary, cycle=cycle, member=secretary_as_member)
    with pytest.raises(ValidationError) as refusal:
        approve(branch_secretary, pledge)
    assert chinese(refusal.value), refusal.value.messages


def test_a_plain_member_cannot_review_their_own_pledge(submitted, member_user):
    with pytest.raises(ValidationError):
        approve(member_user, submitted)


def test_a_secretary_may_review_a_members_pledge_they_entered(cycle, fellow_member,
                                                              branch_secretary):
    pledge = submitted_pledge(actor=branch_secretary, cycle=cycle, member=fellow_member)
    approve(branch_secretary, pledge)
    pledge.refresh_from_db()
    assert pledge.state == State.APPROVED


def test_nobody_reviews_an_organizations_pledge_they_submitted(cycle, branch, county_admin,
                                                               county_reviewer):
    pledge = submitted_pledge(actor=county_admin, cycle=cycle, organization=branch)
    with pytest.raises(ValidationError):
        approve(county_admin, pledge)
    assert not Review.objects.exists()
    approve(county_reviewer, pledge)


@pytest.mark.parametrize("who", ["other_secretary", "county_inspector"])
def test_a_reviewer_outside_the_subtree_is_out_of_reach(request, submitted, who):
    with pytest.raises(OutOfReach):
        approve(request.getfixturevalue(who), submitted)
    assert not Review.objects.exists()


def test_a_fellow_member_cannot_review(submitted, fellow_member):
    fellow_member.user = UserFactory(username="fellow_user")
    fellow_member.save()
    with pytest.raises(OutOfReach):
        approve(fellow_member.user, submitted)


def test_an_organization_pledge_is_reviewed_by_the_parent_not_itself(
        cycle, branch, branch_secretary, county_reviewer):
    pledge = submitted_pledge(actor=branch_secretary, cycle=cycle, organization=branch)
    with pytest.raises(OutOfReach):
        approve(branch_secretary, pledge)
    committee_secretary = RoleGrantFactory(organization=branch.parent,
                                           user=UserFactory(username="committee_sec")).user
    approve(committee_secretary, pledge)
    pledge.refresh_from_db()
    assert pledge.state == State.APPROVED


def test_a_residence_pledge_is_reviewed_by_the_residence_community(
        cycle, branch, committee, branch_secretary):
    residence = OrganizationFactory(kind="branch", sector="community", parent=committee)
    residence_secretary = RoleGrantFactory(organization=residence,
                                           user=UserFactory(username="res_sec")).user
    commuter = MemberFactory(organization=branch, in_service=True,
                             residence_organization=residence,
                             user=UserFactory(username="commuter"))
    pledge = submitted_pledge(actor=commuter.user, cycle=cycle, member=commuter,
                              scope="residence")
    with pytest.raises(OutOfReach):
        approve(branch_secretary, pledge)
    approve(residence_secretary, pledge)


# ---- revision ---------------------------------------------------------------------------------

def test_revising_keeps_the_returned_version_and_copies_everything(
        cycle, branch, member, member_user, branch_secretary, anonymous):
    suggestion = suggestion_leave(actor=anonymous, organization=branch, text="希望关心独居老人")
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    first = services.item_add(actor=member_user, pledge=pledge, category="lead_service",
                              content="每月走访独居老人", target="全年48户次",
                              due_date=cycle.quarter_2_ends,
                              milestones=[("名单确定", cycle.quarter_1_ends)],
                              suggestions=[suggestion.pk])
    add_items(pledge, actor=member_user, count=2)
    services.pledge_submit(actor=member_user, pledge=pledge)
    give_back(branch_secretary, pledge)
    returned = pledge.current_version

    draft = services.pledge_revise(actor=member_user, pledge=pledge)

    pledge.refresh_from_db()
    returned.refresh_from_db()
    assert draft.number == 2 and draft.state == State.DRAFT
    assert pledge.current_version == draft and pledge.state == State.DRAFT
    assert returned.state == State.RETURNED and returned.review.decision == "returned"
    assert returned.items.count() == 3 and draft.items.count() == 3
    copy = draft.items.get(position=first.position)
    assert copy.pk != first.pk
    assert (copy.content, copy.target, copy.due_date) == (
        "每月走访独居老人", "全年48户次", cycle.quarter_2_ends)
    assert [(m.title, m.due_date) for m in copy.milestones.all()] == [
        ("名单确定", cycle.quarter_1_ends)]
    assert list(copy.suggestions.all()) == [suggestion]
    assert list(pledge.versions.values_list("number", flat=True)) == [1, 2]
    assert AuditEvent.objects.filter(action="pledge.revise").exists()

    # Editing the revision leaves the returned version as the reviewer saw it.
    services.item_update(actor=member_user, item=copy, category="lead_service",
                         content="每月走访独居老人不少于4户", target="全年48户次")
    first.refresh_from_db()
    assert first.content == "每月走访独居老人"
    assert Milestone.objects.filter(item=first).count() == 1


def test_a_revised_pledge_is_resubmitted_and_approved_keeping_every_version(
        submitted, member_user, branch_secretary):
    give_back(branch_secretary, submitted)
    services.pledge_revise(actor=member_user, pledge=submitted)
    services.pledge_submit(actor=member_user, pledge=submitted)
    approve(branch_secretary, submitted)
    states = list(submitted.versions.order_by("number").values_list("state", flat=True))
    assert states == [State.RETURNED, State.APPROVED]
    assert Review.objects.filter(version__pledge=submitted).count() == 2
    assert PledgeItem.objects.filter(version__pledge=submitted).count() == 6


@pytest.mark.parametrize("stage", ["draft", "submitted", "approved"])
def test_only_a_returned_pledge_is_revised(cycle, member, member_user, branch_secretary,
                                           stage):
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    if stage != "draft":
        add_items(pledge, actor=member_user, count=3)
        services.pledge_submit(actor=member_user, pledge=pledge)
    if stage == "approved":
        approve(branch_secretary, pledge)
    with pytest.raises(ValidationError):
        services.pledge_revise(actor=member_user, pledge=pledge)
    assert pledge.versions.count() == 1


def test_the_secretary_may_revise_a_members_returned_pledge(submitted, branch_secretary,
                                                            county_reviewer):
    give_back(county_reviewer, submitted)
    draft = services.pledge_revise(actor=branch_secretary, pledge=submitted)
    assert draft.created_by == branch_secretary


def test_an_outsider_cannot_revise(submitted, branch_secretary, other_secretary):
    give_back(branch_secretary, submitted)
    with pytest.raises(OutOfReach):
        services.pledge_revise(actor=other_secretary, pledge=submitted)
    assert submitted.versions.count() == 1


def test_a_reviewer_cannot_revise_the_owners_pledge(submitted, county_reviewer):
    give_back(county_reviewer, submitted)
    with pytest.raises(ValidationError):
        services.pledge_revise(actor=county_reviewer, pledge=submitted)
