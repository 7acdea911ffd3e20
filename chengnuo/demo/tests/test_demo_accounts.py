"""The demo accounts: one per role, each logs in with the published password and lands on
its organization; demo_accounts prints them all."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.urls import reverse

from chengnuo.accounts.models import RoleGrant
from chengnuo.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, PLACES
from chengnuo.organizations.models import Organization


def organization_at(names: tuple[str, ...]) -> Organization:
    """The organization reached by following names down from the province."""
    organization = Organization.objects.get(name=names[0], parent=None)
    for name in names[1:]:
        organization = organization.children.get(name=name)
    return organization


def test_the_demo_password_passes_the_password_validators(seeded):
    users = list(get_user_model().objects.all())
    assert users
    for user in users:
        validate_password(DEMO_PASSWORD, user)  # raises ValidationError when refused


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda a: a.username)
def test_each_demo_account_logs_in_and_lands_on_its_organization(client, seeded, account):
    response = client.post(reverse("accounts:login"),
                           {"username": account.username, "password": DEMO_PASSWORD},
                           follow=True)
    expected = organization_at(PLACES[account.place])
    assert response.redirect_chain[-1][0] == reverse("organizations:detail",
                                                     args=[expected.slug])
    assert response.status_code == 200
    assert expected.name in response.content.decode()


def test_a_wrong_password_does_not_log_a_demo_account_in(client, seeded):
    response = client.post(reverse("accounts:login"),
                           {"username": "reviewer", "password": "chengnuo-demo-2011"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_each_account_holds_exactly_its_role(seeded):
    for account in DEMO_ACCOUNTS:
        user = get_user_model().objects.get(username=account.username)
        grants = list(RoleGrant.objects.filter(user=user).values_list(
            "role", "organization__path"))
        expected = ([(account.role, organization_at(PLACES[account.place]).path)]
                    if account.role else [])
        assert grants == expected
        assert user.is_superuser == account.superuser
        assert user.check_password(DEMO_PASSWORD) and DEMO_PASSWORD not in user.password


def test_the_secretary_account_is_the_branch_secretary_and_the_member_holds_a_post(seeded):
    branch = organization_at(PLACES["branch"])
    assert branch.secretary.user.username == "secretary"
    member = get_user_model().objects.get(username="member").member
    assert member.organization == branch
    assert member.without_post and not member.holds_leadership_post
    assert member.post.name == "环境卫生监督岗"
    assert branch.members.count() >= 5


def test_demo_accounts_lists_every_account_and_role_in_chinese_and_english(db):
    out = io.StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    for account in DEMO_ACCOUNTS:
        assert account.username in text
    assert text.count(DEMO_PASSWORD) == len(DEMO_ACCOUNTS)
    for label in ["系统管理员", "组织管理员", "审核人", "督查员", "普通党员", "用户名",
                  "Inspector", "Reviewer", "Username", "曙光社区第一党支部"]:
        assert label in text
