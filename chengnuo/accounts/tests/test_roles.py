import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from chengnuo.accounts import services
from chengnuo.accounts.models import Role, RoleGrant
from chengnuo.accounts.permissions import Need, OutOfReach, can
from chengnuo.audit.models import AuditEvent
from chengnuo.tests.factories import PASSWORD, UserFactory


def test_county_admin_grants_a_secretary_role_in_a_branch(county_admin, branch):
    newcomer = UserFactory(username="new_secretary")
    services.role_grant(actor=county_admin, user=newcomer, organization=branch,
                        role=Role.ADMIN)
    assert can(newcomer, Need.MANAGE, branch)
    assert AuditEvent.objects.filter(action="role.grant", subject_id=branch.pk).exists()


def test_a_secretary_cannot_grant_above_their_branch(branch_secretary, committee):
    with pytest.raises(OutOfReach):
        services.role_grant(actor=branch_secretary, user=UserFactory(),
                            organization=committee, role=Role.ADMIN)
    assert not RoleGrant.objects.filter(organization=committee).exists()


def test_a_reviewer_cannot_grant_roles(county_reviewer, branch):
    with pytest.raises(OutOfReach):
        services.role_grant(actor=county_reviewer, user=UserFactory(), organization=branch,
                            role=Role.REVIEWER)


def test_granting_the_same_role_twice_is_refused_in_chinese(county_admin, branch,
                                                            branch_secretary):
    with pytest.raises(ValidationError) as refusal:
        services.role_grant(actor=county_admin, user=branch_secretary, organization=branch,
                            role=Role.ADMIN)
    assert "已" in str(refusal.value)


def test_an_admin_cannot_revoke_their_own_admin_role(county_admin, county):
    grant = RoleGrant.objects.get(user=county_admin, organization=county)
    with pytest.raises(ValidationError):
        services.role_revoke(actor=county_admin, grant=grant)
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_county_admin_revokes_a_branch_secretary(county_admin, branch_secretary, branch):
    grant = RoleGrant.objects.get(user=branch_secretary)
    services.role_revoke(actor=county_admin, grant=grant)
    branch_secretary._chengnuo_grants = None
    assert not can(branch_secretary, Need.VIEW, branch)


def test_secretary_opens_an_account_for_a_member(branch_secretary, fellow_member, client):
    user = services.account_open(actor=branch_secretary, member=fellow_member,
                                 username="lijianguo", password="Qiu-2010-chengnuo")
    fellow_member.refresh_from_db()
    assert fellow_member.user == user
    response = client.post(reverse("accounts:login"),
                           {"username": "lijianguo", "password": "Qiu-2010-chengnuo"})
    assert response.status_code == 302


def test_a_weak_password_is_refused_beside_the_field(branch_secretary, fellow_member):
    with pytest.raises(ValidationError) as refusal:
        services.account_open(actor=branch_secretary, member=fellow_member,
                              username="lijianguo", password="12345678")
    assert "password" in refusal.value.message_dict
    fellow_member.refresh_from_db()
    assert fellow_member.user is None


def test_a_member_gets_one_account_only(branch_secretary, member):
    with pytest.raises(ValidationError):
        services.account_open(actor=branch_secretary, member=member, username="second",
                              password="Qiu-2010-chengnuo")


def test_an_account_for_a_member_elsewhere_is_refused(other_secretary, fellow_member):
    with pytest.raises(OutOfReach):
        services.account_open(actor=other_secretary, member=fellow_member, username="x1",
                              password="Qiu-2010-chengnuo")


def test_a_taken_username_is_refused(county_admin, fellow_member, branch_secretary):
    with pytest.raises(ValidationError) as refusal:
        services.account_open(actor=county_admin, member=fellow_member,
                              username="Branch_Secretary", password="Qiu-2010-chengnuo")
    assert "username" in refusal.value.message_dict


def test_a_plain_member_cannot_open_accounts(member_user):
    with pytest.raises(ValidationError):
        services.account_open(actor=member_user, username="x2", password="Qiu-2010-chengnuo")


def test_roles_page_grants_through_the_form(client, county_admin, branch):
    UserFactory(username="zhangsan")
    client.force_login(county_admin)
    response = client.post(reverse("accounts:roles", args=[branch.slug]),
                           {"username": "zhangsan", "role": "reviewer"})
    assert response.status_code == 302
    assert RoleGrant.objects.filter(user__username="zhangsan", organization=branch).exists()


def test_roles_page_reports_an_unknown_username(client, county_admin, branch):
    client.force_login(county_admin)
    response = client.post(reverse("accounts:roles", args=[branch.slug]),
                           {"username": "nobody", "role": "reviewer"})
    assert "没有此用户名的账号" in response.content.decode()


def test_revoking_a_grant_of_another_organization_by_tampering_is_404(
        client, branch_secretary, other_secretary, branch):
    foreign = RoleGrant.objects.get(user=other_secretary)
    client.force_login(branch_secretary)
    response = client.post(reverse("accounts:roles", args=[branch.slug]),
                           {"revoke": foreign.pk})
    assert response.status_code == 404
    assert RoleGrant.objects.filter(pk=foreign.pk).exists()


def test_roles_page_is_404_outside_the_subtree(client, other_secretary, branch):
    client.force_login(other_secretary)
    assert client.get(reverse("accounts:roles", args=[branch.slug])).status_code == 404


def test_member_account_page_opens_an_account(client, branch_secretary, fellow_member):
    client.force_login(branch_secretary)
    response = client.post(reverse("accounts:member_account", args=[fellow_member.pk]),
                           {"username": "li_jg", "password": PASSWORD})
    assert response.status_code == 302
    fellow_member.refresh_from_db()
    assert fellow_member.user.username == "li_jg"
