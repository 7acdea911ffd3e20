"""State changes of members: one transaction each, checked against the actor's reach and
the category rules, and recorded in the audit trail."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import Need, can, require
from chengnuo.audit.services import audit_event, changes_between, snapshot
from chengnuo.organizations.models import Organization

from .models import CATEGORY_FIELDS, Member

EDITABLE_FIELDS = ("name", "gender", "birth_date", "joined_date", "phone",
                   "residence_organization", "post", "photo", *CATEGORY_FIELDS)
AUDITED_FIELDS = (*EDITABLE_FIELDS, "organization")


@transaction.atomic
def member_create(*, actor, organization: Organization, **fields) -> Member:
    """Add a member to an organization the actor manages.

    Rule: the categories of guideline part 一 item 四 are consistent (Member.clean). The
    residence community may lie outside the actor's subtree: a county organ's member often
    lives in a street community elsewhere.
    """
    require(actor, Need.MANAGE, organization)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    member = Member(organization=organization, **fields)
    member.full_clean()
    member.save()
    audit_event(actor=actor, action="member.create", subject=member,
                changes=changes_between({}, snapshot(member, AUDITED_FIELDS)))
    return member


@transaction.atomic
def member_update(*, actor, member: Member, **fields) -> Member:
    """Edit a member's record; changing the home organization needs reach over both ends.

    Rule: as member_create; a duty post stays within the member's organization and only a
    member without a post holds one (Member.clean).
    """
    member = Member.objects.select_for_update(of=("self",)).select_related(
        "organization", "residence_organization", "post").get(pk=member.pk)
    require(actor, Need.MANAGE, member)
    new_organization = fields.pop("organization", None)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    before = snapshot(member, AUDITED_FIELDS)
    for name, value in fields.items():
        setattr(member, name, value)
    if new_organization is not None and new_organization.pk != member.organization_id:
        if not can(actor, Need.MANAGE, new_organization):
            raise ValidationError({"organization": _("Unknown organization.")})
        member.organization = new_organization
        member.post = None  # duty posts belong to the old organization
        if member.residence_organization_id == new_organization.pk:
            member.residence_organization = None
    member.full_clean()
    changes = changes_between(before, snapshot(member, AUDITED_FIELDS))
    if changes:
        member.save()
        audit_event(actor=actor, action="member.update", subject=member, changes=changes)
    return member
