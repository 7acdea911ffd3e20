"""The permission layer for pledges: the query and its per-row twin give the same answer."""

import pytest

from chengnuo.pledges import access
from chengnuo.pledges.services import pledge_start
from chengnuo.tests.factories import MemberFactory, OrganizationFactory, UserFactory

ACTORS = ["member_user", "branch_secretary", "county_admin", "county_reviewer",
          "county_inspector", "other_secretary", "system_admin", "anonymous"]


@pytest.fixture
def pledges(cycle, member, member_user, branch, branch_secretary, township, county_admin):
    """A member's work pledge, the branch's own pledge, and the residence pledge of an
    in-service member of another branch registered at this one."""
    elsewhere = OrganizationFactory(name="区机关党支部", kind="branch", sector="government",
                                    parent=township)
    community = OrganizationFactory(name="北山社区第三党支部", kind="branch",
                                    sector="community", parent=township)
    resident = MemberFactory(organization=elsewhere, in_service=True,
                             residence_organization=community,
                             user=UserFactory(username="resident"))
    return [
        pledge_start(actor=member_user, cycle=cycle, member=member),
        pledge_start(actor=branch_secretary, cycle=cycle, organization=branch),
        pledge_start(actor=county_admin, cycle=cycle, member=resident, scope="residence"),
    ]


@pytest.mark.parametrize("who", ACTORS)
def test_may_view_agrees_with_the_pledges_query(request, pledges, who):
    user = request.getfixturevalue(who)
    visible = set(access.pledges_for(user).values_list("pk", flat=True))
    for pledge in access.pledges_for(request.getfixturevalue("system_admin")).select_related(
            "organization", "member__organization", "reviewing_organization"):
        assert access.may_view(user, pledge) == (pledge.pk in visible), (who, pledge)


def test_the_member_sees_their_own_pledge_only(pledges, member_user):
    assert [access.may_view(member_user, p) for p in pledges] == [True, False, False]
