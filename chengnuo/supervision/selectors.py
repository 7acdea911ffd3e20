"""Reads the supervision pages share: the quarters of a cycle and their reviews, the
versions of one quarter's review, and the open overdue records of a subtree by path."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch

from chengnuo.organizations import tree

from .facts import QuarterFacts, quarter_facts
from .models import MemberComment, OverdueKind, OverdueRecord, QuarterlyReview

FILED, MISSING, OPEN, UPCOMING = "filed", "missing", "open", "upcoming"


@dataclass
class QuarterState:
    number: int
    first: datetime.date
    last: datetime.date
    state: str  # FILED, MISSING (ended, not filed), OPEN (running, not filed), UPCOMING
    latest: QuarterlyReview | None


def quarter_states(organization, cycle, today: datetime.date) -> list[QuarterState]:
    """The cycle's four quarters for organization, each with its latest filed version."""
    latest: dict[int, QuarterlyReview] = {}
    for review in (QuarterlyReview.objects.filter(organization=organization, cycle=cycle)
                   .select_related("filed_by").order_by("quarter", "number")):
        latest[review.quarter] = review
    states = []
    for number, first, last in cycle.quarters():
        review = latest.get(number)
        state = (FILED if review else UPCOMING if today < first
                 else MISSING if today > last else OPEN)
        states.append(QuarterState(number=number, first=first, last=last, state=state,
                                   latest=review))
    return states


def review_versions(organization, cycle, quarter: int) -> list[QuarterlyReview]:
    """Every filed version of the quarter's review, oldest first, with their comments."""
    comments = MemberComment.objects.select_related("member").order_by("member__name", "pk")
    return list(QuarterlyReview.objects
                .filter(organization=organization, cycle=cycle, quarter=quarter)
                .select_related("filed_by")
                .prefetch_related(Prefetch("comments", queryset=comments))
                .order_by("number"))


def facts_of(review: QuarterlyReview) -> QuarterFacts:
    return QuarterFacts.from_json(review.facts)


def live_facts(organization, cycle, quarter: int, today: datetime.date) -> QuarterFacts:
    return quarter_facts(organization, cycle, quarter, today)


def open_overdue(organization, kind: str = ""):
    """Open overdue records in organization's subtree, by place in the tree then date;
    `cited` says whether a notice already cites one, so it is not criticized twice."""
    records = (OverdueRecord.objects
               .filter(tree.subtree_q(organization.path, "organization__path"),
                       resolved_on=None)
               .annotate(cited=Exists(OverdueRecord.notices.through.objects.filter(
                   overduerecord_id=OuterRef("pk"))))
               .select_related("organization", "member", "cycle")
               .order_by("organization__path", "due_on", "pk"))
    if kind:
        records = records.filter(kind=kind)
    return records


def overdue_counts(organization) -> dict[str, int]:
    """{kind: open records} in the subtree, every kind present."""
    counts = dict.fromkeys(OverdueKind.values, 0)
    for row in (OverdueRecord.objects
                .filter(tree.subtree_q(organization.path, "organization__path"),
                        resolved_on=None)
                .values("kind").order_by().annotate(n=Count("pk"))):
        counts[row["kind"]] = row["n"]
    return counts


def _missing_reviews(organization):
    return OverdueRecord.objects.filter(tree.subtree_q(organization.path, "organization__path"),
                                        resolved_on=None, kind=OverdueKind.QUARTERLY_REVIEW)


def missing_review_organization_count(organization) -> int:
    """How many organizations in the subtree have a quarterly review missing."""
    return _missing_reviews(organization).values("organization_id").distinct().count()


def missing_review_organizations(organization, limit: int = 30):
    """The organizations in the subtree with quarterly reviews missing, and how many."""
    return list(_missing_reviews(organization)
                .values("organization__name", "organization__slug", "organization__path")
                .order_by("organization__path")
                .annotate(quarters=Count("pk"))[:limit])
