"""What the secretary's overview and the reviewer's queue read.

Every member's status comes from the database in the same query as the member (a subquery
per scope), so the status filter and the counts run in SQL and no page issues a query per
row.
"""

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from chengnuo.accounts.permissions import Need, member_of
from chengnuo.members.models import Member
from chengnuo.organizations import tree
from chengnuo.organizations.models import Organization
from chengnuo.pledges.access import pledges_for
from chengnuo.pledges.models import Pledge, Scope, State

MISSING = "missing"
AMENDING = "amending"
STATUSES = [MISSING, State.DRAFT, State.SUBMITTED, State.RETURNED, State.APPROVED,
            State.PUBLISHED]

# Member categories the overview filters on; "oral" gathers everyone who may pledge orally.
MEMBER_FILTERS = {
    "leader": Q(holds_leadership_post=True),
    "in_service": Q(in_service=True),
    "without_post": Q(without_post=True),
    "oral": Q(elderly_or_low_literacy=True) | Q(retired=True),
}


def _status(cycle, scope: str):
    """(status, amending) expressions of a member's pledge in scope: the state of its
    current version, or "missing"; amending when a published version stands while a new
    one is worked on."""
    pledges = Pledge.objects.filter(cycle=cycle, member=OuterRef("pk"), scope=scope)
    state = Coalesce(Subquery(pledges.values("state")[:1]), Value(MISSING),
                     output_field=CharField())
    amending = Exists(pledges.filter(published_version__isnull=False)
                      .exclude(state=State.PUBLISHED))
    return state, amending


def overview_members(organization: Organization, cycle) -> QuerySet[Member]:
    """The organization's members with the status of their work pledge, and of their
    residence pledge where they have one; for a community, also the in-service members from
    elsewhere registered there (only their residence pledge concerns it)."""
    home = Q(organization=organization)
    with_residence = Q(in_service=True, residence_organization__isnull=False)
    work, work_amending = _status(cycle, Scope.WORK)
    residence, residence_amending = _status(cycle, Scope.RESIDENCE)
    return (Member.objects.filter(home | Q(residence_organization=organization))
            .annotate(
                is_home=Case(When(home, then=Value(True)), default=Value(False),
                             output_field=BooleanField()),
                work_status=Case(When(home, then=work), default=Value(""),
                                 output_field=CharField()),
                work_amending=Case(When(home, then=work_amending), default=Value(False),
                                   output_field=BooleanField()),
                residence_status=Case(When(with_residence, then=residence), default=Value(""),
                                      output_field=CharField()),
                residence_amending=Case(When(with_residence, then=residence_amending),
                                        default=Value(False), output_field=BooleanField()),
            ))


def filter_members(members: QuerySet[Member], *, status: str = "", category: str = "",
                   search: str = "") -> QuerySet[Member]:
    if status == AMENDING:
        members = members.filter(Q(work_amending=True) | Q(residence_amending=True))
    elif status in STATUSES:
        members = members.filter(Q(work_status=status) | Q(residence_status=status))
    if category in MEMBER_FILTERS:
        members = members.filter(MEMBER_FILTERS[category])
    if search:
        members = members.filter(name__icontains=search)
    return members.select_related("organization", "residence_organization", "post",
                                  "user").order_by("-is_home", "name", "pk")


def status_counts(members: QuerySet[Member], own: Pledge | None,
                  organization: Organization) -> dict[str, int]:
    """How many pledges of the organization stand in each status: one aggregate query
    grouped by the statuses of both scopes, plus the organization's own pledge."""
    counts = dict.fromkeys([*STATUSES, AMENDING], 0)
    rows = (members.order_by().values("work_status", "work_amending", "residence_status",
                                      "residence_amending").annotate(n=Count("pk")))
    for row in rows:
        for scope in ("work", "residence"):
            if row[f"{scope}_status"]:
                counts[row[f"{scope}_status"]] += row["n"]
            if row[f"{scope}_amending"]:
                counts[AMENDING] += row["n"]
    if organization.parent_id is not None:
        counts[own.state if own else MISSING] += 1
        if own is not None and own.published_version_id and own.state != State.PUBLISHED:
            counts[AMENDING] += 1
    return counts


def own_pledge(organization: Organization, cycle) -> Pledge | None:
    return (Pledge.objects.filter(cycle=cycle, owner_organization=organization)
            .select_related("current_version", "organization", "owner_organization",
                            "reviewing_organization").first())


def pledges_by_member(cycle, members: list[Member]) -> dict[tuple[int, str], Pledge]:
    """The pledges of the members on one page, keyed by (member, scope): one query."""
    by_pk = {member.pk: member for member in members}
    pledges = (Pledge.objects.filter(cycle=cycle, member_id__in=list(by_pk))
               .select_related("current_version", "organization", "reviewing_organization"))
    found = {}
    for pledge in pledges:
        # The member is already loaded with their organization: reuse it for the checks.
        pledge.member = by_pk[pledge.member_id]
        found[(pledge.member_id, pledge.scope)] = pledge
    return found


def review_queue(user, *, under: Organization | None = None, kind: str = "") -> QuerySet:
    """Submitted pledges the user may decide on, oldest submission first. A reviewer's own
    pledge is someone else's to decide, so it is left out."""
    pledges = pledges_for(user, Need.REVIEW).filter(state=State.SUBMITTED)
    member = member_of(user)
    if member is not None:
        pledges = pledges.exclude(member=member)
    if under is not None:
        pledges = pledges.filter(tree.subtree_q(under.path, "organization__path"))
    if kind == "organization":
        pledges = pledges.filter(owner_organization__isnull=False)
    elif kind == "member":
        pledges = pledges.filter(member__isnull=False)
    return (pledges.select_related("cycle", "member__organization", "owner_organization",
                                   "organization", "reviewing_organization",
                                   "current_version__submitted_by")
            .annotate(item_count=Count("current_version__items"))
            .order_by("current_version__submitted_at", "pk"))
