"""notify, the email after the commit, retries and reading."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.notifications.models import EmailState, Notification
from chengnuo.notifications.services import (
    access_notification,
    notification_read,
    notification_read_all,
    notify,
    send_pending,
)
from chengnuo.tests.factories import UserFactory

LINK = "/p/branch/"


@pytest.fixture
def reader(db):
    return UserFactory(username="reader", email="reader@example.org")


class Boom(Exception):
    pass


def tell(user, **kwargs):
    return notify(recipients=[user], kind="test", title="第一季度点评已发布", url=LINK,
                  **kwargs)


def test_email_goes_only_after_the_commit(reader, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        [notification] = tell(reader)
        assert mail.outbox == []
        assert Notification.objects.get().email_state == EmailState.PENDING
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["reader@example.org"]
    notification.refresh_from_db()
    assert (notification.email_state, notification.email_attempts) == (EmailState.SENT, 1)


def test_the_email_is_in_chinese_with_an_absolute_link(reader, settings,
                                                       django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://chengnuo.example.org"
    from django.utils import translation

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        tell(reader, body="请查看点评")
    message = mail.outbox[0]
    assert message.subject == "【承诺】第一季度点评已发布"
    assert "https://chengnuo.example.org/p/branch/" in message.body
    assert "请查看点评" in message.body and "点击这里查看" in message.body
    assert "https://chengnuo.example.org/inbox/" in message.body


def test_lazy_titles_are_stored_in_chinese_whatever_the_actor_reads(reader):
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    with translation.override("en"):
        [notification] = notify(recipients=[reader], kind="test", url=LINK,
                                title=gettext_lazy("Inbox"))
    assert notification.title == "通知"


def test_a_rolled_back_action_stores_and_sends_nothing(reader,
                                                       django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(Boom), transaction.atomic():
            tell(reader)
            raise Boom
    assert callbacks == [] and mail.outbox == []
    assert not Notification.objects.exists()


def test_a_failing_mail_server_leaves_the_notification_for_retry(
        reader, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "chengnuo.notifications.tests.backends.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = tell(reader)  # the action itself succeeds
    notification.refresh_from_db()
    assert notification.email_state == EmailState.RETRY
    assert "mail server down" in notification.email_error
    assert notification.read_at is None  # still in the inbox, unread

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_notifications")
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT and notification.email_error == ""
    assert len(mail.outbox) == 1


def test_after_the_last_attempt_the_email_is_given_up_but_stays_visible(reader, settings):
    settings.EMAIL_BACKEND = "chengnuo.notifications.tests.backends.BrokenBackend"
    settings.NOTIFICATION_EMAIL_ATTEMPTS = 3
    [notification] = tell(reader)
    for _ in range(5):
        send_pending()
    notification.refresh_from_db()
    assert (notification.email_state, notification.email_attempts) == (EmailState.FAILED, 3)
    assert Notification.objects.filter(recipient=reader).count() == 1


def test_a_notification_already_sent_is_not_sent_again(reader):
    [notification] = tell(reader)
    assert send_pending(ids=[notification.pk]) == 1
    assert send_pending(ids=[notification.pk]) == 0 and send_pending() == 0
    assert len(mail.outbox) == 1


def test_a_claimed_notification_is_not_sent_by_a_second_sender(reader):
    [notification] = tell(reader)
    # Another sender claimed it (the attempt counter moved on) after this one loaded it.
    Notification.objects.filter(pk=notification.pk).update(email_attempts=1)
    from chengnuo.notifications.services import _claim

    assert _claim(notification) is False


def test_the_same_dedupe_key_tells_a_recipient_once(reader):
    assert len(tell(reader, dedupe_key="overdue:item:1")) == 1
    assert tell(reader, dedupe_key="overdue:item:1") == []
    assert Notification.objects.count() == 1
    assert len(tell(reader, dedupe_key="overdue:item:2")) == 1


def test_recipients_without_email_get_the_inbox_only(db):
    user = UserFactory(username="noemail", email="")
    [notification] = tell(user)
    assert notification.email_state == EmailState.NONE
    assert send_pending() == 0 and mail.outbox == []


def test_inactive_users_and_none_are_skipped(reader):
    gone = UserFactory(username="gone", is_active=False, email="gone@example.org")
    assert [n.recipient for n in notify(recipients=[reader, gone, None], kind="test",
                                        title="t", url=LINK)] == [reader]


def test_reading_marks_only_ones_own_notification(reader, member_user):
    [notification] = tell(reader)
    with pytest.raises(OutOfReach):
        notification_read(actor=member_user, notification=notification)
    assert Notification.objects.get().read_at is None
    notification_read(actor=reader, notification=notification)
    first = Notification.objects.get().read_at
    assert first is not None
    notification_read(actor=reader, notification=Notification.objects.get())
    assert Notification.objects.get().read_at == first


def test_someone_elses_notification_does_not_exist_for_you(reader, member_user):
    from django.http import Http404

    [notification] = tell(reader)
    with pytest.raises(Http404):
        access_notification(member_user, notification.pk)
    assert access_notification(reader, notification.pk) == notification


def test_read_all_marks_every_unread_one_of_the_reader(reader, member_user,
                                                       django_assert_num_queries):
    tell(reader), tell(reader), tell(member_user)
    with django_assert_num_queries(1):
        assert notification_read_all(actor=reader) == 2
    assert Notification.objects.filter(read_at__isnull=True).get().recipient == member_user
