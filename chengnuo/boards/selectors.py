"""Reads for the public pages: what the public may see of pledges and suggestions.

Only published versions ever reach these pages (a draft, a submitted version or an
amendment under review stays with the pledge's current_version, which nothing here reads).
Every function loads a fixed number of queries whatever the number of members or items.
"""

import datetime

from django.db.models import F, Prefetch, QuerySet

from chengnuo.cycles.models import Cycle
from chengnuo.cycles.selectors import cycles_covering, fulfilled_among
from chengnuo.evidence.models import Evidence
from chengnuo.members.models import Member
from chengnuo.organizations.models import Organization
from chengnuo.pledges.models import (
    Milestone,
    Pledge,
    PledgeItem,
    PledgeVersion,
    Publication,
    State,
)
from chengnuo.progress.models import ProgressReport
from chengnuo.progress.selectors import first_published_at
from chengnuo.suggestions.models import Suggestion

# How many of an item's latest progress reports the public pages show.
REPORTS_SHOWN = 3

_ITEMS = PledgeItem.objects.order_by("position", "pk").prefetch_related(
    Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")))

# Published items with their latest reports and the public evidence of those (a sliced
# prefetch: the database keeps REPORTS_SHOWN per item, whatever the history's length).
_ITEMS_WITH_PROGRESS = _ITEMS.prefetch_related(Prefetch(
    "progress_reports", to_attr="latest_reports",
    queryset=ProgressReport.objects.order_by("-reported_on", "-pk").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.filter(public=True)
                 .order_by("uploaded_at")))[:REPORTS_SHOWN]))


def _history():
    # Earlier published versions, newest first: what the public saw before an amendment.
    return Prefetch(
        "versions", to_attr="history",
        queryset=PledgeVersion.objects.filter(state=State.SUPERSEDED)
        .select_related("ledger_entry").order_by("-number")
        .prefetch_related(Prefetch("items", queryset=_ITEMS)))


def _published() -> QuerySet[Pledge]:
    # first_published_at: where the items' schedules start (progress.schedule.started_on).
    return (Pledge.objects.exclude(published_version=None)
            .select_related("cycle", "member", "owner_organization", "organization",
                            "published_version__ledger_entry")
            .annotate(first_published_at=first_published_at()))


def with_published_items(pledges: list[Pledge], *, progress: bool = True) -> list[Pledge]:
    """Load the published version's items, milestones and publication channels, and the
    history of each pledge; with progress, each item's latest reports too."""
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(
        pledges, Prefetch("published_version__items",
                          queryset=_ITEMS_WITH_PROGRESS if progress else _ITEMS),
        Prefetch("published_version__publications",
                 queryset=Publication.objects.order_by("date", "pk")),
        _history())
    return pledges


def pick_cycle(organization: Organization, year: str | None,
               today: datetime.date) -> tuple[Cycle | None, list[int]]:
    """The cycle asked for by ?year=, else the one being fulfilled today; and every year
    on offer."""
    cycle, cycles = pick_among_cycles(organization, year, today)
    return cycle, [c.year for c in cycles]


def pick_among_cycles(organization: Organization, year: str | None,
                      today: datetime.date) -> tuple[Cycle | None, list[Cycle]]:
    """pick_cycle's choice and the cycles on offer (newest first), in one query. Late in
    a year the next year's solicitation opens while this year's commitments are still
    being kept: the board shows the year being fulfilled and points to the other."""
    cycles = list(cycles_covering(organization)[:20])
    if year and year.isdigit():
        return next((c for c in cycles if c.year == int(year)), None), cycles
    return fulfilled_among(cycles, today), cycles


def organization_pledge(organization: Organization, cycle: Cycle) -> Pledge | None:
    return _published().filter(owner_organization=organization, cycle=cycle).first()


def member_pledges(organization: Organization, cycle: Cycle) -> QuerySet[Pledge]:
    """Members' published pledges made at organization: work pledges of its members and
    residence pledges of in-service members registered here."""
    return (_published().filter(organization=organization, cycle=cycle,
                                member__isnull=False)
            .order_by("member__name", "member_id", "scope"))


def cycle_suggestions(organization: Organization, cycle: Cycle) -> QuerySet[Suggestion]:
    """The cycle's suggestions with their public answers (the contact is never read)."""
    return (Suggestion.objects.filter(organization=organization, cycle=cycle)
            .select_related("item__version__pledge__member",
                            "item__version__pledge__owner_organization")
            .defer("contact")
            .order_by("-created_at", "-pk"))


def public_member(public_id: str) -> Member | None:
    return (Member.objects.select_related("organization", "residence_organization", "post")
            .defer("phone").filter(public_id=public_id).first())


def pledges_of_member(member: Member, *, progress: bool = True) -> list[Pledge]:
    """Every published pledge of member, newest year first, work before residence."""
    pledges = list(_published().filter(member=member)
                   .order_by(F("cycle__year").desc(), "scope", "pk"))
    return with_published_items(pledges, progress=progress)


def badges_of(organization: Organization, cycle: Cycle) -> list[tuple[Member, list[Pledge]]]:
    """(member, published pledges) for every member with a published pledge made at
    organization in cycle, in name order; a fixed number of queries."""
    pledges = with_published_items(list(
        member_pledges(organization, cycle).select_related("member__organization",
                                                           "member__post")), progress=False)
    grouped: dict[int, tuple[Member, list[Pledge]]] = {}
    for pledge in pledges:
        grouped.setdefault(pledge.member_id, (pledge.member, []))[1].append(pledge)
    return list(grouped.values())
