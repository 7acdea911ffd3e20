"""Telling people what to act on: the in-app inbox, and an email copy after the commit.

A notification is a row in the recipient's inbox, created inside the action's
transaction, so it stands or falls with the action. Its email copy is sent only after
that transaction commits (handed to a Celery worker when a broker is configured, inline
in the embedded setup), never inside it: a rolled-back action tells nobody anything, and
a slow or broken mail server never holds a database transaction open or undoes an action.
A failed email stays in the inbox marked for retry; the periodic task (and the
send_notifications command) tries again, and gives up after NOTIFICATION_EMAIL_ATTEMPTS.
"""

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from chengnuo.accounts.permissions import OutOfReach

from .models import EmailState, Notification

log = logging.getLogger(__name__)

BATCH = 500


def site_language():
    """Build a notification's texts inside this: they are read later, by someone else, in
    the site's language (Chinese), not in the language of the acting user's browser."""
    return translation.override(settings.LANGUAGE_CODE)


def notify(*, recipients: Iterable, kind: str, title: str, url: str, body: str = "",
           dedupe_key: str = "") -> list[Notification]:
    """Put one notification in each active recipient's inbox and send the email copies once
    the surrounding transaction has committed. With a dedupe_key a recipient is told about
    the same thing once, however often the caller runs (the overdue sweep).

    title and body may be lazy translations: they are rendered in the interface's default
    language (Chinese), whatever language the acting user's browser asked for, because the
    recipient reads them later and elsewhere. Returns the notifications created.
    """
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    if dedupe_key:
        told = set(Notification.objects.filter(recipient_id__in=users, dedupe_key=dedupe_key)
                   .values_list("recipient_id", flat=True))
        users = {pk: user for pk, user in users.items() if pk not in told}
    if not users:
        return []
    with translation.override(settings.LANGUAGE_CODE):
        title, body = str(title)[:200], str(body)
    created = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, title=title, body=body, url=url,
                     dedupe_key=dedupe_key,
                     email_state=EmailState.PENDING if user.email else EmailState.NONE)
        for user in users.values())
    pending = [n.pk for n in created if n.email_state == EmailState.PENDING]
    if pending:
        transaction.on_commit(lambda: _hand_off(pending))
    return created


def notify_many(rows: list[Notification]) -> int:
    """notify() for many different messages at once (the overdue sweep): unsaved rows, each
    with its recipient_id, texts, url, dedupe_key and email_state, saved in one statement.
    A row whose recipient has that dedupe_key already is skipped, and only the rows that
    carry a dedupe_key get their email queued after the commit (looked up by key, since
    skipped rows have no id). Returns how many rows were offered."""
    if not rows:
        return 0
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BATCH)
    keys = sorted({row.dedupe_key for row in rows
                   if row.dedupe_key and row.email_state == EmailState.PENDING})
    if keys:
        transaction.on_commit(lambda: _hand_off_keys(keys))
    return len(rows)


def _hand_off_keys(keys: list[str]) -> None:
    for start in range(0, len(keys), BATCH):
        ids = list(Notification.objects.filter(
            dedupe_key__in=keys[start:start + BATCH],
            email_state=EmailState.PENDING).values_list("pk", flat=True))
        for chunk in range(0, len(ids), BATCH):
            _hand_off(ids[chunk:chunk + BATCH])


def _hand_off(ids: list[int]) -> None:
    """After the commit: queue the emails for a worker (run inline when Celery is eager).
    A broker that is down loses nothing: the rows stay pending for the periodic task."""
    from .tasks import send_pending_task

    try:
        send_pending_task.delay(ids=ids)
    except Exception as error:  # the broker, not the mail: the beat task picks them up
        log.warning("could not queue email for notifications %s: %s", ids, error)


def send_pending(*, ids: list[int] | None = None) -> int:
    """Send the email copies of the given notifications, or of every pending and retry one
    (at most BATCH per run). Returns how many were sent.

    Each notification is claimed with a conditional UPDATE of its attempt counter before
    sending, so the on-commit hand-off and the periodic task never both send it. The
    claim is not a transaction held open while the mail server answers.
    """
    qs = Notification.objects.filter(email_state__in=[EmailState.PENDING, EmailState.RETRY])
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    sent = 0
    for notification in qs.select_related("recipient").order_by("pk")[:BATCH]:
        if _claim(notification):
            sent += _send_one(notification)
    return sent


def _claim(notification: Notification) -> bool:
    claimed = Notification.objects.filter(
        pk=notification.pk, email_attempts=notification.email_attempts,
        email_state__in=[EmailState.PENDING, EmailState.RETRY],
    ).update(email_attempts=F("email_attempts") + 1)
    notification.email_attempts += 1
    return claimed == 1


def _send_one(notification: Notification) -> int:
    subject, text = email_for(notification)
    try:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [notification.recipient.email])
    except Exception as error:  # any transport failure: keep it for the next try
        log.warning("email for notification %s failed: %s", notification.pk, error)
        gave_up = notification.email_attempts >= settings.NOTIFICATION_EMAIL_ATTEMPTS
        notification.email_state = EmailState.FAILED if gave_up else EmailState.RETRY
        notification.email_error = str(error)[:300]
        sent = 0
    else:
        notification.email_state = EmailState.SENT
        notification.email_error = ""
        sent = 1
    notification.save(update_fields=["email_state", "email_error"])
    return sent


def absolute_url(path: str) -> str:
    """A link that works from a mail client: SITE_URL (or PUBLIC_BASE_URL) plus the path."""
    if path.startswith(("http://", "https://")):
        return path
    base = getattr(settings, "SITE_URL", "") or settings.PUBLIC_BASE_URL
    return f"{base.rstrip('/')}{path}"


def email_for(notification: Notification) -> tuple[str, str]:
    """Subject and plain text of the email copy, in the interface's default language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = gettext("[Chengnuo] %(title)s") % {"title": notification.title}
        text = render_to_string("notifications/email.txt", {
            "notification": notification,
            "link": absolute_url(notification.url),
            "inbox": absolute_url(reverse("notifications:inbox")),
            "name": notification.recipient.get_full_name() or notification.recipient.username,
        })
    return subject, text


def access_notification(user, pk) -> Notification:
    """One of user's own notifications; anyone else's does not exist for them (404)."""
    try:
        return Notification.objects.get(pk=pk, recipient_id=user.pk)
    except (Notification.DoesNotExist, ValueError, TypeError):
        raise OutOfReach from None


def notification_read(*, actor, notification: Notification) -> Notification:
    """Mark one of actor's own notifications read.

    Reading one's own inbox changes nothing anyone else sees, so no audit row is written;
    the conditional UPDATE keeps the first reading time when two tabs race."""
    if notification.recipient_id != actor.pk:
        raise OutOfReach
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=now)
        notification.read_at = now
    return notification


def notification_read_all(*, actor) -> int:
    """Mark every unread notification of actor read, in one UPDATE; returns how many."""
    return Notification.objects.filter(recipient_id=actor.pk, read_at__isnull=True).update(
        read_at=timezone.now())
