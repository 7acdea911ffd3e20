"""What an anonymous visitor sees, and how the pages fit a phone."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import zh

pytestmark = pytest.mark.browser


def test_anonymous_visitor_sees_the_public_page_with_name_and_member_count(
        page, live_server, shoot, branch, member, fellow_member, other_member):
    page.goto(f"{live_server.url}/p/{branch.slug}/")

    expect(page.locator("h1")).to_have_text(branch.name)
    expect(page.locator("#public-member-count")).to_have_text("2")
    expect(page.locator("article")).to_contain_text(branch.parent.name)
    # Nobody is logged in and the page offers no account menu, nor any private link.
    expect(page.get_by_role("button", name=zh("Log out"))).to_have_count(0)
    expect(page.locator(f"a[href*='/org/{branch.slug}/']")).to_have_count(0)
    # Members' names and phone numbers are not on the public page.
    expect(page.locator("body")).not_to_contain_text(member.name)
    assert page.context.cookies() == []
    shoot(page, "public-01-organization", doc="public-organization")


def test_unknown_public_code_is_a_404(page, live_server, branch):
    response = page.goto(f"{live_server.url}/p/no-such-code/")
    assert response.status == 404


def test_anonymous_visitor_is_sent_to_login_for_the_private_page(page, live_server, branch):
    page.goto(f"{live_server.url}/org/{branch.slug}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    expect(page.get_by_role("button", name=zh("Log in"))).to_be_visible()


def page_overflows(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth")


def test_organization_page_fits_a_phone_screen(
        phone_page, live_server, log_in, shoot, branch_secretary, branch, member,
        fellow_member):
    log_in(phone_page, "branch_secretary")
    expect(phone_page).to_have_url(re.compile(rf"/org/{branch.slug}/$"))
    expect(phone_page.locator("h1")).to_have_text(branch.name)
    expect(phone_page.locator("#member-table")).to_contain_text(member.name)
    assert phone_page.viewport_size == {"width": 390, "height": 844}
    assert not page_overflows(phone_page)
    # The navigation folds behind the menu button and opens on a tap.
    language = phone_page.locator("#language-select")
    expect(language).to_be_hidden()
    menu = phone_page.get_by_role("button", name=zh("Menu"))
    menu.click()
    # Wait for the unfolding to finish: a tap during the animation is ignored.
    expect(phone_page.locator("#nav-items")).to_have_class(re.compile(r"\bshow\b"))
    expect(language).to_be_visible()
    shoot(phone_page, "phone-01-organization-menu-open")
    menu.click()
    expect(language).to_be_hidden()
    menu.blur()
    shoot(phone_page, "phone-02-organization", doc="phone-organization")


def test_public_page_fits_a_phone_screen(phone_page, live_server, shoot, branch, member):
    phone_page.goto(f"{live_server.url}/p/{branch.slug}/")
    expect(phone_page.locator("#public-member-count")).to_have_text("1")
    assert not page_overflows(phone_page)
    shoot(phone_page, "phone-03-public-organization", doc="phone-public-organization")
