"""Fetching pledges through the permission layer.

A pledge is visible to whoever views the organization where it is made, the member's home
organization, or the reviewing organization (with the review role), and to the member who
owns it. Outside that it does not exist for the user (404).
"""

from django.db.models import Q, QuerySet

from chengnuo.accounts.permissions import (
    Need,
    OutOfReach,
    access_member,
    can,
    is_system_admin,
    member_of,
    organizations_for,
    reach_paths,
)
from chengnuo.members.models import Member
from chengnuo.organizations import tree

from .models import Pledge, Scope


def pledges_for(user, need: Need = Need.VIEW) -> QuerySet[Pledge]:
    """Every pledge user may open (VIEW) or decide on (REVIEW)."""
    qs = Pledge.objects.all()
    if not user.is_authenticated:
        return qs.none()
    if is_system_admin(user):
        return qs
    q = Q(pk__in=[])
    if need == Need.REVIEW:
        for path in reach_paths(user, Need.REVIEW):
            q |= tree.subtree_q(path, "reviewing_organization__path")
        return qs.filter(q)
    for path in reach_paths(user, Need.VIEW):
        q |= (tree.subtree_q(path, "organization__path")
              | tree.subtree_q(path, "member__organization__path"))
    for path in reach_paths(user, Need.REVIEW):
        q |= tree.subtree_q(path, "reviewing_organization__path")
    member = member_of(user)
    if member is not None:
        q |= Q(member=member)
    return qs.filter(q)


def may_view(user, pledge: Pledge) -> bool:
    """pledges_for(user) answered for one loaded pledge without a query: the same reach,
    for pages that decide per row (the overview's links)."""
    if not user.is_authenticated:
        return False
    if is_system_admin(user):
        return True
    paths = [pledge.organization.path]
    if pledge.member_id:
        paths.append(pledge.member.organization.path)
    if any(p.startswith(top) for p in paths for top in reach_paths(user, Need.VIEW)):
        return True
    if any(pledge.reviewing_organization.path.startswith(top)
           for top in reach_paths(user, Need.REVIEW)):
        return True
    return is_owner(user, pledge)


def access_pledge(user, pk, need: Need = Need.VIEW) -> Pledge:
    """The pledge pk if user may act on it with need; Http404 otherwise."""
    try:
        return pledges_for(user, need).select_related(
            "cycle", "member__organization", "member__user", "owner_organization",
            "organization", "reviewing_organization", "post", "current_version",
            "published_version").get(pk=pk)
    except (Pledge.DoesNotExist, ValueError, TypeError):
        raise OutOfReach from None


def is_owner(user, pledge: Pledge) -> bool:
    """The member who owns the pledge (not their secretary)."""
    member = member_of(user)
    return member is not None and pledge.member_id == member.pk


def may_edit(user, pledge: Pledge) -> bool:
    """The owner or an admin over them may draft; an oral pledge only by the admin, who
    records it on the member's behalf."""
    if pledge.member_id is None:
        return can(user, Need.MANAGE, pledge.owner_organization)
    admin = can(user, Need.MANAGE, pledge.member) or can(user, Need.MANAGE, pledge.organization)
    if pledge.current_version is not None and pledge.current_version.is_oral:
        return admin
    return admin or is_owner(user, pledge)


def may_review(user, pledge: Pledge) -> bool:
    return can(user, Need.REVIEW, pledge.reviewing_organization)


def reviews_own_work(user, pledge: Pledge) -> bool:
    """Deciding on one's own pledge, or on an organization's pledge one submitted oneself.

    A secretary who enters a member's pledge for them (an oral pledge, or a member without
    an account) is a clerk, not the author: they may still review it. An organization's
    pledge, though, is the submitter's own work.
    """
    if is_owner(user, pledge):
        return True
    version = pledge.current_version
    return (pledge.member_id is None and version is not None
            and version.submitted_by_id == user.pk)


def may_publish(user, pledge: Pledge) -> bool:
    return can(user, Need.MANAGE, pledge.organization)


def may_extend(user, pledge: Pledge) -> bool:
    return can(user, Need.MANAGE, pledge.reviewing_organization)


def access_pledge_owner(user, pk, scope: str) -> Member:
    """The member whose pledge user is about to start. A residence community's admin
    reaches the in-service members registered there, wherever their home organization is
    (guideline part 一 item 四: the community reviews their residence pledge)."""
    try:
        return access_member(user, pk)
    except OutOfReach:
        if scope != Scope.RESIDENCE:
            raise
    try:
        return Member.objects.select_related(
            "organization", "residence_organization", "post", "user").get(
            pk=pk, residence_organization__in=organizations_for(user, Need.MANAGE))
    except (Member.DoesNotExist, ValueError, TypeError):
        raise OutOfReach from None
