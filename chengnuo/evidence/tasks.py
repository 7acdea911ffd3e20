"""Periodic clean-up of evidence storage, run by Celery beat in production."""

from celery import shared_task

from .services import evidence_prune


@shared_task(name="chengnuo.evidence.prune")
def prune_evidence_task() -> tuple[int, int]:
    """Nightly: what rolled-back uploads left behind (see services.evidence_prune)."""
    return evidence_prune()
