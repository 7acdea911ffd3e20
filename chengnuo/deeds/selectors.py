"""Reads shared by the deed pages, the public hooks and the services: each returns what
its page shows with a fixed number of queries, whatever the number of rows."""

from django.db.models import Prefetch, QuerySet

from chengnuo.accounts.models import Role, RoleGrant
from chengnuo.cycles.models import Cycle
from chengnuo.evidence.models import Evidence
from chengnuo.members.models import Member
from chengnuo.organizations.models import Organization
from chengnuo.organizations.tree import subtree_q

from .models import Deed, DeedStar, DeedState, StarList


def organization_admins(organization: Organization) -> list:
    """Who verifies the organization's deeds: its own admins (the secretary), or, where it
    has none, those of the nearest organization above that has some. One query."""
    line = [*organization.ancestor_paths(), organization.path]
    rows = list(RoleGrant.objects.filter(role=Role.ADMIN, organization__path__in=line,
                                         user__is_active=True)
                .select_related("user", "organization").order_by("-organization__depth"))
    if not rows:
        return []
    nearest = rows[0].organization_id
    return [row.user for row in rows if row.organization_id == nearest]


def cycle_on(organization: Organization, day) -> Cycle | None:
    """The cycle a deed of day at organization belongs to: the oldest whose year spans the
    day (late in a year the next one's solicitation may already be open)."""
    return (Cycle.objects.covering(organization)
            .filter(solicitation_opens__lte=day, quarter_4_ends__gte=day)
            .order_by("year").first())


def shown_evidence(public_only: bool = False) -> Prefetch:
    """A deed's evidence in upload order as deed.shown_evidence; public_only for the public
    pages, where unverified photos must not appear."""
    queryset = Evidence.objects.order_by("uploaded_at", "pk")
    if public_only:
        queryset = queryset.filter(public=True)
    return Prefetch("evidence", queryset=queryset, to_attr="shown_evidence")


def waiting_deeds(organization: Organization) -> QuerySet[Deed]:
    """Reports waiting for verification in organization's subtree, oldest first."""
    return (Deed.objects.filter(subtree_q(organization.path, "organization__path"),
                                state=DeedState.REPORTED)
            .select_related("member", "organization", "reporter__member")
            .prefetch_related(shown_evidence())
            .order_by("created_at", "pk"))


def decided_deeds(organization: Organization) -> QuerySet[Deed]:
    """Decisions in organization's subtree, newest first."""
    return (Deed.objects.filter(subtree_q(organization.path, "organization__path"))
            .exclude(state=DeedState.REPORTED)
            .select_related("member", "organization", "decided_by")
            .order_by("-decided_at", "-pk"))


def deeds_of_member(member: Member) -> QuerySet[Deed]:
    """Every deed reported about member, in every state, newest first (private pages)."""
    return (Deed.objects.filter(member=member)
            .select_related("organization", "decided_by")
            .prefetch_related(shown_evidence(), Prefetch(
                "stars", queryset=DeedStar.objects.select_related("cycle")))
            .order_by("-occurred_on", "-pk"))


def quarter_deeds(organization: Organization, cycle: Cycle, quarter: int) -> QuerySet[Deed]:
    """Verified deeds of organization's members in one quarter of cycle: the star
    candidates."""
    first, last = cycle.quarter_bounds(quarter)
    return (Deed.objects.filter(organization=organization, cycle=cycle,
                                state=DeedState.VERIFIED,
                                occurred_on__gte=first, occurred_on__lte=last)
            .select_related("member")
            .order_by("member__name", "-occurred_on", "pk"))


def stars_of(organization: Organization, cycle: Cycle, quarter: int | None = None
             ) -> QuerySet[DeedStar]:
    stars = DeedStar.objects.filter(organization=organization, cycle=cycle)
    if quarter is not None:
        stars = stars.filter(quarter=quarter)
    return (stars.select_related("member", "deed", "named_by", "ledger_entry")
            .prefetch_related("entries")
            .order_by("quarter", "member__name", "pk"))


def subtree_stars(organization: Organization, year: int, quarter: int) -> QuerySet[DeedStar]:
    """The quarter's stars named anywhere in organization's subtree, by the tree's order."""
    return (DeedStar.objects.filter(subtree_q(organization.path, "organization__path"),
                                    cycle__year=year, quarter=quarter)
            .select_related("member", "organization", "cycle", "deed")
            .order_by("organization__path", "member__name", "pk"))


def star_lists_of(organization: Organization) -> QuerySet[StarList]:
    return (StarList.objects.filter(organization=organization)
            .select_related("ledger_entry", "published_by").order_by("-year", "-quarter"))


def star_list_entries(star_list: StarList):
    return (star_list.entries.select_related("star__member", "star__organization",
                                             "star__deed")
            .order_by("position"))
