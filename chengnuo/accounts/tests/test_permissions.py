"""What each role may do inside and outside its subtree."""

import pytest

from chengnuo.accounts.models import Role
from chengnuo.accounts.permissions import (
    Need,
    OutOfReach,
    access_member,
    access_organization,
    can,
    members_for,
    organizations_for,
    reach_paths,
)
from chengnuo.tests.factories import RoleGrantFactory


def test_county_admin_manages_everything_in_the_county(county_admin, county, branch, member):
    assert can(county_admin, Need.MANAGE, county)
    assert can(county_admin, Need.MANAGE, branch)
    assert can(county_admin, Need.MANAGE, member)
    assert can(county_admin, Need.IMPORT, branch)


def test_county_admin_reaches_nothing_in_another_county(county_admin, other_branch, other_member):
    assert not can(county_admin, Need.VIEW, other_branch)
    assert not can(county_admin, Need.VIEW, other_member)
    with pytest.raises(OutOfReach):
        access_organization(county_admin, other_branch.slug)
    with pytest.raises(OutOfReach):
        access_member(county_admin, other_member.pk)


def test_county_admin_does_not_reach_up_to_the_city(county_admin, city):
    assert not can(county_admin, Need.VIEW, city)
    assert city not in organizations_for(county_admin)


def test_organizations_for_is_exactly_the_subtree(county_admin, county, township, branch,
                                                  other_branch, city):
    reachable = set(organizations_for(county_admin, Need.MANAGE))
    assert {county, township, branch} <= reachable
    assert other_branch not in reachable
    assert city not in reachable


def test_reviewer_views_and_reviews_but_does_not_manage(county_reviewer, branch, member):
    assert can(county_reviewer, Need.VIEW, branch)
    assert can(county_reviewer, Need.REVIEW, branch)
    assert not can(county_reviewer, Need.MANAGE, branch)
    assert not can(county_reviewer, Need.IMPORT, branch)
    assert can(county_reviewer, Need.VIEW, member)


def test_inspector_views_and_inspects_but_does_not_manage(county_inspector, branch):
    assert can(county_inspector, Need.VIEW, branch)
    assert can(county_inspector, Need.INSPECT, branch)
    assert not can(county_inspector, Need.MANAGE, branch)
    assert not can(county_inspector, Need.REVIEW, branch)


def test_branch_secretary_of_another_county_reaches_nothing_here(other_secretary, branch,
                                                                 member, other_branch):
    assert can(other_secretary, Need.MANAGE, other_branch)
    assert not can(other_secretary, Need.VIEW, branch)
    assert not members_for(other_secretary).filter(pk=member.pk).exists()


def test_member_sees_own_record_and_organization_only(member_user, member, fellow_member,
                                                      branch, committee):
    assert can(member_user, Need.VIEW, member)
    assert can(member_user, Need.VIEW, branch)
    assert not can(member_user, Need.VIEW, fellow_member)
    assert not can(member_user, Need.VIEW, committee)
    assert not can(member_user, Need.MANAGE, member)
    assert list(members_for(member_user)) == [member]


def test_anonymous_visitor_reaches_nothing(anonymous, branch, member):
    assert not can(anonymous, Need.VIEW, branch)
    assert not organizations_for(anonymous).exists()
    assert not members_for(anonymous).exists()


def test_system_admin_reaches_everything(system_admin, branch, other_member):
    assert can(system_admin, Need.MANAGE, branch)
    assert can(system_admin, Need.MANAGE, other_member)


def test_inactive_user_reaches_nothing(county_admin, branch):
    county_admin.is_active = False
    county_admin.save()
    assert not can(county_admin, Need.VIEW, branch)


def test_nested_grants_fold_into_the_top_one(county_admin, county, branch):
    RoleGrantFactory(user=county_admin, organization=branch, role=Role.ADMIN)
    county_admin._chengnuo_grants = None
    assert reach_paths(county_admin, Need.MANAGE) == [county.path]


def test_sibling_with_a_longer_step_number_is_not_in_the_subtree(county_admin, city, county):
    # Paths are fixed-width, so county "…0001" never prefixes a sibling "…0010".
    from chengnuo.tests.factories import OrganizationFactory

    siblings = [OrganizationFactory(kind="county", parent=city) for _ in range(10)]
    assert all(not can(county_admin, Need.VIEW, sibling) for sibling in siblings)
