"""The one place that answers "may this user do this to this object".

A role held at an organization reaches its whole subtree. Every view, command and API
endpoint fetches organizations and members through `access_*` here: outside the user's
reach the object does not exist for them (Http404), so guessing ids or tampering with a
form reveals nothing.

Needs:
    view    read the private pages of an organization or member
    manage  create and edit organizations, members and posts; grant roles
    import  import a roster into the subtree
    review  review commitments (later steps)
    inspect run inspections and spot checks (later steps)
"""

from enum import StrEnum

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from chengnuo.members.models import Member
from chengnuo.organizations import tree
from chengnuo.organizations.models import Organization

from .models import Role, RoleGrant


class OutOfReach(Http404):
    """Raised for anything outside the user's subtree: to them it does not exist."""

    def __init__(self, message=None):
        super().__init__(message or _("Not found, or outside the organizations you manage."))


class Need(StrEnum):
    VIEW = "view"
    MANAGE = "manage"
    IMPORT = "import"
    REVIEW = "review"
    INSPECT = "inspect"


ROLE_NEEDS: dict[str, set[Need]] = {
    Role.ADMIN: {Need.VIEW, Need.MANAGE, Need.IMPORT, Need.REVIEW},
    Role.REVIEWER: {Need.VIEW, Need.REVIEW},
    Role.INSPECTOR: {Need.VIEW, Need.INSPECT},
}


def _grants(user) -> list[tuple[str, str]]:
    """(role, path) pairs of the user's grants, read once per request-bound user object."""
    cached = getattr(user, "_chengnuo_grants", None)
    if cached is None:
        cached = list(
            RoleGrant.objects.filter(user=user).values_list("role", "organization__path")
        )
        user._chengnuo_grants = cached
    return cached


def reach_paths(user, need: Need) -> list[str]:
    """Top paths of the subtrees in which user has need; nested grants are folded away."""
    paths = sorted({path for role, path in _grants(user) if need in ROLE_NEEDS[role]})
    tops: list[str] = []
    for path in paths:
        if not tops or not path.startswith(tops[-1]):
            tops.append(path)
    return tops


def is_system_admin(user) -> bool:
    return user.is_active and user.is_superuser


def member_of(user) -> Member | None:
    if not user.is_authenticated:
        return None
    try:
        return user.member
    except Member.DoesNotExist:
        return None


def _reach_q(user, need: Need, field: str) -> Q | None:
    """Q selecting what user reaches with need through field's path; None: everything."""
    if is_system_admin(user):
        return None
    q = Q(pk__in=[])
    for path in reach_paths(user, need):
        q |= tree.subtree_q(path, field)
    return q


def organizations_for(user, need: Need = Need.VIEW) -> QuerySet[Organization]:
    """Every organization user may act on with need."""
    qs = Organization.objects.all()
    if not user.is_authenticated:
        return qs.none()
    q = _reach_q(user, need, "path")
    if q is None:
        return qs
    member = member_of(user)
    if need == Need.VIEW and member is not None:
        # A member sees their own organization's page (fellow members, posts).
        q |= Q(pk=member.organization_id)
    return qs.filter(q)


def members_for(user, need: Need = Need.VIEW) -> QuerySet[Member]:
    """Every member user may act on with need; a plain member reaches only themself."""
    qs = Member.objects.all()
    if not user.is_authenticated:
        return qs.none()
    q = _reach_q(user, need, "organization__path")
    if q is None:
        return qs
    member = member_of(user)
    if need == Need.VIEW and member is not None:
        q |= Q(pk=member.pk)
    return qs.filter(q)


def can(user, need: Need, obj: Organization | Member) -> bool:
    """May user act with need on obj (an Organization or a Member)? Answered without a query
    for role holders once their grants are loaded."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_system_admin(user):
        return True
    path = obj.path if isinstance(obj, Organization) else obj.organization.path
    if any(path.startswith(top) for top in reach_paths(user, need)):
        return True
    member = member_of(user)
    if need == Need.VIEW and member is not None:
        if isinstance(obj, Organization):
            return obj.pk == member.organization_id
        return obj.pk == member.pk
    return False


def sees_other_members(user) -> bool:
    """Whether user reaches members beyond themself (a plain member does not)."""
    return user.is_authenticated and (is_system_admin(user)
                                      or bool(reach_paths(user, Need.VIEW)))


def access_organization(user, slug: str, need: Need = Need.VIEW) -> Organization:
    """The organization with slug if user may act on it with need; Http404 otherwise."""
    try:
        return organizations_for(user, need).select_related("parent", "secretary").get(
            slug=slug)
    except Organization.DoesNotExist:
        raise OutOfReach from None


def access_member(user, pk: int, need: Need = Need.VIEW) -> Member:
    """The member pk if user may act on them with need; Http404 otherwise."""
    try:
        return members_for(user, need).select_related(
            "organization", "residence_organization", "post", "user").get(pk=pk)
    except (Member.DoesNotExist, ValueError, TypeError):
        raise OutOfReach from None


def home_organization(user) -> Organization | None:
    """Where a user lands after login: their highest grant, else their member organization."""
    if not user.is_authenticated:
        return None
    paths = reach_paths(user, Need.VIEW)
    if paths:
        return Organization.objects.filter(path=paths[0]).first()
    if is_system_admin(user):
        return Organization.objects.filter(depth=1).first()
    member = member_of(user)
    return member.organization if member else None


def require(user, need: Need, obj: Organization | Member) -> None:
    """Raise OutOfReach (a 404) when user may not act with need on obj; services call this."""
    if not can(user, need, obj):
        raise OutOfReach
