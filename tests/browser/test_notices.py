"""Notices and rectification in the browser: the county admin issues a criticism citing an
overdue record with a rectification order for the branch; the branch secretary answers
with a photo; the county admin accepts; the branch's public board shows the notice and the
order's result."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import PHONE, zh

pytestmark = pytest.mark.browser

TITLE = "关于第一党支部走访承诺逾期未完成的通报"
BODY = "经查，第一党支部承诺的“每月走访困难群众”事项未按期完成，现予通报批评。"
REQUIREMENT = "两周内补齐走访记录，逐户回访，并在支部党员大会上作出检查。"
DONE = "已补齐12户走访记录，逐户回访；10月20日支部党员大会上作了检查。"
RESULT = "整改到位：走访记录齐全，回访情况属实。"


@pytest.fixture
def record(branch):
    """What the overdue sweep recorded: the branch's item past its due date."""
    from django.utils import timezone

    from chengnuo.supervision.models import OverdueKind, OverdueRecord

    today = timezone.localdate()
    return OverdueRecord.objects.create(
        kind=OverdueKind.ITEM, subject_key="item:browser-late", organization=branch,
        description="第一党支部：每月走访困难群众不少于5户（应于上月底完成）",
        due_on=today - datetime.timedelta(days=12), detected_on=today - datetime.timedelta(days=11))


def test_a_criticism_with_an_order_is_answered_accepted_and_shown_on_the_board(
        page, open_page, browser, live_server, log_in, shoot, settings, tmp_path, cycle,
        county, county_admin, branch, branch_secretary, member_user, record, photo):
    from django.core.cache import cache
    from django.utils import timezone

    from chengnuo.notices.models import Notice

    settings.MEDIA_ROOT = tmp_path / "media"
    deadline = timezone.localdate() + datetime.timedelta(days=14)

    # The county admin comes from the overdue list with the record chosen.
    log_in(page, "county_admin")
    page.goto(f"{live_server.url}{reverse('notices:new', args=[county.slug])}"
              f"?records={record.pk}")
    form = page.locator("#notice-form")
    expect(form.get_by_label(zh("Criticism"))).to_be_checked()
    expect(form.locator("#cited-records")).to_contain_text("每月走访困难群众")
    target = form.locator(f"#target-organization-{branch.pk}")
    expect(target.get_by_role("checkbox")).to_be_checked()
    form.get_by_label(zh("Title")).fill(TITLE)
    form.get_by_label(zh("Text of the notice")).fill(BODY)
    target.locator("summary").click()
    target.get_by_label(zh("What must be fixed")).fill(REQUIREMENT)
    target.get_by_label(zh("Rectify by")).fill(deadline.isoformat())
    shoot(page, "notices-01-issue-form", doc="notices-issue-form")
    form.get_by_role("button", name=zh("Issue the notice")).click()
    page.wait_for_load_state()

    notice = Notice.objects.get()
    order = notice.rectifications.get()
    expect(page).to_have_url(re.compile(rf"/notices/{notice.pk}/$"))
    expect(page.locator(".alert-success")).to_contain_text(
        zh("The notice has been issued and sent."))
    expect(page.locator(f"#order-{order.pk}")).to_contain_text(REQUIREMENT)
    expect(page.locator(f"#order-{order.pk}")).to_contain_text(zh("Awaiting rectification"))
    shoot(page, "notices-02-notice", doc="notices-detail")

    # The branch secretary finds the order from the organization page and answers it.
    desk = open_page()
    log_in(desk, "branch_secretary")
    desk.locator("#notice-links").get_by_role("link", name=zh("Rectification orders")).click()
    expect(desk).to_have_url(re.compile(rf"/org/{branch.slug}/rectifications/$"))
    expect(desk.locator(f"#order-{order.pk}")).to_contain_text(zh("Awaiting rectification"))
    shoot(desk, "notices-03-orders", doc="notices-orders")
    desk.locator(f"#order-{order.pk}").get_by_role("link").click()
    expect(desk).to_have_url(re.compile(rf"/rectifications/{order.pk}/$"))
    answer = desk.locator("#answer")
    answer.get_by_label(zh("What was done to fix it")).fill(DONE)
    answer.get_by_label(zh("Photos or documents")).set_input_files(str(photo))
    shoot(desk, "notices-04-answer", doc="notices-answer")
    answer.get_by_role("button", name=zh("Send the answer")).click()
    desk.wait_for_load_state()
    expect(desk.locator(".alert-success")).to_contain_text(
        zh("Your answer has been sent to the issuer."))
    expect(desk.locator("#answer-1")).to_contain_text(DONE)
    expect(desk.locator("#answer-1 img")).to_have_count(1)
    # The secretary may not decide on the branch's own answer.
    expect(desk.locator("#decision")).to_have_count(0)

    # The county admin is told, opens the order and accepts it.
    from chengnuo.notifications.models import Notification

    told = Notification.objects.get(recipient=county_admin, kind="rectification.answered")
    page.goto(f"{live_server.url}{told.url}")
    expect(page.locator("#answer-1")).to_contain_text(DONE)
    decision = page.locator("#decision")
    decision.get_by_label(zh("Result, or what is still missing")).fill(RESULT)
    shoot(page, "notices-05-decision", doc="notices-accept")
    decision.get_by_role("button", name=zh("Accept and close")).click()
    page.wait_for_load_state()
    expect(page.locator("#order-result")).to_contain_text(RESULT)
    order.refresh_from_db()
    assert order.state == "accepted"

    # Anyone reads it on the branch's public board, and the notice's own page.
    cache.clear()
    citizen = open_page()
    citizen.goto(f"{live_server.url}{reverse('organizations:public', args=[branch.slug])}")
    notices = citizen.locator("#notices")
    expect(notices).to_contain_text(TITLE)
    expect(notices.locator(f"#public-order-{order.pk}")).to_contain_text(zh("Accepted"))
    expect(notices.locator(f"#public-order-{order.pk}")).to_contain_text(RESULT)
    notices.scroll_into_view_if_needed()
    shoot(citizen, "notices-06-public-board", doc="notices-public-board")
    notices.get_by_role("link", name=TITLE).click()
    expect(citizen).to_have_url(re.compile(rf"/p/{branch.slug}/notices/{notice.pk}/$"))
    expect(citizen.locator(f"#public-order-{order.pk}")).to_contain_text(DONE)
    expect(citizen.locator(f"#public-order-{order.pk} img")).to_have_count(1)
    shoot(citizen, "notices-07-public-notice", doc="notices-public-notice")
    assert not citizen.context.cookies()

    # The same page on a phone.
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                device_scale_factor=2, locale="zh-CN",
                                timezone_id="Asia/Shanghai")
    try:
        small = phone.new_page()
        small.goto(citizen.url)
        expect(small.locator(".public-notice h1")).to_contain_text(TITLE)
        width = small.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], width
        shoot(small, "notices-08-phone-public-notice")
    finally:
        phone.close()
