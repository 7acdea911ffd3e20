"""Who is told about a notice or an order: one query for each audience, whatever its size.

Grants are read where they were made (at the organization itself), not through the
subtree: the issuer's admins reach every target too, and must not be told as if they were
the target.
"""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from chengnuo.accounts.models import Role

User = get_user_model()


def _users(q: Q) -> QuerySet:
    return User.objects.filter(q, is_active=True).distinct().order_by("pk")


def admins_of(organization_ids: Iterable[int]) -> QuerySet:
    """The admins (secretaries) granted at these organizations."""
    return _users(Q(role_grants__organization_id__in=list(organization_ids),
                    role_grants__role=Role.ADMIN))


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


def answerers_of(rectifications) -> QuerySet:
    """Who answers these orders: the admins of the organizations named, the members named
    (or, for a member without an account, the admins of their organization)."""
    organization_ids = {r.home_id for r in rectifications if r.member_id is None}
    organization_ids |= {r.home_id for r in rectifications
                         if r.member_id is not None and r.member.user_id is None}
    member_ids = [r.member_id for r in rectifications if r.member_id is not None]
    return _users(Q(role_grants__organization_id__in=list(organization_ids),
                    role_grants__role=Role.ADMIN) | Q(member__pk__in=member_ids))
