"""Reading the inbox."""

from django.db.models import QuerySet

from .models import Notification


def inbox_of(user) -> QuerySet[Notification]:
    """user's notifications, newest first (unread ones are marked on the page)."""
    return Notification.objects.filter(recipient_id=user.pk).order_by("-created_at", "-pk")


def unread_count(user) -> int:
    """One COUNT on the (recipient, read_at) index."""
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()
