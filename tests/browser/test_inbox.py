"""A member with a notification sees the unread badge, opens the inbox with the keyboard,
follows the notification to its page, and the badge goes away."""

import pytest
from django.urls import reverse

from chengnuo.notifications.services import notify

from .conftest import zh

pytestmark = pytest.mark.browser


def test_a_member_follows_a_notification_from_the_inbox(page, live_server, log_in, shoot,
                                                        member_user, member):
    target = reverse("members:detail", args=[member.pk])
    notify(recipients=[member_user], kind="quarterly_review.comment",
           title="第一党支部对您第一季度履诺情况作了点评", url=target,
           body="点评：好。走访困难群众按计划完成。")
    log_in(page, "member_user")

    badge = page.locator("#inbox-unread")
    assert badge.inner_text() == "1"
    assert "1 条未读通知" in page.locator("#inbox-link").inner_text()
    shoot(page, "inbox-badge")

    # Keyboard only: Tab through the page until the inbox link has focus, then Enter.
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "inbox-link":
            break
    assert page.evaluate("document.activeElement.id") == "inbox-link"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{reverse('notifications:inbox')}")
    assert page.get_by_role("heading", name=zh("Inbox")).is_visible()
    item = page.get_by_role("link", name="第一党支部对您第一季度履诺情况作了点评")
    assert zh("Unread") in item.inner_text()
    shoot(page, "inbox-list", doc="inbox")

    item.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}{target}")
    assert page.locator("#inbox-unread").count() == 0
    page.goto(f"{live_server.url}{reverse('notifications:inbox')}")
    assert zh("Unread") not in page.locator("#inbox-list").inner_text()
    shoot(page, "inbox-read")


def test_mark_all_read_clears_the_badge_on_a_phone(phone_page, live_server, log_in,
                                                   member_user):
    for n in range(3):
        notify(recipients=[member_user], kind="test", title=f"第{n + 1}条通知",
               url=reverse("notifications:inbox"))
    log_in(phone_page, "member_user")
    phone_page.goto(f"{live_server.url}{reverse('notifications:inbox')}")
    phone_page.get_by_role("button", name=zh("Mark all read")).click()
    phone_page.wait_for_load_state()
    assert "已将 3 条通知标为已读。" in phone_page.content()
    assert phone_page.locator("#inbox-unread").count() == 0
