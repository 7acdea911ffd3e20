"""Email copies of notifications, sent by Celery workers in production."""

from celery import shared_task

from .services import send_pending


@shared_task(name="chengnuo.notifications.send_pending")
def send_pending_task(ids: list[int] | None = None) -> int:
    """With ids: the notifications a transaction just committed. Without (every five
    minutes from beat): whatever is still pending or marked for retry."""
    return send_pending(ids=ids)
