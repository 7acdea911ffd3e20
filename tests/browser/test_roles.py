"""Where each role lands after logging in, and what it may and may not do there."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import zh

pytestmark = pytest.mark.browser


def test_county_reviewer_lands_on_the_county_and_browses_down_without_edit_buttons(
        page, live_server, log_in, shoot, county_reviewer, county, township, branch, member,
        other_branch):
    log_in(page, "county_reviewer")

    expect(page).to_have_url(re.compile(rf"/org/{county.slug}/$"))
    expect(page.locator("h1")).to_have_text(county.name)
    expect(page.locator("#stat-members")).to_have_text("1")
    expect(page.get_by_role("link", name=township.name)).to_be_visible()
    expect(page.locator(f"a[href$='/org/{county.slug}/edit/']")).to_have_count(0)
    expect(page.locator(f"a[href$='/org/{county.slug}/import/']")).to_have_count(0)
    shoot(page, "reviewer-01-county", doc="reviewer-county")

    page.goto(f"{live_server.url}/org/{branch.slug}/")
    expect(page.locator("#member-table")).to_contain_text(member.name)
    expect(page.locator(f"a[href$='/org/{branch.slug}/members/new/']")).to_have_count(0)
    shoot(page, "reviewer-02-branch", doc="reviewer-branch")

    # Another county's branch does not exist for them.
    response = page.goto(f"{live_server.url}/org/{other_branch.slug}/")
    assert response.status == 404


def test_county_inspector_lands_on_the_county_and_sees_the_whole_subtree(
        page, live_server, log_in, shoot, county_inspector, county, branch, member,
        fellow_member):
    log_in(page, "county_inspector")

    expect(page).to_have_url(re.compile(rf"/org/{county.slug}/$"))
    expect(page.locator("#stat-members")).to_have_text("2")
    page.goto(f"{live_server.url}/org/{county.slug}/members/?scope=subtree")
    expect(page.locator("#member-table tbody tr")).to_have_count(2)
    expect(page.locator(f"a[href$='/org/{county.slug}/edit/']")).to_have_count(0)
    shoot(page, "inspector-01-subtree-members", doc="inspector-subtree-members")


def test_member_sees_their_branch_and_their_own_record_only(
        page, live_server, log_in, shoot, member_user, member, fellow_member, branch,
        committee):
    log_in(page, "member_user")

    expect(page).to_have_url(re.compile(rf"/org/{branch.slug}/$"))
    expect(page.locator("#member-table")).to_contain_text(fellow_member.name)
    expect(page.locator(f"a[href$='/org/{branch.slug}/edit/']")).to_have_count(0)
    shoot(page, "member-01-branch", doc="member-branch")

    page.get_by_role("link", name=zh("My record")).click()
    expect(page).to_have_url(re.compile(rf"/members/{member.pk}/$"))
    expect(page.locator("h1")).to_have_text(member.name)
    # Their own phone number in full.
    expect(page.locator("dl")).to_contain_text(member.phone)
    shoot(page, "member-02-own-record", doc="member-record")

    assert page.goto(f"{live_server.url}/members/{fellow_member.pk}/").status == 404
    assert page.goto(f"{live_server.url}/org/{committee.slug}/").status == 404


def test_system_admin_lands_on_the_province_and_opens_the_admin_site(
        page, live_server, log_in, shoot, system_admin, province, city, county_admin):
    log_in(page, "system_admin")

    expect(page).to_have_url(re.compile(rf"/org/{province.slug}/$"))
    expect(page.get_by_role("link", name=city.name)).to_be_visible()
    shoot(page, "admin-01-province", doc="admin-province")

    page.get_by_role("link", name=zh("System admin")).click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    shoot(page, "admin-02-admin-site", doc="admin-site")


def test_county_admin_is_refused_the_admin_site(page, live_server, log_in, county_admin):
    log_in(page, "county_admin")
    expect(page.get_by_role("link", name=zh("System admin"))).to_have_count(0)
    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(re.compile(r"/admin/login/"))
