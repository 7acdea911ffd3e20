"""The daily overdue sweep, run by Celery beat in production."""

from celery import shared_task
from django.utils import timezone

from .sweep import sweep_overdue


@shared_task(name="chengnuo.supervision.sweep_overdue")
def sweep_overdue_task() -> dict:
    """Sweep for today (the site's time zone); the counts are the task's result."""
    return sweep_overdue(today=timezone.localdate()).as_dict()
