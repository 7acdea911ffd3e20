"""Who reaches the supervision pages and who files the quarterly review.

The quarter pages show every member's facts and the organization's comments on them, so
they are for role holders over the organization (its secretary, the superiors' admins,
reviewers and inspectors), not for a plain member, who sees their own organization's other
pages. Filing needs the manage need there.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import (
    Need,
    OutOfReach,
    access_organization,
    can,
    is_system_admin,
    reach_paths,
)
from chengnuo.organizations.models import Organization


def oversees(user, organization: Organization) -> bool:
    """Whether user holds a role (any role) that reaches organization."""
    if is_system_admin(user):
        return True
    return any(organization.path.startswith(top) for top in reach_paths(user, Need.VIEW))


def access_supervised(user, slug: str) -> Organization:
    """The organization with slug if user oversees it; Http404 otherwise."""
    organization = access_organization(user, slug, Need.VIEW)
    if not oversees(user, organization):
        raise OutOfReach
    return organization


def may_file(user, organization: Organization) -> bool:
    return can(user, Need.MANAGE, organization)


def require_filer(user, organization: Organization) -> None:
    """Refuse anyone who may not file: with a reason if they see the organization, as a
    404 if it lies outside their reach."""
    if may_file(user, organization):
        return
    if can(user, Need.VIEW, organization):
        raise ValidationError(_(
            "Only an admin of the organization files its quarterly review."))
    raise OutOfReach
