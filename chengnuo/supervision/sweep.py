"""The overdue sweep (督诺: 对不按时完成承诺事项的党组织和党员…通报批评，责令限期整改): find what is
late, record it once, tell the owner and the superior, and close what is no longer late.

Idempotent: a record is keyed by its subject (`item:<key>`, `milestone:<key>`,
`review:<organization>:<cycle>:<quarter>`, …), created with the conflict ignored, and only
records that are new (or late again after being resolved) are told about, with the subject
key as dedupe key. Running it twice on a day changes nothing more.

FINDERS lists what is looked for: this app's three kinds and other apps' (the rectification
orders of notices); a new kind is one more Finder there, or appended from an app's
AppConfig.ready(). `find(today)` yields unsaved OverdueRecord rows (subject_key,
organization, member or not, description, due_on; an optional `url` attribute is where the
notification links), best skipping subjects that already have an open record;
`resolve(today) -> int` closes the open records of its kind that are no longer late. Both
are dotted paths, imported when run.
"""

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string

from .alerts import alert
from .models import OverdueKind, OverdueRecord

BATCH = 500


@dataclass(frozen=True)
class Finder:
    kind: str
    find: str
    resolve: str = ""


FINDERS: list[Finder] = [
    Finder(kind=OverdueKind.ITEM, find="chengnuo.supervision.finders.late_items",
           resolve="chengnuo.supervision.finders.resolve_items"),
    Finder(kind=OverdueKind.MILESTONE, find="chengnuo.supervision.finders.late_milestones",
           resolve="chengnuo.supervision.finders.resolve_milestones"),
    Finder(kind=OverdueKind.QUARTERLY_REVIEW,
           find="chengnuo.supervision.finders.missing_reviews",
           resolve="chengnuo.supervision.finders.resolve_reviews"),
    Finder(kind=OverdueKind.RECTIFICATION,
           find="chengnuo.notices.sweep.find_overdue_rectifications",
           resolve="chengnuo.notices.sweep.resolve_rectifications"),
]


@dataclass
class SweepResult:
    """What one run did, per kind."""

    found: Counter = field(default_factory=Counter)  # new records
    reopened: Counter = field(default_factory=Counter)  # late again after being resolved
    resolved: Counter = field(default_factory=Counter)
    notifications: int = 0

    def as_dict(self) -> dict:
        def plain(counter):
            return {str(kind): n for kind, n in counter.items()}

        return {"found": plain(self.found), "reopened": plain(self.reopened),
                "resolved": plain(self.resolved), "notifications": self.notifications}


def sweep_overdue(*, today: datetime.date) -> SweepResult:
    """Run every finder for today: resolve first, then record and tell what is new, one
    transaction per batch (a batch's records and their notifications stand or fall
    together, so nothing is recorded without being told)."""
    result = SweepResult()
    # Descriptions and messages are stored text: write them in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        for finder in FINDERS:
            if finder.resolve:
                result.resolved[finder.kind] += import_string(finder.resolve)(today)
            for batch in _batches(import_string(finder.find)(today)):
                with transaction.atomic():
                    _record(batch, today, result)
    return result


def _batches(records: Iterable[OverdueRecord]) -> Iterator[list[OverdueRecord]]:
    records = iter(records)
    while batch := list(islice(records, BATCH)):
        yield batch


def _record(batch: list[OverdueRecord], today: datetime.date, result: SweepResult) -> None:
    known = {key: (pk, resolved_on) for key, pk, resolved_on in OverdueRecord.objects.filter(
        subject_key__in=[r.subject_key for r in batch]).values_list(
        "subject_key", "pk", "resolved_on")}
    fresh, again, seen = [], [], set()
    for record in batch:
        if record.subject_key in seen:
            continue
        seen.add(record.subject_key)
        record.detected_on, record.resolved_on = today, None
        if record.subject_key not in known:
            fresh.append(record)
        elif known[record.subject_key][1] is not None:
            record.pk = known[record.subject_key][0]
            again.append(record)
    OverdueRecord.objects.bulk_create(fresh, ignore_conflicts=True)
    OverdueRecord.objects.bulk_update(again, ["resolved_on", "detected_on", "due_on",
                                              "description", "item", "milestone"])
    for record in fresh:
        result.found[record.kind] += 1
    for record in again:
        result.reopened[record.kind] += 1
    result.notifications += alert(fresh)
    # Late again: told again, under a key of its own for this day.
    result.notifications += alert(again, dedupe_suffix=f"@{today.isoformat()}")
