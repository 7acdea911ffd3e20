"""Storing evidence: check every file first, then store them all through Django's storage.

Evidence is stored by the service that attaches it (a progress report, a deed, a
rectification answer), inside that service's transaction. A database rollback cannot
take back a file already written to storage, so such files are left behind with no row,
or a row nothing refers to; `manage.py prune_evidence` (daily in production) deletes
both once they are a day old. A failure while this function itself stores the files
deletes what it stored at once.
"""

import datetime
import hashlib
import uuid
from collections.abc import Iterable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from .models import Evidence
from .uploads import check_uploads


@transaction.atomic
def evidence_store_many(*, actor, uploads: Iterable, public: bool = False) -> list[Evidence]:
    """Store uploaded photos and documents as evidence, all or none.

    Every file is checked by its content before any is stored (uploads.check_uploads:
    allowed types, size, count), so one bad file refuses the whole upload with a message
    naming it. Images are stored re-encoded without their metadata. The guideline (part 三
    item 4, 履诺) asks for progress "against the schedule" to be shown to the masses:
    the photos and documents are what makes it checkable, and a member's location must
    not leak through them. actor may be anonymous (a deed reported by the public).

    The row itself is the record of the upload (who, when, sha256 of the stored bytes);
    the service attaching the evidence writes the audit event for the whole action.
    """
    checked = check_uploads(uploads)
    uploader = actor if actor is not None and actor.is_authenticated else None
    stored: list[Evidence] = []
    try:
        for item in checked:
            evidence = Evidence(
                kind=item.kind, content_type=item.content_type, size=len(item.data),
                sha256=hashlib.sha256(item.data).hexdigest(),
                original_name=item.original_name, public=public, uploaded_by=uploader,
                width=item.width, height=item.height)
            # The stored name is random: the uploader's name says nothing trustworthy and
            # may carry personal details or path tricks.
            evidence.file.save(f"{uuid.uuid4().hex}.{item.extension}",
                               ContentFile(item.data), save=False)
            stored.append(evidence)
        Evidence.objects.bulk_create(stored)
    except BaseException:
        for evidence in stored:
            evidence.file.delete(save=False)
        raise
    return stored


def evidence_store(*, actor, upload, public: bool = False) -> Evidence:
    """One uploaded file as evidence; see evidence_store_many."""
    return evidence_store_many(actor=actor, uploads=[upload], public=public)[0]


def evidence_make_public(*, evidence: Iterable[Evidence]) -> int:
    """Mark evidence public, for services attaching it to something the public sees (the
    progress of a published pledge, a verified deed). The caller has checked its own
    permission; this only flips the flag, in one UPDATE."""
    evidence = list(evidence)
    for item in evidence:
        item.public = True
    return Evidence.objects.filter(pk__in=[item.pk for item in evidence],
                                   public=False).update(public=True)


def evidence_prune(*, older_than: datetime.timedelta = datetime.timedelta(days=1),
                   months: int = 2) -> tuple[int, int]:
    """Delete what rolled-back actions left behind, once it is older_than old: Evidence rows
    nothing refers to (with their files), and stored files without a row (in the last
    `months` months of upload folders). Returns (rows, files) deleted.

    The age keeps this clear of uploads whose transaction is still running. "Refers to"
    covers every relation onto Evidence, so a new kind of attachment is counted without
    touching this function."""
    cutoff = timezone.now() - older_than
    orphans = Evidence.objects.filter(uploaded_at__lt=cutoff, **{
        f"{relation.name}__isnull": True for relation in Evidence._meta.related_objects})
    rows = 0
    while batch := list(orphans.only("pk", "file")[:500]):
        for evidence in batch:
            evidence.file.delete(save=False)
        rows += Evidence.objects.filter(pk__in=[e.pk for e in batch]).delete()[1].get(
            Evidence._meta.label, 0)
    return rows, _prune_files(cutoff, months)


def _prune_files(cutoff: datetime.datetime, months: int) -> int:
    deleted = 0
    today = timezone.localdate()
    for back in range(months):
        year, month = divmod(today.year * 12 + today.month - 1 - back, 12)
        folder = f"evidence/{year:04d}/{month + 1:02d}"
        try:
            _dirs, names = default_storage.listdir(folder)
        except FileNotFoundError:
            continue
        paths = [f"{folder}/{name}" for name in names]
        for start in range(0, len(paths), 500):
            batch = paths[start:start + 500]
            known = set(Evidence.objects.filter(file__in=batch).values_list("file", flat=True))
            for path in batch:
                if path not in known and default_storage.get_modified_time(path) < cutoff:
                    default_storage.delete(path)
                    deleted += 1
    return deleted
