"""Starting a pledge (提诺): who commits where, who may start it, and who reviews it."""

import pytest
from django.core.exceptions import ValidationError

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.pledges.models import Pledge, Scope, State
from chengnuo.pledges.services import pledge_start
from chengnuo.tests.assertions import chinese
from chengnuo.tests.factories import (
    CycleFactory,
    MemberFactory,
    OrganizationFactory,
    PostFactory,
    RoleGrantFactory,
    UserFactory,
)


@pytest.fixture
def residence(committee):
    return OrganizationFactory(name="北山社区第二党支部", kind="branch", sector="community",
                               parent=committee)


@pytest.fixture
def residence_secretary(residence):
    return RoleGrantFactory(organization=residence,
                            user=UserFactory(username="residence_secretary")).user


@pytest.fixture
def in_service(branch, residence):
    return MemberFactory(organization=branch, name="周在职", in_service=True,
                         residence_organization=residence,
                         user=UserFactory(username="in_service_user"))


@pytest.fixture
def elderly(branch):
    return MemberFactory(organization=branch, name="赵老", elderly_or_low_literacy=True,
                         user=UserFactory(username="elderly_user"))


# ---- members --------------------------------------------------------------------------------

def test_a_member_starts_their_own_pledge_reviewed_by_their_branch(
        cycle, member, member_user, branch):
    pledge = pledge_start(actor=member_user, cycle=cycle, member=member)
    assert pledge.member == member and pledge.owner_organization is None
    assert pledge.scope == Scope.WORK
    assert pledge.organization == branch and pledge.reviewing_organization == branch
    assert pledge.state == State.DRAFT
    version = pledge.current_version
    assert version.number == 1 and version.state == State.DRAFT and not version.is_oral
    assert version.created_by == member_user
    assert AuditEvent.objects.filter(action="pledge.start", subject_id=pledge.pk,
                                     actor=member_user).exists()


def test_the_secretary_starts_a_pledge_for_a_member(cycle, fellow_member, branch_secretary):
    pledge = pledge_start(actor=branch_secretary, cycle=cycle, member=fellow_member)
    assert pledge.member == fellow_member
    assert pledge.current_version.created_by == branch_secretary


def test_a_county_admin_starts_a_pledge_for_a_member_below(cycle, member, county_admin):
    assert pledge_start(actor=county_admin, cycle=cycle, member=member).member == member


def test_a_member_cannot_start_a_pledge_for_a_fellow_member(cycle, fellow_member,
                                                             member_user):
    with pytest.raises(OutOfReach):
        pledge_start(actor=member_user, cycle=cycle, member=fellow_member)
    assert not Pledge.objects.exists()


def test_a_reviewer_cannot_start_a_pledge_for_a_member(cycle, member, county_reviewer):
    with pytest.raises(OutOfReach):
        pledge_start(actor=county_reviewer, cycle=cycle, member=member)


def test_another_countys_secretary_cannot_start_a_pledge_here(cycle, member,
                                                                other_secretary):
    with pytest.raises(OutOfReach):
        pledge_start(actor=other_secretary, cycle=cycle, member=member)
    assert not Pledge.objects.exists()


def test_a_second_pledge_for_the_same_member_scope_and_cycle_is_refused(
        cycle, member, member_user, branch_secretary):
    pledge_start(actor=member_user, cycle=cycle, member=member)
    with pytest.raises(ValidationError):
        pledge_start(actor=branch_secretary, cycle=cycle, member=member)
    assert Pledge.objects.count() == 1


def test_a_cycle_that_does_not_cover_the_organization_is_refused(
        other_county, member, branch_secretary):
    elsewhere = CycleFactory(organization=other_county)
    with pytest.raises(ValidationError) as refusal:
        pledge_start(actor=branch_secretary, cycle=elsewhere, member=member)
    assert "第一党支部" in " ".join(refusal.value.messages)
    assert not Pledge.objects.exists()


def test_a_cycle_opened_below_does_not_cover_the_organization_above(
        committee, branch, county_admin):
    below = CycleFactory(organization=branch)
    with pytest.raises(ValidationError):
        pledge_start(actor=county_admin, cycle=below, organization=committee)


# ---- residence community (in-service members) -----------------------------------------------

def test_an_in_service_member_has_a_second_pledge_reviewed_by_the_residence_community(
        cycle, in_service, residence, branch):
    actor = in_service.user
    work = pledge_start(actor=actor, cycle=cycle, member=in_service)
    home = pledge_start(actor=actor, cycle=cycle, member=in_service, scope=Scope.RESIDENCE)
    assert work.reviewing_organization == branch
    assert home.scope == Scope.RESIDENCE
    assert home.organization == residence and home.reviewing_organization == residence
    assert Pledge.objects.filter(member=in_service).count() == 2


def test_the_residence_communitys_secretary_may_start_the_residence_pledge(
        cycle, in_service, residence_secretary, residence):
    pledge = pledge_start(actor=residence_secretary, cycle=cycle, member=in_service,
                          scope=Scope.RESIDENCE)
    assert pledge.organization == residence


def test_the_residence_secretary_cannot_start_the_work_pledge(cycle, in_service,
                                                               residence_secretary):
    with pytest.raises(OutOfReach):
        pledge_start(actor=residence_secretary, cycle=cycle, member=in_service)


def test_a_second_residence_pledge_is_refused(cycle, in_service, branch_secretary):
    pledge_start(actor=branch_secretary, cycle=cycle, member=in_service,
                 scope=Scope.RESIDENCE)
    with pytest.raises(ValidationError):
        pledge_start(actor=branch_secretary, cycle=cycle, member=in_service,
                     scope=Scope.RESIDENCE)


def test_a_residence_pledge_is_refused_for_a_member_not_in_service(cycle, member,
                                                                    member_user):
    with pytest.raises(ValidationError):
        pledge_start(actor=member_user, cycle=cycle, member=member, scope=Scope.RESIDENCE)
    assert not Pledge.objects.exists()


def test_a_residence_pledge_is_refused_without_a_residence_community(cycle, branch,
                                                                     branch_secretary):
    commuter = MemberFactory(organization=branch, in_service=True)
    with pytest.raises(ValidationError):
        pledge_start(actor=branch_secretary, cycle=cycle, member=commuter,
                     scope=Scope.RESIDENCE)


def test_a_residence_community_outside_the_cycle_is_refused(cycle, branch, other_branch,
                                                            branch_secretary):
    other_branch.sector = "community"
    other_branch.save()
    commuter = MemberFactory(organization=branch, in_service=True,
                             residence_organization=other_branch)
    with pytest.raises(ValidationError):
        pledge_start(actor=branch_secretary, cycle=cycle, member=commuter,
                     scope=Scope.RESIDENCE)


def test_an_unknown_scope_is_refused(cycle, member, member_user):
    with pytest.raises(ValidationError):
        pledge_start(actor=member_user, cycle=cycle, member=member, scope="holiday")
    assert not Pledge.objects.exists()


# ---- oral pledges -----------------------------------------------------------------------------

@pytest.mark.parametrize("flag", ["elderly_or_low_literacy", "retired"])
def test_the_secretary_records_an_oral_pledge_for_an_eligible_member(
        cycle, branch, branch_secretary, flag):
    eligible = MemberFactory(organization=branch, **{flag: True})
    pledge = pledge_start(actor=branch_secretary, cycle=cycle, member=eligible, oral=True)
    assert pledge.current_version.is_oral
    event = AuditEvent.objects.get(action="pledge.start", subject_id=pledge.pk)
    assert event.changes["oral"] == [None, True]


def test_an_eligible_member_cannot_record_their_own_oral_pledge(cycle, elderly):
    with pytest.raises(ValidationError):
        pledge_start(actor=elderly.user, cycle=cycle, member=elderly, oral=True)
    assert not Pledge.objects.exists()


def test_an_eligible_member_may_still_write_their_own_pledge(cycle, elderly):
    pledge = pledge_start(actor=elderly.user, cycle=cycle, member=elderly)
    assert not pledge.current_version.is_oral


def test_an_oral_pledge_for_an_ineligible_member_is_refused(cycle, member,
                                                            branch_secretary):
    with pytest.raises(ValidationError):
        pledge_start(actor=branch_secretary, cycle=cycle, member=member, oral=True)
    assert not Pledge.objects.exists()


def test_the_refusal_of_an_oral_pledge_for_an_ineligible_member_is_in_chinese(
        cycle, member, branch_secretary):
    with pytest.raises(ValidationError) as refusal:
        pledge_start(actor=branch_secretary, cycle=cycle, member=member, oral=True)
    assert chinese(refusal.value), refusal.value.messages


def test_an_organization_cannot_pledge_orally(cycle, branch, branch_secretary):
    with pytest.raises(ValidationError):
        pledge_start(actor=branch_secretary, cycle=cycle, organization=branch, oral=True)


# ---- members without a post -----------------------------------------------------------------

def test_a_member_without_a_post_commits_through_the_assigned_post(cycle, branch,
                                                                   branch_secretary):
    post = PostFactory(organization=branch, name="楼道长")
    idle = MemberFactory(organization=branch, without_post=True, post=post)
    pledge = pledge_start(actor=branch_secretary, cycle=cycle, member=idle)
    assert pledge.post == post and pledge.current_version.post_name == "楼道长"


def test_a_member_without_a_post_and_no_assigned_post_is_refused(cycle, branch,
                                                                 branch_secretary):
    idle = MemberFactory(organization=branch, without_post=True)
    with pytest.raises(ValidationError):
        pledge_start(actor=branch_secretary, cycle=cycle, member=idle)
    assert not Pledge.objects.exists()


# ---- organizations ------------------------------------------------------------------------

def test_the_branch_secretary_starts_the_branchs_pledge_reviewed_by_the_parent(
        cycle, branch, committee, branch_secretary):
    pledge = pledge_start(actor=branch_secretary, cycle=cycle, organization=branch)
    assert pledge.owner_organization == branch and pledge.member is None
    assert pledge.organization == branch and pledge.reviewing_organization == committee


def test_a_committee_is_reviewed_by_the_township(cycle, committee, township, county_admin):
    pledge = pledge_start(actor=county_admin, cycle=cycle, organization=committee)
    assert pledge.reviewing_organization == township


def test_a_second_organization_pledge_is_refused(cycle, branch, branch_secretary):
    pledge_start(actor=branch_secretary, cycle=cycle, organization=branch)
    with pytest.raises(ValidationError):
        pledge_start(actor=branch_secretary, cycle=cycle, organization=branch)
    assert Pledge.objects.count() == 1


def test_only_grassroots_organizations_make_pledges(cycle, township, county_admin):
    with pytest.raises(ValidationError):
        pledge_start(actor=county_admin, cycle=cycle, organization=township)


def test_an_organization_pledge_has_no_residence_scope(cycle, branch, branch_secretary):
    with pytest.raises(ValidationError):
        pledge_start(actor=branch_secretary, cycle=cycle, organization=branch,
                     scope=Scope.RESIDENCE)


@pytest.mark.parametrize("who", ["member_user", "county_reviewer", "other_secretary"])
def test_only_an_admin_starts_an_organizations_pledge(request, cycle, branch, who):
    with pytest.raises(OutOfReach):
        pledge_start(actor=request.getfixturevalue(who), cycle=cycle, organization=branch)


def test_exactly_one_owner_is_given(cycle, branch, member, branch_secretary):
    with pytest.raises(TypeError):
        pledge_start(actor=branch_secretary, cycle=cycle)
    with pytest.raises(TypeError):
        pledge_start(actor=branch_secretary, cycle=cycle, member=member, organization=branch)
