"""履诺 in the browser: a member opens a published commitment from "My commitments",
reports progress with a real photo using only labels and the keyboard, and sees it on the
item page and, as the public does, on their member page (on a phone too); the secretary
reads the organization's progress page."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import zh

pytestmark = pytest.mark.browser

NARRATIVE = "本月走访了社区里的5户独居老人，帮张奶奶代买了降压药，陪李大爷去社区医院复查。"


@pytest.fixture
def pledge(cycle, member, member_user, branch_secretary):
    """王秀英's pledge of three items, approved and published by the secretary."""
    from chengnuo.tests.factories import published_pledge

    return published_pledge(actor=member_user, reviewer=branch_secretary,
                            publisher=branch_secretary, cycle=cycle, member=member)


def test_a_member_reports_progress_with_a_photo_and_the_public_sees_it(
        page, phone_page, open_page, live_server, log_in, shoot, pledge, photo, member,
        branch):
    log_in(page, "member_user")
    page.get_by_role("link", name=zh("My commitments")).first.click()
    expect(page.get_by_role("heading", name=zh("Published commitments and their progress"))
           ).to_be_visible()
    page.get_by_role("link", name=zh("Report progress")).first.click()
    expect(page.get_by_role("heading", name=zh("Progress against the schedule"))
           ).to_be_visible()
    expect(page.locator("#item-status")).to_have_text(zh("On schedule"))

    form = page.locator("#report form")
    expect(form.get_by_label(zh("Date of the progress"))).not_to_be_empty()
    form.get_by_label(zh("Percent done")).fill("60")
    form.get_by_label(zh("What was done")).fill(NARRATIVE)
    form.get_by_label(zh("Photos or documents")).set_input_files(str(photo))
    shoot(page, "progress-01-report-form", doc="progress-report-form")
    # Submit from the keyboard: Tab onwards from the file field to the button, then Enter.
    form.get_by_label(zh("Photos or documents")).focus()
    button = form.get_by_role("button", name=zh("Report progress"))
    for _ in range(5):
        if button.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page.locator(".alert-success")).to_contain_text(
        zh("Progress reported. The public board shows it."))
    history = page.locator("#history")
    expect(history).to_contain_text(NARRATIVE[:20])
    expect(history).to_contain_text("60%")
    image = history.locator(".evidence-list img").first
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.get_by_role("progressbar").first).to_have_attribute("aria-valuenow", "60")
    shoot(page, "progress-02-reported", doc="progress-history")

    # The public member page, as a citizen sees it after scanning the post badge.
    public_url = live_server.url + reverse("boards:member", args=[member.public_id])
    citizen = open_page()
    citizen.goto(public_url)
    item = citizen.locator(".pledge-item").first
    expect(item.locator(".status-badge")).to_have_text(zh("On schedule"))
    expect(item.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "60")
    expect(item).to_contain_text(NARRATIVE[:20])
    thumbnail = item.locator(".evidence-list img")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth > 0")
    chart = citizen.locator(f"#progress-member-{member.pk}")
    expect(chart).to_be_visible()
    expect(chart.locator("svg")).to_have_count(1)
    shoot(citizen, "progress-03-public-member", doc="progress-public-member")

    # The stripped photo: what the public downloads carries no location.
    src = thumbnail.get_attribute("src")
    body = citizen.request.get(live_server.url + src).body()
    assert body[:2] == b"\xff\xd8" and b"GPS" not in body

    # On a phone the status, the bar and the photo fit the screen.
    phone_page.goto(public_url)
    first = phone_page.locator(".pledge-item").first
    expect(first.locator(".status-badge")).to_be_visible()
    expect(first.get_by_role("progressbar")).to_be_visible()
    # Nothing is wider than the phone (a mobile browser would widen the page to fit it).
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 391
    first.scroll_into_view_if_needed()
    shoot(phone_page, "progress-04-public-phone", doc="progress-public-phone")


def test_the_secretary_reads_the_organizations_progress_and_filters_it(
        page, live_server, log_in, shoot, pledge, branch, member_user):
    from django.utils import timezone

    from chengnuo.progress.services import progress_report

    item = pledge.published_version.items.order_by("position").first()
    progress_report(actor=member_user, item=item, reported_on=timezone.localdate(),
                    percent=100, narrative=NARRATIVE)
    log_in(page, "branch_secretary")
    page.goto(live_server.url + reverse("progress:organization", args=[branch.slug]))
    expect(page.get_by_role("heading", name=zh("Progress against the schedule"))
           ).to_be_visible()
    expect(page.locator("#org-status-chart svg")).to_have_count(1)
    expect(page.locator("#org-owner-chart svg")).to_have_count(1)
    expect(page.locator("tbody tr")).to_have_count(3)
    shoot(page, "progress-05-organization", doc="progress-organization")
    page.get_by_role("link", name=zh("Done")).click()
    expect(page.locator("tbody tr")).to_have_count(1)
    expect(page.locator("tbody")).to_contain_text("王秀英")
    page.locator("tbody a").first.click()
    expect(page.locator("#item-status")).to_have_text(zh("Done"))
    expect(page.locator("#report")).to_have_count(0)  # the secretary does not report for her
