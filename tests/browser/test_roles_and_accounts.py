"""An admin grants roles on the roles page and opens a login account for a member."""

import re

import pytest
from playwright.sync_api import expect

from chengnuo.accounts.models import Role, RoleGrant
from chengnuo.tests.factories import UserFactory

from .conftest import zh

pytestmark = pytest.mark.browser


def test_county_admin_grants_the_reviewer_role_after_a_mistyped_username(
        page, live_server, log_in, shoot, county_admin, county):
    newcomer = UserFactory(username="xihu_reviewer")
    log_in(page, "county_admin")
    page.get_by_role("link", name=zh("Roles")).click()
    expect(page).to_have_url(re.compile(rf"/org/{county.slug}/roles/$"))
    expect(page.locator("#role-table")).to_contain_text("county_admin")

    page.locator("#id_username").fill("xihu_reveiwer")
    page.locator("#id_role").select_option(Role.REVIEWER)
    page.get_by_role("button", name=zh("Save")).click()
    page.wait_for_load_state()
    expect(page.locator("#id_username-errors")).to_contain_text(
        zh("No account has this username."))
    assert not RoleGrant.objects.filter(user=newcomer).exists()

    page.locator("#id_username").fill("xihu_reviewer")
    page.locator("#id_role").select_option(Role.REVIEWER)
    page.get_by_role("button", name=zh("Save")).click()
    page.wait_for_load_state()

    expect(page.get_by_role("alert")).to_contain_text(zh("Role granted."))
    expect(page.locator("#role-table")).to_contain_text("xihu_reviewer")
    assert RoleGrant.objects.filter(user=newcomer, organization=county,
                                    role=Role.REVIEWER).exists()
    shoot(page, "roles-01-granted", doc="roles")


def test_secretary_opens_an_account_and_the_member_logs_in_with_it(
        page, live_server, log_in, shoot, branch_secretary, branch, fellow_member):
    log_in(page, "branch_secretary")
    page.locator("#member-table").get_by_role("link", name=fellow_member.name).click()
    page.get_by_role("link", name=zh("Open an account")).click()
    expect(page).to_have_url(re.compile(rf"/members/{fellow_member.pk}/account/$"))
    page.locator("#id_username").fill("li_jianguo")
    page.locator("#id_password").fill("12345678")
    page.get_by_role("button", name=zh("Save")).click()
    page.wait_for_load_state()
    # An all-digit password is refused and no account is opened.
    expect(page.locator("#id_password-errors")).to_be_visible()
    fellow_member.refresh_from_db()
    assert fellow_member.user is None

    page.locator("#id_username").fill("li_jianguo")
    page.locator("#id_password").fill("Beishan-2010-li")
    shoot(page, "account-01-open-form", doc="open-account")
    page.get_by_role("button", name=zh("Save")).click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(rf"/members/{fellow_member.pk}/$"))
    expect(page.get_by_role("alert")).to_contain_text(
        zh("Account opened. Give the member the username and initial password."))
    expect(page.get_by_role("link", name=zh("Open an account"))).to_have_count(0)

    page.get_by_role("button", name=zh("Log out")).click()
    page.wait_for_load_state()
    log_in(page, "li_jianguo", "Beishan-2010-li")
    expect(page).to_have_url(re.compile(rf"/org/{branch.slug}/$"))
    page.get_by_role("link", name=zh("My record")).click()
    expect(page.locator("h1")).to_have_text(fellow_member.name)
