"""Who may see and act on notices and rectification orders.

A notice is seen by whoever views its issuer or any organization or member it concerns; a
rectification order by whoever views the organization its target belongs to (which the
issuer and the level above it reach too), and by the target member. Outside that they do
not exist for the user (404). The target answers an order, the issuer decides on the
answer: nobody does both.
"""

from django.db.models import Q, QuerySet

from chengnuo.accounts.permissions import (
    Need,
    OutOfReach,
    can,
    is_system_admin,
    member_of,
    organizations_for,
    reach_paths,
)
from chengnuo.organizations import tree
from chengnuo.organizations.models import Organization

from .models import Notice, Rectification


def concerning_q(path: str) -> Q:
    """Notices issued in the subtree at path or naming an organization or a member in it.

    A notice only ever concerns the issuer's own subtree, so "issued in it" adds nothing
    but the issuer's own notices; the targets are looked up through their link tables.
    """
    organizations = Notice.organizations.through.objects.filter(
        tree.subtree_q(path, "organization__path")).values("notice_id")
    members = Notice.members.through.objects.filter(
        tree.subtree_q(path, "member__organization__path")).values("notice_id")
    return (tree.subtree_q(path, "issuer__path") | Q(pk__in=organizations)
            | Q(pk__in=members))


def naming_q(organization_id: int) -> Q:
    """Notices naming the organization itself or one of its own members."""
    return (Q(pk__in=Notice.organizations.through.objects.filter(
        organization_id=organization_id).values("notice_id"))
        | Q(pk__in=Notice.members.through.objects.filter(
            member__organization_id=organization_id).values("notice_id")))


def notices_for(user) -> QuerySet[Notice]:
    qs = Notice.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_system_admin(user):
        return qs
    q = Q(pk__in=[])
    for path in reach_paths(user, Need.VIEW):
        q |= concerning_q(path)
    member = member_of(user)
    if member is not None:
        # A member reads what was issued about their own organization and its members,
        # as its notices list shows them (all of it is on the public board anyway).
        q |= naming_q(member.organization_id)
    return qs.filter(q)


def access_notice(user, pk) -> Notice:
    try:
        return notices_for(user).select_related(
            "issuer__parent", "issued_by", "withdrawn_by", "ledger_entry",
            "withdrawal_entry").get(pk=pk)
    except (Notice.DoesNotExist, ValueError, TypeError):
        raise OutOfReach from None


def rectifications_for(user) -> QuerySet[Rectification]:
    """Every order whose target belongs in the user's reach. The issuer and the level an
    order escalates to are ancestors of the target, so the same range covers them."""
    q = Q(home__in=organizations_for(user))
    member = member_of(user)
    if member is not None:
        q |= Q(member=member)
    return Rectification.objects.filter(q)


def access_rectification(user, pk) -> Rectification:
    try:
        return rectifications_for(user).select_related(
            "notice__issuer__parent", "organization", "member__organization",
            "member__user", "home", "escalated_to").get(pk=pk)
    except (Rectification.DoesNotExist, ValueError, TypeError):
        raise OutOfReach from None


def may_view_rectification(user, rectification: Rectification) -> bool:
    """rectifications_for(user) answered for one loaded order without a query."""
    member = member_of(user)
    return can(user, Need.VIEW, rectification.home) or (
        member is not None and member.pk == rectification.member_id)


def may_issue(user, organization: Organization) -> bool:
    """Admins and inspectors issue notices in the name of an organization they reach."""
    return can(user, Need.MANAGE, organization) or can(user, Need.INSPECT, organization)


def may_withdraw(user, notice: Notice) -> bool:
    return may_issue(user, notice.issuer)


def _speaks_for_issuer(user, rectification: Rectification) -> bool:
    issuer = rectification.notice.issuer
    escalated = rectification.escalated_to
    return may_issue(user, issuer) or (escalated is not None and may_issue(user, escalated))


def is_target(user, rectification: Rectification) -> bool:
    """The member the order names, or an admin of the organization it names. A member with
    no account answers through an admin of their organization, who records it for them."""
    member = rectification.member
    if member is not None:
        own = member_of(user)
        if own is not None and own.pk == member.pk:
            return True
        return member.user_id is None and can(user, Need.MANAGE, member)
    return can(user, Need.MANAGE, rectification.organization)


def may_answer(user, rectification: Rectification) -> bool:
    # Admins above the issuer reach the target too; they decide, they do not answer.
    return is_target(user, rectification) and not _speaks_for_issuer(user, rectification)


def may_decide(user, rectification: Rectification) -> bool:
    """Admins and inspectors of the issuer, or of the organization the order escalated to;
    never the target itself."""
    own = member_of(user)
    if own is not None and own.pk == rectification.member_id:
        return False
    return _speaks_for_issuer(user, rectification)
