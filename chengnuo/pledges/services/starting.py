"""提诺, first step: starting an owner's pledge for a cycle."""


from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import Need, OutOfReach, can, require
from chengnuo.audit.services import audit_event
from chengnuo.cycles.models import Cycle
from chengnuo.members.models import Member
from chengnuo.organizations.models import Organization

from ..models import (
    Pledge,
    PledgeVersion,
    Scope,
)


def _check_cycle_applies(cycle: Cycle, organization: Organization) -> None:
    if cycle.organization.path not in [*organization.ancestor_paths(), organization.path]:
        raise ValidationError(_("This cycle does not cover %(organization)s.") % {
            "organization": organization})


@transaction.atomic
def pledge_start(*, actor, cycle: Cycle, member: Member | None = None,
                 organization: Organization | None = None, scope: str = Scope.WORK,
                 oral: bool = False) -> Pledge:
    """Start the owner's pledge for the cycle with an empty draft version.

    Rules (guideline part 一 item 四, part 三 step 1): an organization's pledge is reviewed
    by its parent; a member's by their organization, and an in-service member's residence
    pledge by the residence community. A member without a post commits through an assigned
    duty post. Only elderly, infirm, low-literacy or retired members may pledge orally, and
    the secretary records an oral pledge for them.
    """
    if (member is None) == (organization is None):
        raise TypeError("give exactly one owner: member or organization")
    if scope not in Scope.values:
        # Saving would not catch it: choices are only checked by forms.
        raise ValidationError({"scope": _("Choose the work unit or the residence community.")})
    if member is not None:
        member = Member.objects.select_related(
            "organization__parent", "residence_organization", "post", "user").get(pk=member.pk)
        is_self = member.user_id is not None and member.user_id == actor.pk
        if scope == Scope.RESIDENCE:
            if not member.in_service or member.residence_organization_id is None:
                raise ValidationError(_(
                    "Only an in-service member registered at a residence community makes a "
                    "pledge there."))
            where = member.residence_organization
            if not (is_self or can(actor, Need.MANAGE, member)
                    or can(actor, Need.MANAGE, where)):
                raise OutOfReach
        else:
            where = member.organization
            if not (is_self or can(actor, Need.MANAGE, member)):
                raise OutOfReach
        if oral:
            if not member.may_pledge_orally:
                raise ValidationError(_(
                    "Only elderly, infirm, low-literacy or retired members may pledge "
                    "orally."))
            if is_self or not (can(actor, Need.MANAGE, member) or can(actor, Need.MANAGE, where)):
                raise ValidationError(_(
                    "An oral pledge is recorded by the secretary on the member's behalf."))
        if member.without_post and member.post_id is None:
            raise ValidationError(_(
                "A member without a post commits through a duty post: assign one first."))
        reviewing = where
        pledge = Pledge(cycle=cycle, member=member, scope=scope, organization=where,
                        reviewing_organization=reviewing, post=member.post)
    else:
        organization = Organization.objects.select_related("parent").get(pk=organization.pk)
        require(actor, Need.MANAGE, organization)
        if scope != Scope.WORK:
            raise ValidationError(_("An organization pledges only in its own scope."))
        if oral:
            raise ValidationError(_("Only members may pledge orally."))
        if not organization.is_grassroots or organization.parent_id is None:
            raise ValidationError(_("Grassroots organizations make pledges."))
        where = organization
        pledge = Pledge(cycle=cycle, owner_organization=organization, organization=where,
                        reviewing_organization=organization.parent)
    _check_cycle_applies(cycle, where)
    try:
        with transaction.atomic():
            pledge.save()
    except IntegrityError:
        raise ValidationError(_("This pledge has already been started.")) from None
    version = PledgeVersion.objects.create(
        pledge=pledge, number=1, is_oral=oral, created_by=actor,
        post_name=pledge.post.name if pledge.post else "")
    pledge.current_version = version
    pledge.save(update_fields=["current_version"])
    audit_event(actor=actor, action="pledge.start", subject=pledge,
                changes={"scope": [None, scope], "oral": [None, oral]})
    return pledge
