"""Reads for the progress pages and charts, each a fixed number of queries.

Statuses depend on today's date, so they are computed (schedule.status_of) from a few
columns per item rather than stored: `published_items` brings those columns in one
query, the earliest milestone not reached and the first publication included as
subqueries.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery
from django.utils import timezone

from chengnuo.evidence.models import Evidence
from chengnuo.pledges.models import Milestone, PledgeItem, PledgeVersion

from . import schedule
from .models import ProgressReport


def _publications(pledge) -> QuerySet[PledgeVersion]:
    """pledge's versions ever made public, earliest first (pledge may be an OuterRef)."""
    return PledgeVersion.objects.filter(pledge=pledge, published_at__isnull=False).order_by(
        "published_at")


def first_published_at(pledge_ref: str = "pk") -> Subquery:
    """When the pledge the outer row names (by pledge_ref) was first made public: where an
    item's schedule starts (schedule.started_on)."""
    return Subquery(_publications(OuterRef(pledge_ref)).values("published_at")[:1])


def published_items(**filters) -> QuerySet[PledgeItem]:
    """Items of published versions matching filters, annotated with what their status
    needs: `next_milestone_on` and `first_published_at`."""
    return (PledgeItem.objects
            .filter(version_id=F("version__pledge__published_version_id"), **filters)
            .annotate(
                next_milestone_on=Subquery(
                    Milestone.objects.filter(item=OuterRef("pk"), reached_on=None)
                    .order_by("due_date").values("due_date")[:1]),
                first_published_at=first_published_at("version__pledge")))


def first_published_on(pledge) -> datetime.datetime | None:
    """When pledge was first made public (one query); None if it never was."""
    return _publications(pledge).values_list("published_at", flat=True).first()


@dataclass(frozen=True)
class ItemRow:
    """One item as lists and charts see it."""

    pk: int
    content: str
    owner: str
    member_id: int | None
    year: int
    percent: int
    expected: int
    due_on: datetime.date | None
    done_on: datetime.date | None
    status: schedule.Status
    fulfilling: bool = False  # its cycle is past the commitment deadline and not ended

    @property
    def status_label(self) -> str:
        return schedule.Status(self.status).label


_PLEDGE = "version__pledge__"
_ROW_FIELDS = ("pk", "content", "percent", "done_on", "due_date", "next_milestone_on",
               "first_published_at", f"{_PLEDGE}member_id", f"{_PLEDGE}member__name",
               f"{_PLEDGE}owner_organization__name", f"{_PLEDGE}cycle__year",
               f"{_PLEDGE}cycle__solicitation_opens", f"{_PLEDGE}cycle__quarter_4_ends",
               f"{_PLEDGE}cycle__commitment_deadline")


def _row(v: dict, today: datetime.date) -> ItemRow:
    started = (timezone.localdate(v["first_published_at"]) if v["first_published_at"]
               else v[f"{_PLEDGE}cycle__solicitation_opens"])
    due = v["due_date"] or v[f"{_PLEDGE}cycle__quarter_4_ends"]
    status = schedule.status_of(percent=v["percent"], done_on=v["done_on"], due_on=due,
                                next_milestone_on=v["next_milestone_on"],
                                started_on=started, today=today)
    expected = 100 if v["done_on"] else schedule.expected_percent(
        started_on=started, due_on=due, on=today)
    return ItemRow(pk=v["pk"], content=v["content"],
                   owner=v[f"{_PLEDGE}member__name"]
                   or v[f"{_PLEDGE}owner_organization__name"] or "",
                   member_id=v[f"{_PLEDGE}member_id"], year=v[f"{_PLEDGE}cycle__year"],
                   percent=v["percent"], expected=expected, due_on=v["due_date"],
                   done_on=v["done_on"], status=status,
                   fulfilling=v[f"{_PLEDGE}cycle__commitment_deadline"] < today
                   <= v[f"{_PLEDGE}cycle__quarter_4_ends"])


def item_rows(items: QuerySet[PledgeItem], today: datetime.date) -> list[ItemRow]:
    """ItemRow for every item of published_items(...): one query. The organization's
    own items come first, then members' by name."""
    ordered = items.values(*_ROW_FIELDS).order_by(
        F(f"{_PLEDGE}member__name").asc(nulls_first=True), f"{_PLEDGE}member_id",
        f"{_PLEDGE}scope", "position", "pk")
    return [_row(v, today) for v in ordered]


def organization_rows(organization, cycle, today: datetime.date) -> list[ItemRow]:
    """Every published item made at organization in cycle: its members' and its own."""
    return item_rows(published_items(version__pledge__organization=organization,
                                     version__pledge__cycle=cycle), today)


def member_rows(member, today: datetime.date) -> list[ItemRow]:
    """The member's published items of the year being fulfilled (work and residence
    pledges), else of their newest year: while next year's commitments are being made,
    the public still follows this year's."""
    rows = item_rows(published_items(version__pledge__member=member), today)
    year = max((r.year for r in rows if r.fulfilling), default=None) or max(
        (r.year for r in rows), default=None)
    return [r for r in rows if r.year == year]


def reports_of(item: PledgeItem) -> list[ProgressReport]:
    """The item's reports, newest first, with their evidence and milestone: two queries."""
    return list(ProgressReport.objects.filter(item=item)
                .select_related("milestone", "reported_by", "ledger_entry")
                .prefetch_related(Prefetch("evidence",
                                           queryset=Evidence.objects.order_by("uploaded_at")))
                .order_by("-reported_on", "-pk"))

