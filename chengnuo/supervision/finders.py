"""What the overdue sweep looks for, and when a lateness has ended.

Each finder yields unsaved OverdueRecord rows for what is late on `today` and has no open
record yet (so a daily run reads only what became late since); each resolver closes, in one
UPDATE, the open records whose thing is no longer late: done, reached, filed, or its date
moved by an amendment. The sweep registers them in sweep.FINDERS.

Only published versions of pledges count (a draft promises nothing to anyone), in the
cycles that are running or ended less than a quarter ago, so the fourth quarter's late
items and review are still caught; an open record stays open after that until it ends.
"""

import datetime
from collections.abc import Iterator

from django.db.models import DateField, Exists, F, OuterRef
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.cycles.models import Cycle
from chengnuo.organizations import tree
from chengnuo.organizations.models import GRASSROOTS_ORDER, Organization
from chengnuo.pledges.models import Milestone, PledgeItem

from .models import OverdueKind, OverdueRecord, QuarterlyReview, review_subject_key

# How long after a cycle's last day its lateness is still looked for.
GRACE = datetime.timedelta(days=92)
ROWS = 2000


def current_cycles(today: datetime.date):
    return Cycle.objects.filter(solicitation_opens__lte=today,
                                quarter_4_ends__gte=today - GRACE)


def _published(prefix: str = "") -> dict:
    """Filter on an item (through prefix) belonging to its pledge's published version."""
    return {f"{prefix}version_id": F(f"{prefix}version__pledge__published_version_id")}


def _due_on(prefix: str = "") -> Coalesce:
    # An item without a due date is due when its cycle ends (progress.schedule.due_of).
    return Coalesce(f"{prefix}due_date", f"{prefix}version__pledge__cycle__quarter_4_ends",
                    output_field=DateField())


def _open(kind: str, **match):
    return OverdueRecord.objects.filter(kind=kind, resolved_on=None, **match)


def _open_keys(model, kind: str):
    """The keys of model's rows that have an open record of kind: one uncorrelated
    subquery, which both databases evaluate once (a correlated NOT EXISTS through the
    record's row runs per candidate and was seconds on a county)."""
    return model.objects.filter(overdue_records__kind=kind,
                                overdue_records__resolved_on=None).values("key")


def _owner_fields(prefix: str) -> list[str]:
    pledge = f"{prefix}version__pledge__"
    return [f"{pledge}id", f"{pledge}member_id", f"{pledge}member__organization_id",
            f"{pledge}owner_organization_id", f"{pledge}cycle_id"]


def _record(kind: str, row: dict, prefix: str, **fields) -> OverdueRecord:
    pledge = f"{prefix}version__pledge__"
    record = OverdueRecord(
        kind=kind, member_id=row[f"{pledge}member_id"], cycle_id=row[f"{pledge}cycle_id"],
        organization_id=(row[f"{pledge}member__organization_id"]
                         or row[f"{pledge}owner_organization_id"]), **fields)
    record.url = reverse("pledges:detail", args=[row[f"{pledge}id"]])
    return record


# ---- items ---------------------------------------------------------------------------------

def late_items(today: datetime.date) -> Iterator[OverdueRecord]:
    """Published items past their due date and not done."""
    rows = (PledgeItem.objects
            .filter(**_published(), version__pledge__cycle__in=current_cycles(today),
                    done_on=None)
            .annotate(due_on=_due_on()).filter(due_on__lt=today)
            .exclude(key__in=_open_keys(PledgeItem, OverdueKind.ITEM))
            .values("pk", "key", "content", "due_on", *_owner_fields(""))
            .order_by())
    for row in rows.iterator(chunk_size=ROWS):
        yield _record(OverdueKind.ITEM, row, "", subject_key=f"item:{row['key']}",
                      item_id=row["pk"], description=row["content"][:300],
                      due_on=row["due_on"])


def resolve_items(today: datetime.date) -> int:
    still_late = (PledgeItem.objects
                  .filter(**_published(), key=OuterRef("item__key"), done_on=None)
                  .annotate(due_on=_due_on()).filter(due_on__lt=today))
    return (_open(OverdueKind.ITEM).exclude(Exists(still_late))
            .update(resolved_on=today))


# ---- milestones ----------------------------------------------------------------------------

def late_milestones(today: datetime.date) -> Iterator[OverdueRecord]:
    """Milestones of published items past their date, not reached, the item not done."""
    rows = (Milestone.objects
            .filter(**_published("item__"), item__version__pledge__cycle__in=current_cycles(
                today), item__done_on=None, reached_on=None, due_date__lt=today)
            .exclude(key__in=_open_keys(Milestone, OverdueKind.MILESTONE))
            .values("pk", "key", "title", "due_date", "item_id", "item__content",
                    *_owner_fields("item__"))
            .order_by())
    for row in rows.iterator(chunk_size=ROWS):
        what = _("%(milestone)s (of: %(item)s)") % {
            "milestone": row["title"], "item": row["item__content"][:120]}
        yield _record(OverdueKind.MILESTONE, row, "item__",
                      subject_key=f"milestone:{row['key']}", item_id=row["item_id"],
                      milestone_id=row["pk"], description=what[:300],
                      due_on=row["due_date"])


def resolve_milestones(today: datetime.date) -> int:
    still_late = Milestone.objects.filter(
        **_published("item__"), key=OuterRef("milestone__key"), item__done_on=None,
        reached_on=None, due_date__lt=today)
    return (_open(OverdueKind.MILESTONE).exclude(Exists(still_late))
            .update(resolved_on=today))


# ---- quarterly reviews ---------------------------------------------------------------------

def missing_reviews(today: datetime.date) -> Iterator[OverdueRecord]:
    """Grassroots organizations under a cycle with no review filed for a quarter that has
    ended since the cycle was opened: one query per cycle and ended quarter, whatever the
    number of organizations."""
    for cycle in current_cycles(today).select_related("organization").order_by("pk"):
        opened = timezone.localdate(cycle.created_at)
        for quarter, _first, last in cycle.quarters():
            # A cycle opened late (going live mid-year) owes nothing for quarters that had
            # ended before it existed.
            if last >= today or last < opened:
                continue
            filed = QuarterlyReview.objects.filter(organization=OuterRef("pk"), cycle=cycle,
                                                   quarter=quarter)
            recorded = _open(OverdueKind.QUARTERLY_REVIEW, organization=OuterRef("pk"),
                             cycle=cycle, quarter=quarter)
            rows = (Organization.objects
                    .filter(tree.subtree_q(cycle.organization.path),
                            kind__in=GRASSROOTS_ORDER)
                    .exclude(Exists(filed)).exclude(Exists(recorded))
                    .values("pk", "slug").order_by("path"))
            what = _("Quarterly review of %(year)s, quarter %(quarter)s") % {
                "year": cycle.year, "quarter": quarter}
            for row in rows.iterator(chunk_size=ROWS):
                record = OverdueRecord(
                    kind=OverdueKind.QUARTERLY_REVIEW, organization_id=row["pk"],
                    cycle=cycle, quarter=quarter, description=what, due_on=last,
                    subject_key=review_subject_key(row["pk"], cycle.pk, quarter))
                record.url = reverse("supervision:quarter",
                                     args=[row["slug"], cycle.year, quarter])
                yield record


def resolve_reviews(today: datetime.date) -> int:
    filed = QuarterlyReview.objects.filter(organization=OuterRef("organization"),
                                           cycle=OuterRef("cycle"), quarter=OuterRef("quarter"))
    return _open(OverdueKind.QUARTERLY_REVIEW).filter(Exists(filed)).update(
        resolved_on=today)
