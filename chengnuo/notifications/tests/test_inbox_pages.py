"""The inbox page, opening a notification, and the unread badge in the header."""

import pytest
from django.urls import reverse

from chengnuo.notifications.models import Notification
from chengnuo.notifications.services import notify

INBOX = reverse("notifications:inbox")


def tell(user, count=1, url="/org/branch/"):
    for n in range(count):
        notify(recipients=[user], kind="test", title=f"第{n + 1}条通知", url=url)


@pytest.fixture
def signed_in(client, member_user):
    client.force_login(member_user)
    return client


def test_the_inbox_lists_newest_first_and_marks_unread(signed_in, member_user):
    tell(member_user, 2)
    Notification.objects.filter(title="第1条通知").update(read_at="2026-01-01T00:00Z")
    page = signed_in.get(INBOX).content.decode()
    assert page.index("第2条通知") < page.index("第1条通知")
    assert page.count("未读</span>") == 1


def test_the_inbox_shows_only_ones_own_notifications(signed_in, member_user, branch_secretary):
    tell(branch_secretary)
    assert "第1条通知" not in signed_in.get(INBOX).content.decode()


def test_the_inbox_needs_a_login(client, db):
    assert client.get(INBOX).status_code == 302


@pytest.mark.parametrize("rows", [1, 30])
def test_the_inbox_query_count_does_not_grow_with_rows(signed_in, member_user, rows,
                                                       django_assert_num_queries):
    tell(member_user, rows)
    # session, user, member (navigation), grants, unread badge COUNT, page COUNT, page rows
    with django_assert_num_queries(7):
        response = signed_in.get(INBOX)
    assert response.status_code == 200


def test_the_inbox_is_paginated(signed_in, member_user):
    tell(member_user, 30)
    assert signed_in.get(INBOX).content.decode().count('href="/inbox/') == 25 + 1
    assert "第1条通知" in signed_in.get(INBOX, {"page": 2}).content.decode()


def test_opening_a_notification_marks_it_read_and_goes_to_its_link(signed_in, member_user):
    tell(member_user)
    notification = Notification.objects.get()
    response = signed_in.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/org/branch/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_someone_elses_notification_is_404(signed_in, branch_secretary):
    tell(branch_secretary)
    notification = Notification.objects.get()
    response = signed_in.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_link_to_another_site_goes_to_the_inbox_instead(signed_in, member_user):
    tell(member_user, url="https://evil.example.com/")
    notification = Notification.objects.get()
    response = signed_in.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == INBOX


def test_mark_all_read_is_a_post(signed_in, member_user):
    tell(member_user, 3)
    assert signed_in.get(reverse("notifications:read_all")).status_code == 405
    response = signed_in.post(reverse("notifications:read_all"), follow=True)
    assert not Notification.objects.filter(read_at__isnull=True).exists()
    assert "已将 3 条通知标为已读。" in response.content.decode()


def test_the_header_shows_the_unread_count_with_a_label(signed_in, member_user):
    tell(member_user, 3)
    page = signed_in.get(INBOX).content.decode()
    assert 'id="inbox-unread" aria-hidden="true">3</span>' in page
    assert "3 条未读通知" in page


def test_the_header_shows_no_badge_when_all_is_read(signed_in, member_user):
    page = signed_in.get(INBOX).content.decode()
    assert 'id="inbox-link"' in page and 'id="inbox-unread"' not in page


def test_public_pages_show_no_inbox_and_read_no_session(signed_in, member_user, branch):
    tell(member_user)
    response = signed_in.get(reverse("organizations:public", args=[branch.slug]))
    assert response.status_code == 200
    assert 'id="inbox-link"' not in response.content.decode()
    assert "Cookie" not in response.get("Vary", "") and not response.cookies
