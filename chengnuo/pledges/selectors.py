"""Reads for the pledge pages: each page loads in a fixed number of queries, whatever the
number of items, milestones or versions."""

from django.db.models import F, Prefetch, QuerySet

from chengnuo.cycles.models import Cycle
from chengnuo.cycles.selectors import cycles_covering
from chengnuo.members.models import Member
from chengnuo.suggestions.models import Suggestion

from .advisor import OtherItem
from .models import Milestone, Pledge, PledgeItem, PledgeVersion, Publication


def _items() -> Prefetch:
    return Prefetch("items", queryset=PledgeItem.objects.order_by("position", "pk")
                    .prefetch_related(
                        Prefetch("milestones", queryset=Milestone.objects.order_by(
                            "due_date", "pk")),
                        Prefetch("suggestions", queryset=Suggestion.objects.order_by("pk"))))


def versions_of(pledge: Pledge) -> list[PledgeVersion]:
    """Every version of pledge, oldest first, with its items (milestones, suggestions taken
    up), its review, its publications and its ledger entry: five queries in all."""
    return list(
        PledgeVersion.objects.filter(pledge=pledge)
        .select_related("review__reviewer", "ledger_entry", "submitted_by")
        .prefetch_related(
            _items(),
            Prefetch("publications", queryset=Publication.objects.order_by("date", "pk")))
        .order_by("number"))


def previous_submitted(versions: list[PledgeVersion],
                       version: PledgeVersion) -> PledgeVersion | None:
    """The last version before version that went to a reviewer: what the reviewer saw."""
    earlier = [v for v in versions if v.number < version.number and v.submitted_at]
    return earlier[-1] if earlier else None


def suggestions_open_to(pledge: Pledge) -> QuerySet[Suggestion]:
    """The suggestions an item of pledge may take up: made to its organization this cycle."""
    return Suggestion.objects.filter(organization_id=pledge.organization_id,
                                     cycle_id=pledge.cycle_id).order_by("-created_at", "pk")


def other_items(pledge: Pledge) -> list[OtherItem]:
    """The current items of the other pledges made in the same organization and cycle, for
    the advisor's near-copy check: one query."""
    rows = (PledgeItem.objects
            .filter(version__pledge__cycle_id=pledge.cycle_id,
                    version__pledge__organization_id=pledge.organization_id,
                    version_id=F("version__pledge__current_version_id"))
            .exclude(version__pledge_id=pledge.pk)
            .values_list("content", "target", "version__pledge__member__name",
                         "version__pledge__owner_organization__name"))
    return [OtherItem(owner_label=member or organization or "", content=content,
                      target=target)
            for content, target, member, organization in rows]


def member_pledges(member: Member, cycles=None) -> QuerySet[Pledge]:
    """A member's pledges, newest cycle first, with what their rows show: the published
    items too, each a way into reporting its progress."""
    qs = Pledge.objects.filter(member=member)
    if cycles is not None:
        qs = qs.filter(cycle__in=cycles)
    return (qs.select_related("cycle__organization", "organization", "reviewing_organization",
                              "current_version", "published_version")
            .prefetch_related(Prefetch(
                "published_version__items",
                queryset=PledgeItem.objects.order_by("position", "pk").prefetch_related(
                    # Each item's status against its schedule needs its milestones.
                    Prefetch("milestones", queryset=Milestone.objects.order_by("due_date")))))
            .order_by("-cycle__year", "scope", "pk"))


def cycles_for_member(member: Member) -> list[Cycle]:
    """The cycles that apply to the member's organization, newest first (at most three:
    older years are history, reached from the pledge pages)."""
    return list(cycles_covering(member.organization)[:3])
