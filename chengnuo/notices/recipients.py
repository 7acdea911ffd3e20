"""Who is told about a notice or an order: one query for each audience, whatever its size.

Grants are read where they were made (at the organization itself), not through the
subtree: the issuer's admins reach every target too, and must not be told as if they were
the target.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from chengnuo.accounts.models import Role, RoleGrant

User = get_user_model()


def _users(q: Q) -> QuerySet:
    return User.objects.filter(q, is_active=True).distinct().order_by("pk")


def speakers_of(organization_ids: Iterable[int]) -> QuerySet:
    """Those who may issue and decide in these organizations' name: admins and inspectors
    granted there."""
    return _users(Q(role_grants__organization_id__in=list(organization_ids),
                    role_grants__role__in=[Role.ADMIN, Role.INSPECTOR]))


def audience_of(*, organization_ids: Iterable[int], member_ids: Iterable[int]) -> QuerySet:
    """Everyone a notice goes to: the admins of the organizations it names and the members
    of those organizations ("并把情况向党员群众进行通报"), and the members it names."""
    organization_ids, member_ids = list(organization_ids), list(member_ids)
    return _users(Q(role_grants__organization_id__in=organization_ids,
                    role_grants__role=Role.ADMIN)
                  | Q(member__organization_id__in=organization_ids)
                  | Q(member__pk__in=member_ids))


def answerers_by_order(rectifications) -> dict[int, list]:
    """Who answers each of these orders, by the order's pk: the admins of the organization
    named, or the member named (for a member without an account, the admins of their
    organization). One query whatever the number of orders; each named member's account
    comes loaded with the order."""
    orders = list(rectifications)

    def by_admins(order) -> bool:
        return order.member_id is None or order.member.user_id is None

    admins: dict[int, list] = defaultdict(list)
    for grant in RoleGrant.objects.filter(
            organization_id__in={r.home_id for r in orders if by_admins(r)},
            role=Role.ADMIN, user__is_active=True).select_related("user").order_by("user_id"):
        admins[grant.organization_id].append(grant.user)
    return {r.pk: admins[r.home_id] if by_admins(r)
            else [user for user in [r.member.user] if user.is_active] for r in orders}


def answerers_of(rectifications) -> list:
    """Everyone who answers one of these orders."""
    users = {user.pk: user for answerers in answerers_by_order(rectifications).values()
             for user in answerers}
    return list(users.values())
