import pytest
from django.conf import settings
from django.db import connection

from chengnuo.celery import app
from chengnuo.ledger.models import LedgerEntry
from chengnuo.ledger.services import ledger_append
from chengnuo.ledger.tasks import LedgerBroken, verify_ledger_task


def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks


def test_nightly_check_counts_an_intact_ledger(db):
    ledger_append(kind="test", subject="a", payload={})
    assert verify_ledger_task.apply().get() == 1


def test_nightly_check_fails_loudly_on_a_broken_ledger(db, caplog):
    ledger_append(kind="test", subject="a", payload={})
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {LedgerEntry._meta.db_table} SET subject = 'b'")
    with pytest.raises(LedgerBroken):
        verify_ledger_task.apply(throw=True).get()
    assert "#1" in caplog.text
