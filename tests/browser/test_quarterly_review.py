"""Quarterly supervision in the browser: the secretary opens the quarter, reads the facts,
files the summary and a comment on every member with the keyboard alone, sees the filed
version and corrects it; then the daily sweep (the command, run as on a later day) marks an
item overdue, the county sees it in its overdue view and the member finds it in the inbox."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import comment_by_keyboard, tab_to, zh

pytestmark = pytest.mark.browser

SUMMARY = ("本季度支部围绕“五个好”目标推进承诺事项，走访困难群众按计划开展，"
           "两名党员的承诺均已公开并上报进展。下季度重点抓好楼道环境整治。")


@pytest.fixture
def pledges(cycle, branch_secretary, member, member_user, fellow_member):
    from chengnuo.tests.factories import published_pledge

    mine = published_pledge(actor=member_user, reviewer=branch_secretary,
                            publisher=branch_secretary, cycle=cycle, member=member)
    published_pledge(actor=branch_secretary, reviewer=branch_secretary,
                     publisher=branch_secretary, cycle=cycle, member=fellow_member)
    return mine


def test_the_secretary_files_the_quarter_by_keyboard_and_the_sweep_finds_an_item_late(
        page, phone_page, open_page, live_server, log_in, shoot, cycle, pledges, branch,
        county, branch_secretary, county_admin, member, fellow_member):
    from chengnuo.supervision.models import OverdueRecord, QuarterlyReview

    log_in(page, "branch_secretary")
    page.goto(f"{live_server.url}{reverse('organizations:detail', args=[branch.slug])}")
    page.locator("#supervision-links").get_by_role(
        "link", name=zh("Quarterly reviews")).click()
    expect(page).to_have_url(re.compile(rf"/org/{branch.slug}/quarters/$"))
    expect(page.locator("#quarter-1")).to_contain_text(zh("Not filed yet"))
    expect(page.locator("#quarter-2")).to_contain_text(zh("Not yet due"))
    shoot(page, "quarterly-review-01-quarters", doc="supervision-quarters")

    page.locator("#quarter-1").get_by_role("link", name=zh("Write the review")).click()
    facts = page.locator("#facts-table")
    expect(facts).to_be_visible()
    # Each member's row shows their published items; nothing is due in the first weeks.
    expect(facts.locator(f"#facts-member-{member.pk} td").first).to_have_text("3")
    expect(facts.locator("#facts-total td").first).to_have_text("6")
    # The comment starts from the member's facts; the rating is left to the secretary.
    words = page.get_by_label(zh("Comment on %(name)s") % {"name": member.name})
    expect(words).to_have_value(re.compile("上报进展0次"))
    expect(page.locator(f"input[name=rating_{member.pk}]:checked")).to_have_count(0)
    shoot(page, "quarterly-review-02-facts-and-form", doc="supervision-quarter-form")

    # Keyboard only: the summary, then per member a rating (arrow keys) and the words.
    tab_to(page, "#id_summary")
    page.keyboard.type(SUMMARY)
    for person, arrows, addition in ((fellow_member, 0, "按时完成走访，群众反映好。"),
                                     (member, 1, "进展稍慢，下季度要抓紧。")):
        comment_by_keyboard(page, person.pk, arrows, addition)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page.get_by_role("alert")).to_contain_text(zh("The quarterly review is filed."))
    expect(page.locator("#filed-summary")).to_contain_text("五个好")
    comments = page.locator("#filed-comments")
    expect(comments.locator(f"#comment-{fellow_member.pk}")).to_contain_text(zh("Good"))
    expect(comments.locator(f"#comment-{member.pk}")).to_contain_text(zh("Fairly good"))
    expect(comments.locator(f"#comment-{member.pk}")).to_contain_text("下季度要抓紧")
    expect(page.locator("#versions li")).to_have_count(1)
    shoot(page, "quarterly-review-03-filed", doc="supervision-quarter-filed")
    assert QuarterlyReview.objects.get().comments.count() == 2

    # A correction: a new version with its reason, the first one still there.
    page.locator("#review-form summary").focus()
    page.keyboard.press("Enter")
    page.get_by_label(zh("Why this correction")).fill("补记王秀英本季度的闪光言行")
    page.get_by_label(zh("Comment on %(name)s") % {"name": member.name}).fill(
        "进展稍慢，但雨天帮邻居抢修屋顶，值得肯定。")
    page.get_by_role("button", name=zh("File the correction")).click()
    page.wait_for_load_state()
    expect(page.locator("#versions li")).to_have_count(2)
    expect(page.locator("#filed-review")).to_contain_text("补记王秀英本季度的闪光言行")
    shoot(page, "quarterly-review-04-corrected", doc="supervision-quarter-corrected")
    page.locator("#versions").get_by_role("link", name=re.compile("1")).click()
    expect(page.locator("#superseded-note")).to_be_visible()

    # On a phone the facts table stacks row by row.
    log_in(phone_page, "branch_secretary")
    phone_page.goto(page.url.split("?")[0])
    expect(phone_page.locator("#facts-table")).to_be_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    shoot(phone_page, "quarterly-review-05-phone", doc="supervision-quarter-phone")

    # The daily sweep, run as on the day after the member's items fell due.
    item = pledges.published_version.items.order_by("position").first()
    call_command("sweep_overdue", "--date", (item.due_date + datetime.timedelta(days=1))
                 .isoformat())
    assert OverdueRecord.objects.filter(subject_key=f"item:{item.key}").exists()

    county_page = open_page()
    log_in(county_page, "county_admin")
    county_page.goto(f"{live_server.url}{reverse('supervision:overdue', args=[county.slug])}")
    expect(county_page.locator("#count-item .badge")).to_have_text("6")
    expect(county_page.locator("#missing-reviews")).to_contain_text("北山社区党委")
    expect(county_page.locator("#overdue-records")).to_contain_text(item.content)
    shoot(county_page, "quarterly-review-06-overdue-view", doc="supervision-overdue")

    member_page = open_page()
    log_in(member_page, "member_user")
    expect(member_page.locator("#inbox-unread")).to_have_text("3")
    member_page.locator("#inbox-link").click()
    notice = member_page.get_by_role("link", name=re.compile(zh(
        "Commitment item past its due date")))
    expect(notice.first).to_be_visible()
    shoot(member_page, "quarterly-review-07-member-inbox", doc="supervision-overdue-inbox")
    member_page.get_by_role("link", name=re.compile(item.content[:10])).first.click()
    expect(member_page).to_have_url(re.compile(rf"/pledges/{pledges.pk}/$"))
