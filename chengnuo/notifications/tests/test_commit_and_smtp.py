"""Real transactions (no test wrapper) and a real SMTP server on localhost."""

import email
import email.policy
import socket
import time

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.db import transaction

from chengnuo.notifications.models import EmailState, Notification
from chengnuo.notifications.services import notify, notify_many
from chengnuo.tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


class Abandon(Exception):
    pass


def test_a_rolled_back_transaction_stores_nothing_and_sends_nothing():
    user = UserFactory(username="reader", email="reader@example.org")
    with pytest.raises(Abandon), transaction.atomic():
        notify(recipients=[user], kind="test", title="不会发出", url="/inbox/")
        raise Abandon
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_many_messages_at_once_skip_what_was_told_and_mail_after_the_commit():
    reader = UserFactory(username="reader", email="reader@example.org")
    other = UserFactory(username="other", email="other@example.org")

    def rows():
        return [Notification(recipient_id=user.pk, kind="overdue.item", title=f"逾期：{key}",
                             url="/inbox/", dedupe_key=key, email_state=EmailState.PENDING)
                for user in (reader, other) for key in ("item:a", "item:b")]

    with pytest.raises(Abandon), transaction.atomic():
        notify_many(rows())
        raise Abandon
    assert not Notification.objects.exists() and mail.outbox == []
    with transaction.atomic():
        notify_many(rows())
        assert mail.outbox == []
    assert len(mail.outbox) == 4
    with transaction.atomic():
        notify_many(rows())
    assert Notification.objects.count() == 4 and len(mail.outbox) == 4


def test_a_committed_transaction_sends_after_the_commit():
    user = UserFactory(username="reader", email="reader@example.org")
    with transaction.atomic():
        notify(recipients=[user], kind="test", title="提交后发出", url="/inbox/")
        assert mail.outbox == []
    assert [m.subject for m in mail.outbox] == ["【承诺】提交后发出"]
    assert Notification.objects.get().email_state == EmailState.SENT


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    yield controller, collector
    controller.stop()


def test_the_email_arrives_through_a_real_smtp_server(smtp_server, settings):
    controller, collector = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = controller.hostname, controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.SITE_URL = "https://chengnuo.example.org"
    user = UserFactory(username="reader", email="reader@example.org")
    with transaction.atomic():
        notify(recipients=[user], kind="rectification.order", title="限期整改通知",
               url="/rectifications/7/", body="请在月底前完成整改")
    for _ in range(50):  # the server hands the message over on its own thread
        if collector.messages:
            break
        time.sleep(0.05)
    [(recipients, raw)] = collector.messages
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert recipients == ["reader@example.org"]
    assert message["Subject"] == "【承诺】限期整改通知"
    text = message.get_content()
    assert "https://chengnuo.example.org/rectifications/7/" in text
    assert "请在月底前完成整改" in text
    assert Notification.objects.get().email_state == EmailState.SENT


def test_an_unreachable_smtp_server_leaves_the_action_done_and_the_email_for_retry(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()  # nobody listens
    user = UserFactory(username="reader", email="reader@example.org")
    with transaction.atomic():
        notify(recipients=[user], kind="test", title="稍后重试", url="/inbox/")
    notification = Notification.objects.get()
    assert notification.email_state == EmailState.RETRY and notification.email_error
