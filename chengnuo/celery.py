"""Celery application: workers and beat run the periodic sweeps in production."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chengnuo.settings")

app = Celery("chengnuo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
