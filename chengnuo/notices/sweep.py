"""The rectification orders' part of the overdue sweep (supervision.sweep.FINDERS).

`find_overdue_rectifications(today)` first marks every open order past its deadline
overdue and escalates it (services.rectifications_overdue, in batches, each in its own
transaction), then yields an unsaved OverdueRecord for every overdue order that has no
record yet, so the sweep records it and tells the target and its superior. Orders marked
overdue otherwise (an answer returned after the deadline) are recorded by the same second
step. Idempotent: a second run finds no open order past its deadline and no overdue order
without a record. `resolve_rectifications(today)` closes the records of orders that ended.
"""

import datetime
from collections.abc import Iterator

from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils.translation import gettext as _

from chengnuo.supervision.models import OverdueKind, OverdueRecord

from .models import CLOSED_STATES, Rectification, RectificationState
from .services import rectifications_overdue

BATCH = 500


def _subject_key():
    return Concat(Value("rectification:"), Cast("pk", CharField()), output_field=CharField())


def _past_deadline(today: datetime.date) -> list[int]:
    return list(Rectification.objects.filter(state=RectificationState.OPEN,
                                             deadline__lt=today)
                .order_by("pk").values_list("pk", flat=True)[:BATCH])


def mark_overdue(today: datetime.date) -> int:
    """Open orders past their deadline become overdue and escalate; returns how many."""
    marked = 0
    while ids := _past_deadline(today):
        with transaction.atomic():
            orders = list(Rectification.objects.select_for_update(of=("self",))
                          .filter(pk__in=ids, state=RectificationState.OPEN)
                          .select_related("notice__issuer__parent", "notice__issued_by",
                                          "organization", "member", "escalated_to")
                          .order_by("pk"))
            rectifications_overdue(orders=orders, today=today)
        marked += len(orders)
    return marked


def find_overdue_rectifications(today: datetime.date) -> Iterator[OverdueRecord]:
    """The sweep's finder for rectification orders (see the module docstring)."""
    mark_overdue(today)
    recorded = OverdueRecord.objects.filter(kind=OverdueKind.RECTIFICATION,
                                            subject_key=OuterRef("subject"))
    orders = (Rectification.objects.filter(state=RectificationState.OVERDUE)
              .annotate(subject=_subject_key()).exclude(Exists(recorded))
              .select_related("notice__issuer").order_by("pk"))
    for order in orders.iterator(chunk_size=BATCH):
        record = OverdueRecord(
            kind=OverdueKind.RECTIFICATION, subject_key=order.subject_key,
            organization_id=order.home_id, member_id=order.member_id, due_on=order.deadline,
            description=(_("Rectification order from %(issuer)s not answered by its "
                           "deadline: %(requirement)s") % {
                "issuer": order.notice.issuer.name,
                "requirement": order.requirement})[:300])
        record.url = reverse("notices:rectification", args=[order.pk])
        yield record


def resolve_rectifications(today: datetime.date) -> int:
    """Close the open records of orders that ended (accepted, or withdrawn with their
    notice); the services do it as they close an order, this catches anything left."""
    ended = Rectification.objects.filter(state__in=CLOSED_STATES).annotate(
        subject=_subject_key()).filter(subject=OuterRef("subject_key"))
    return OverdueRecord.objects.filter(
        kind=OverdueKind.RECTIFICATION, resolved_on__isnull=True).filter(
        Exists(ended)).update(resolved_on=today)
