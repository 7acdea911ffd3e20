"""Reads for the notice pages, private and public. Each returns its rows with everything
the page shows loaded in a fixed number of queries, whatever the number of rows."""

from django.db.models import Count, Prefetch, Q, QuerySet

from chengnuo.evidence.models import Evidence
from chengnuo.members.models import Member
from chengnuo.organizations import tree
from chengnuo.organizations.models import Organization
from chengnuo.supervision.models import OverdueRecord

from .access import concerning_q, naming_q
from .models import (
    CLOSED_STATES,
    Notice,
    Rectification,
    RectificationAnswer,
    RectificationState,
)

SEARCH_LIMIT = 20

# ?state= on the list of orders: what each filter shows.
ORDER_FILTERS: dict[str, list[str]] = {
    "pending": [RectificationState.OPEN, RectificationState.OVERDUE,
                RectificationState.ANSWERED],
    "open": [RectificationState.OPEN],
    "overdue": [RectificationState.OVERDUE],
    "answered": [RectificationState.ANSWERED],
    "closed": sorted(CLOSED_STATES),
}


def _with_targets(notices: QuerySet[Notice]) -> QuerySet[Notice]:
    return notices.select_related("issuer").prefetch_related(
        Prefetch("organizations", queryset=Organization.objects.order_by("path")),
        Prefetch("members", queryset=Member.objects.select_related("organization")
                 .order_by("organization__path", "name", "pk")))


def notices_of_subtree(organization: Organization) -> QuerySet[Notice]:
    """Notices issued by or concerning organization's subtree, newest first, with how many
    of their orders are still pending."""
    pending = ORDER_FILTERS["pending"]
    return _with_targets(Notice.objects.filter(concerning_q(organization.path))).annotate(
        order_count=Count("rectifications", distinct=True),
        pending_count=Count("rectifications", filter=Q(rectifications__state__in=pending),
                            distinct=True),
    ).order_by("-issued_at", "-pk")


def _orders(qs: QuerySet[Rectification]) -> QuerySet[Rectification]:
    return qs.select_related("notice__issuer", "organization", "member__organization",
                             "home", "escalated_to")


def rectifications_of_subtree(organization: Organization,
                              state: str = "pending") -> QuerySet[Rectification]:
    """Orders whose target belongs in organization's subtree, by the ?state= filter."""
    states = ORDER_FILTERS.get(state, ORDER_FILTERS["pending"])
    return _orders(Rectification.objects.filter(
        tree.subtree_q(organization.path, "home__path"), state__in=states)).annotate(
        answer_count=Count("answers")).order_by("deadline", "pk")


def _answers() -> Prefetch:
    return Prefetch("answers", queryset=RectificationAnswer.objects.select_related(
        "answered_by", "decided_by").prefetch_related(
        Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at")))
        .order_by("number"))


def notice_orders(notice: Notice) -> list[Rectification]:
    return list(_orders(notice.rectifications.all()).prefetch_related(_answers())
                .order_by("pk"))


def notice_records(notice: Notice) -> list[OverdueRecord]:
    return list(notice.records.select_related("organization", "member").order_by("pk"))


def with_answers(order: Rectification) -> list[RectificationAnswer]:
    return list(_answers().queryset.filter(rectification=order))


def records_in(organization: Organization, ids) -> list[OverdueRecord]:
    """The overdue records among ids that lie in organization's subtree (the rest do not
    exist for this page)."""
    return list(OverdueRecord.objects.filter(
        tree.subtree_q(organization.path, "organization__path"), pk__in=list(ids))
        .select_related("organization", "member__organization").order_by("pk"))


def organizations_below(organization: Organization, ids=None,
                        text: str = "") -> QuerySet[Organization]:
    """Organizations strictly below organization, by ids and/or a name or code search."""
    qs = (Organization.objects.filter(tree.subtree_q(organization.path))
          .exclude(pk=organization.pk).select_related("parent").order_by("depth", "path"))
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(slug__iexact=text))[:SEARCH_LIMIT]
    return qs


def members_in(organization: Organization, ids=None, text: str = "") -> QuerySet[Member]:
    qs = Member.objects.filter(
        tree.subtree_q(organization.path, "organization__path")).select_related(
        "organization").defer("phone")
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    qs = qs.order_by("organization__path", "name", "pk")
    if text:
        qs = qs.filter(name__icontains=text)[:SEARCH_LIMIT]
    return qs


# ---- public -------------------------------------------------------------------------------

def _public_orders(q: Q) -> Prefetch:
    return Prefetch("rectifications", to_attr="orders_shown", queryset=Rectification.objects
                    .filter(q).select_related("organization", "member").order_by("pk"))


def board_notices(organization: Organization, limit: int) -> list[Notice]:
    """The newest notices issued by organization or naming it or one of its members, each
    with its orders for them: two queries."""
    return list(Notice.objects.filter(naming_q(organization.pk) | Q(issuer=organization))
                .select_related("issuer").order_by("-issued_at", "-pk")
                .prefetch_related(_public_orders(
                    Q(home=organization) | Q(notice__issuer=organization)))[:limit])


def member_notices(member: Member, limit: int) -> list[Notice]:
    return list(Notice.objects.filter(members=member).select_related("issuer")
                .order_by("-issued_at", "-pk")
                .prefetch_related(_public_orders(Q(member=member)))[:limit])


def public_notice(pk: int) -> Notice | None:
    return _with_targets(Notice.objects.select_related("ledger_entry", "withdrawal_entry")
                         ).filter(pk=pk).first()


def public_orders(notice: Notice) -> list[Rectification]:
    """The notice's orders with their accepted answer (and its evidence, made public on
    acceptance); returned and pending answers stay private."""
    accepted = Prefetch("answers", to_attr="accepted", queryset=RectificationAnswer.objects
                        .filter(decision="accepted").prefetch_related(
                            Prefetch("evidence", queryset=Evidence.objects.filter(public=True)
                                     .order_by("uploaded_at"))))
    return list(notice.rectifications.select_related("organization", "member", "escalated_to")
                .prefetch_related(accepted).order_by("pk"))
