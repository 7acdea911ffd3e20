"""Telling people what to act on: the in-app inbox, and email after the commit."""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import EmailState, Notification

log = logging.getLogger(__name__)


def notify(*, recipients: Iterable, kind: str, title: str, url: str, body: str = "",
           dedupe_key: str = "") -> list[Notification]:
    """Put one notification in each recipient's inbox and send the email copies once the
    surrounding transaction has committed, never inside it: a rolled-back action tells
    nobody anything. With a dedupe_key a recipient is told about the same thing only once.

    Returns the notifications created (those already sent under dedupe_key are skipped).
    """
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    if dedupe_key:
        told = set(Notification.objects.filter(recipient_id__in=users, dedupe_key=dedupe_key)
                   .values_list("recipient_id", flat=True))
        users = {pk: user for pk, user in users.items() if pk not in told}
    created = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, title=title[:200], body=body, url=url,
                     dedupe_key=dedupe_key,
                     email_state=EmailState.PENDING if user.email else EmailState.NONE)
        for user in users.values())
    pending = [n.pk for n in created if n.email_state == EmailState.PENDING]
    if pending:
        transaction.on_commit(lambda: send_pending(ids=pending))
    return created


def send_pending(*, ids: list[int] | None = None) -> int:
    """Send the email copy of pending notifications (ids, or every pending and retry one).
    A failure leaves the notification in the inbox, marked for retry; returns the sent."""
    qs = Notification.objects.filter(
        email_state__in=[EmailState.PENDING, EmailState.RETRY]).select_related("recipient")
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    sent = 0
    for notification in qs.order_by("pk")[:500]:
        try:
            send_mail(notification.title, _email_text(notification),
                      settings.DEFAULT_FROM_EMAIL, [notification.recipient.email])
        except Exception as error:  # any transport failure: keep it for the next try
            log.warning("email for notification %s failed: %s", notification.pk, error)
            notification.email_state = EmailState.RETRY
            notification.email_error = str(error)[:300]
        else:
            notification.email_state = EmailState.SENT
            notification.email_error = ""
            sent += 1
        notification.email_attempts += 1
        notification.save(update_fields=["email_state", "email_error", "email_attempts"])
    return sent


def _email_text(notification: Notification) -> str:
    base = settings.PUBLIC_BASE_URL or ""
    return f"{notification.body}\n\n{base}{notification.url}\n".lstrip()


def notification_read(*, actor, notification: Notification) -> Notification:
    """Mark one of actor's own notifications read."""
    if notification.recipient_id != actor.pk:
        from chengnuo.accounts.permissions import OutOfReach

        raise OutOfReach
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
