"""The append-only, hash-chained ledger of public changes."""

import hashlib
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from .models import GENESIS_HASH, LedgerEntry, LedgerHead


def entry_hash(*, previous_hash: str, sequence: int, recorded_at, kind: str, subject: str,
               payload: dict) -> str:
    content = json.dumps(
        {"sequence": sequence, "recorded_at": recorded_at.isoformat(), "kind": kind,
         "subject": subject, "payload": payload},
        sort_keys=True, ensure_ascii=False, separators=(",", ":"), cls=DjangoJSONEncoder,
    )
    return hashlib.sha256((previous_hash + content).encode()).hexdigest()


def ledger_append(*, kind: str, subject: str, payload: dict) -> LedgerEntry:
    """Append one entry chained to the last one.

    Rule: every change the public can see is recorded once and can never be rewritten
    unnoticed (DESIGN.md, "tamper-evident ledger"). Appends serialize on the head row.
    """
    with transaction.atomic():
        LedgerHead.objects.get_or_create(singleton=1)
        head = LedgerHead.objects.select_for_update().get(singleton=1)
        # Round-trip the payload through JSON so the hash is over what is stored.
        payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
        recorded_at = timezone.now().replace(microsecond=0)
        sequence = head.sequence + 1
        digest = entry_hash(previous_hash=head.hash, sequence=sequence,
                            recorded_at=recorded_at, kind=kind, subject=subject,
                            payload=payload)
        entry = LedgerEntry.objects.create(
            sequence=sequence, recorded_at=recorded_at, kind=kind, subject=subject,
            payload=payload, previous_hash=head.hash, hash=digest,
        )
        head.sequence, head.hash = sequence, digest
        head.save(update_fields=["sequence", "hash"])
    return entry


@dataclass(frozen=True)
class Break:
    sequence: int
    reason: str


def ledger_verify(chunk_size: int = 2000) -> tuple[int, Break | None]:
    """Walk the chain in order; return (entries checked, first break or None)."""
    expected_previous, expected_sequence, checked = GENESIS_HASH, 1, 0
    for entry in LedgerEntry.objects.order_by("sequence").iterator(chunk_size=chunk_size):
        if entry.sequence != expected_sequence:
            return checked, Break(expected_sequence, "missing")
        if entry.previous_hash != expected_previous:
            return checked, Break(entry.sequence, "previous hash does not match")
        digest = entry_hash(previous_hash=entry.previous_hash, sequence=entry.sequence,
                            recorded_at=entry.recorded_at, kind=entry.kind,
                            subject=entry.subject, payload=entry.payload)
        if digest != entry.hash:
            return checked, Break(entry.sequence, "content does not match its hash")
        expected_previous, expected_sequence = entry.hash, entry.sequence + 1
        checked += 1
    head = LedgerHead.objects.filter(singleton=1).first()
    if head is not None and (head.sequence, head.hash) != (checked, expected_previous):
        return checked, Break(checked + 1, "missing")
    return checked, None
