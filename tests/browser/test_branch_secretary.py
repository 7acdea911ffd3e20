"""A branch secretary logs in, sees their organization, and switches the language."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import zh

pytestmark = pytest.mark.browser


def test_branch_secretary_logs_in_and_lands_on_their_branch_with_its_members(
        page, live_server, log_in, shoot, branch_secretary, branch, member, fellow_member):
    log_in(page, "branch_secretary", shoot=shoot, name="secretary-01-login", doc="login")

    expect(page).to_have_url(re.compile(rf"/org/{branch.slug}/$"))
    expect(page.locator("h1")).to_have_text(branch.name)
    table = page.locator("#member-table")
    expect(table).to_contain_text(member.name)
    expect(table).to_contain_text(fellow_member.name)
    expect(page.locator("#stat-members")).to_have_text("2")
    # The breadcrumbs show the way up to the province.
    expect(page.get_by_role("navigation", name=zh("Breadcrumb"))).to_contain_text("浙江省")
    shoot(page, "secretary-02-organization", doc="secretary-organization")

    page.get_by_role("link", name=zh("All members")).click()
    expect(page).to_have_url(re.compile(rf"/org/{branch.slug}/members/$"))
    expect(page.locator("#member-table tbody tr")).to_have_count(2)
    shoot(page, "secretary-03-member-list", doc="secretary-member-list")


def test_a_wrong_password_keeps_the_secretary_on_the_login_page_with_a_message(
        page, live_server, log_in, shoot, branch_secretary):
    log_in(page, "branch_secretary", "not-the-password")

    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_role("alert")).to_contain_text(
        zh("Wrong username or password. Note that both are case-sensitive."))
    shoot(page, "secretary-04-login-wrong-password")


def test_secretary_switches_to_english_and_back_to_chinese(
        page, live_server, log_in, shoot, branch_secretary, branch):
    log_in(page, "branch_secretary")
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    chinese_logout = zh("Log out")
    expect(page.get_by_role("button", name=chinese_logout)).to_be_visible()

    page.locator("#language-select").select_option("en")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(rf"/org/{branch.slug}/$"))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("heading", name="Members", exact=True)).to_be_visible()
    shoot(page, "secretary-05-organization-english", doc="language-english")

    page.locator("#language-select").select_option("zh-hans")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(page.get_by_role("button", name=chinese_logout)).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)
    shoot(page, "secretary-06-organization-chinese-again")


def test_secretary_logs_in_with_the_keyboard_alone(
        page, live_server, shoot, branch_secretary, branch):
    from chengnuo.tests.factories import PASSWORD

    page.goto(f"{live_server.url}/accounts/login/")
    # Tab through the page until the username field has focus, as a keyboard user would.
    for _ in range(20):
        if page.evaluate("document.activeElement && document.activeElement.name") == "username":
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the username field")
    page.keyboard.type("branch_secretary")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "password"
    page.keyboard.type(PASSWORD)
    shoot(page, "keyboard-01-login-filled")
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page).to_have_url(re.compile(rf"/org/{branch.slug}/$"))
    expect(page.locator("h1")).to_have_text(branch.name)
    # The skip link is the first stop and takes the keyboard straight to the content.
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    shoot(page, "keyboard-02-skip-link-focused")
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def test_secretary_adds_a_member_through_the_form_after_correcting_a_future_birth_date(
        page, live_server, log_in, shoot, branch_secretary, branch, member):
    from chengnuo.members.models import Member

    log_in(page, "branch_secretary")
    page.get_by_role("link", name=zh("Add a member")).click()
    expect(page).to_have_url(re.compile(rf"/org/{branch.slug}/members/new/$"))
    page.locator("#id_name").fill("郑海燕")
    page.locator("#id_gender").select_option("female")
    page.locator("#id_birth_date").fill("2999-03-08")
    page.locator("#id_joined_date").fill("2001-07-01")
    page.locator("#id_phone").fill("13600001111")
    page.locator("#id_in_service").check()
    shoot(page, "secretary-07-member-form", doc="secretary-member-form")
    page.get_by_role("button", name=zh("Save")).click()
    page.wait_for_load_state()

    expect(page.locator("#id_birth_date-errors")).to_contain_text(
        zh("The birth date is in the future."))
    assert not Member.objects.filter(name="郑海燕").exists()
    shoot(page, "secretary-08-member-form-error")

    page.locator("#id_birth_date").fill("1979-03-08")
    page.get_by_role("button", name=zh("Save")).click()
    page.wait_for_load_state()

    added = Member.objects.get(name="郑海燕")
    assert (added.organization, added.in_service, added.phone) == (branch, True, "13600001111")
    expect(page).to_have_url(re.compile(rf"/members/{added.pk}/$"))
    expect(page.locator("h1")).to_have_text("郑海燕")
    expect(page.locator("#history-heading")).to_be_visible()
    shoot(page, "secretary-09-member-added", doc="secretary-member-detail")


def test_typing_a_name_filters_the_member_list_without_reloading_the_page(
        page, live_server, log_in, shoot, branch_secretary, branch, member, fellow_member):
    log_in(page, "branch_secretary")
    page.goto(f"{live_server.url}/org/{branch.slug}/members/")
    page.evaluate("window.notReloaded = true")
    page.get_by_label(zh("Full name")).fill("建国")

    rows = page.locator("#member-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(fellow_member.name)
    expect(page).to_have_url(re.compile(r"q=%E5%BB%BA%E5%9B%BD"))
    # htmx swapped the results in place: the page (and its JavaScript state) is the same.
    assert page.evaluate("window.notReloaded === true")
    shoot(page, "secretary-07-member-search")
