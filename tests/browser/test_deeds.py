"""Shining deeds in the browser: a citizen reports a member's deed from the member's public
page, the secretary verifies it in the queue with the keyboard, the deed appears on the
public page, the secretary names the quarter's star, and the county publishes a regional
list of stars."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import answer_the_check, zh

pytestmark = pytest.mark.browser

DEED = "暴雨夜里冒雨帮独居的陈奶奶把漏水的屋顶修好，第二天又陪她去社区医院看病。"
CITATION = "风雨中为独居老人修屋顶，是邻里互助的好榜样。"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_a_citizens_report_is_verified_by_keyboard_shown_in_public_and_named_a_star(
        page, open_page, live_server, log_in, shoot, cycle, branch, branch_secretary,
        member):
    from chengnuo.deeds.models import Deed, DeedStar

    # A citizen scans the member's badge and reports what the member did.
    member_url = f"{live_server.url}/m/{member.public_id}/"
    page.goto(member_url)
    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name=zh("Report a shining deed of this member")).click()
    form = page.locator("#deed-form-box form")
    expect(form).to_be_visible()
    assert page.evaluate("window.notReloaded === true")  # htmx fetched the form in place
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    form.get_by_label(zh("Date of the deed")).fill(yesterday.isoformat())
    form.get_by_label(zh("What did the member do?")).fill(DEED)
    form.get_by_label(zh("Your name")).fill("陈奶奶的女儿")
    form.get_by_label(zh("Contact (optional, never published)")).fill("13900005555")
    answer_the_check(form)
    form.scroll_into_view_if_needed()
    shoot(page, "deeds-01-public-report-form", doc="public-deed-form")
    form.get_by_role("button", name=zh("Send the report")).click()
    expect(page.locator("#deed-form-box")).to_contain_text(zh("Thank you for your report!"))
    deed = Deed.objects.get()
    assert (deed.source, deed.state, deed.reporter_name) == ("public", "reported", "陈奶奶的女儿")

    # The secretary finds it from the organization page and verifies it with the keyboard.
    desk = open_page()
    log_in(desk, "branch_secretary")
    desk.get_by_role("link", name=re.compile(zh("Shining deeds to verify"))).click()
    expect(desk).to_have_url(re.compile(rf"/org/{branch.slug}/deeds/$"))
    card = desk.locator(f"#deed-{deed.pk}")
    expect(card).to_contain_text(DEED)
    expect(card).to_contain_text("13900005555")  # the contact is for the organization only
    card.get_by_label(zh("Note (required when dismissing)")).focus()
    desk.keyboard.type("已电话联系陈奶奶核实")
    desk.keyboard.press("Tab")
    expect(card.get_by_role("button", name=zh("Verify"), exact=True)).to_be_focused()
    shoot(desk, "deeds-02-secretary-queue", doc="secretary-deed-queue")
    desk.keyboard.press("Enter")
    desk.wait_for_load_state()
    expect(desk.locator(".alert-success")).to_contain_text(member.name)
    expect(desk.locator("#waiting")).to_contain_text("0")
    shoot(desk, "deeds-03-secretary-verified")
    deed.refresh_from_db()
    assert deed.state == "verified" and deed.decision_note == "已电话联系陈奶奶核实"

    # The public page is served from a cache for up to a minute; let that minute pass.
    cache.clear()
    page.goto(member_url)
    page.reload()  # the browser keeps its own copy for that minute too
    deeds = page.locator("#deeds")
    expect(deeds).to_contain_text(DEED)
    expect(deeds).to_contain_text(zh("Verified by the organization"))
    expect(page.locator("body")).not_to_contain_text("13900005555")
    deeds.scroll_into_view_if_needed()
    shoot(page, "deeds-04-public-member-deeds", doc="public-member-deeds")

    # The secretary names the member this quarter's star.
    desk.goto(f"{live_server.url}/org/{branch.slug}/")
    desk.get_by_role("link", name=zh("Stars of the quarter")).click()
    expect(desk).to_have_url(re.compile(rf"/org/{branch.slug}/stars/"))
    candidate = desk.locator(f"#deed-{deed.pk}")
    candidate.locator("summary").click()
    candidate.get_by_label(zh("Citation (shown in public)")).fill(CITATION)
    shoot(desk, "deeds-05-secretary-name-star", doc="secretary-stars")
    candidate.get_by_role("button", name=zh("Name the star")).click()
    desk.wait_for_load_state()
    expect(desk.locator("#named").locator("..")).to_contain_text(CITATION)
    shoot(desk, "deeds-06-secretary-star-named")
    assert DeedStar.objects.get().member == member

    cache.clear()
    page.goto(f"{live_server.url}/p/{branch.slug}/")
    page.reload()
    stars = page.locator("#stars")
    expect(stars).to_contain_text(member.name)
    expect(stars).to_contain_text(CITATION)
    stars.scroll_into_view_if_needed()
    shoot(page, "deeds-07-public-board-stars", doc="public-board-stars")


def test_the_county_publishes_a_regional_list_of_stars(
        page, live_server, log_in, shoot, cycle, county, county_admin, branch,
        branch_secretary, member, fellow_member):
    from chengnuo.deeds import services

    day = timezone.localdate() - datetime.timedelta(days=3)
    for who, text in ((member, DEED), (fellow_member, "义务为小区老人理发三十余人次。")):
        deed = services.deed_verify(actor=branch_secretary, deed=services.deed_report(
            actor=branch_secretary, member=who, occurred_on=day, description=text))
        services.star_name(actor=branch_secretary, organization=branch, cycle=cycle,
                           quarter=1, member=who, deed=deed, citation=f"{who.name}：{text}")

    log_in(page, "county_admin")
    page.get_by_role("link", name=zh("Regional lists of stars")).click()
    page.get_by_role("link", name=zh("Publish a regional list")).click()
    form = page.locator("#star-list-form")
    expect(form).to_contain_text(member.name)
    form.get_by_label(zh("Title")).fill("西湖区第一季度闪光言行之星")
    form.get_by_label(re.compile(member.name)).check()
    form.get_by_label(re.compile(fellow_member.name)).check()
    shoot(page, "deeds-08-superior-star-list", doc="superior-star-list")
    form.get_by_role("button", name=zh("Publish the list")).click()
    expect(page).to_have_url(re.compile(rf"/p/{county.slug}/stars/{cycle.year}/1/$"))
    expect(page.locator("h1")).to_have_text("西湖区第一季度闪光言行之星")
    expect(page.locator(".star-list")).to_contain_text(member.name)
    expect(page.locator(".star-list")).to_contain_text(fellow_member.name)
    expect(page.locator(".fingerprint")).to_be_visible()
    shoot(page, "deeds-09-public-star-list", doc="public-star-list")
