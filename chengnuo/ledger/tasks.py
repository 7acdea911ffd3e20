"""Periodic checks of the ledger, run by Celery beat in production."""

import logging

from celery import shared_task

from .services import ledger_verify

logger = logging.getLogger(__name__)


class LedgerBroken(Exception):
    """The chain no longer verifies: an entry was changed or removed outside the app."""


@shared_task(name="chengnuo.ledger.verify")
def verify_ledger_task() -> int:
    """Recompute the chain every night; a break is logged as an error and fails the task,
    so monitoring of failed tasks sees it the same morning."""
    checked, broken = ledger_verify()
    if broken is not None:
        logger.error("Ledger broken at entry #%s: %s", broken.sequence, broken.reason)
        raise LedgerBroken(f"entry #{broken.sequence}: {broken.reason}")
    return checked
