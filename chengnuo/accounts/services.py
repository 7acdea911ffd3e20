"""Granting roles and opening accounts: one transaction each, checked against the actor's
reach, recorded in the audit trail."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chengnuo.audit.services import audit_event
from chengnuo.members.models import Member
from chengnuo.organizations.models import Organization

from .models import Role, RoleGrant
from .permissions import Need, reach_paths, require


@transaction.atomic
def role_grant(*, actor, user, organization: Organization, role: str) -> RoleGrant:
    """Grant role at organization.

    Rule: a role reaches the organization's subtree, so only an admin whose reach covers the
    organization may grant it; nobody can grant beyond their own subtree.
    """
    require(actor, Need.MANAGE, organization)
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if not user.is_active:
        raise ValidationError({"username": _("This account is disabled.")})
    grant, created = RoleGrant.objects.get_or_create(user=user, organization=organization,
                                                     role=role)
    if not created:
        raise ValidationError({"role": _("This account already holds this role here.")})
    audit_event(actor=actor, action="role.grant", subject=organization,
                changes={"role": [None, f"{user.username}: {grant.get_role_display()}"]})
    return grant


@transaction.atomic
def role_revoke(*, actor, grant: RoleGrant) -> None:
    """Take a role back. Rule: as role_grant; an admin cannot revoke their own top grant
    (so a subtree is never left without anyone able to manage it by accident)."""
    grant = RoleGrant.objects.select_related("organization", "user").get(pk=grant.pk)
    require(actor, Need.MANAGE, grant.organization)
    if grant.user_id == actor.pk and grant.role == Role.ADMIN and not actor.is_superuser:
        raise ValidationError(_("You cannot revoke your own admin role."))
    audit_event(actor=actor, action="role.revoke", subject=grant.organization,
                changes={"role": [f"{grant.user.username}: {grant.get_role_display()}", None]})
    grant.delete()


@transaction.atomic
def account_open(*, actor, username: str, password: str, member: Member | None = None,
                 full_name: str = ""):
    """Open a login account, optionally linked to a member (who then sees their own record).

    Rule: only an admin reaching the member's organization may link an account to them; a
    member has at most one account.
    """
    username = username.strip()
    if member is not None:
        member = Member.objects.select_for_update(of=("self",)).select_related(
            "organization").get(pk=member.pk)
        require(actor, Need.MANAGE, member)
        if member.user_id is not None:
            raise ValidationError({"username": _("This member already has an account.")})
    elif not (actor.is_superuser or reach_paths(actor, Need.MANAGE)):
        raise ValidationError(_("Only an organization admin may open accounts."))
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This username is taken.")})
    user = User(username=username,
                first_name=(full_name or (member.name if member else ""))[:150])
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise ValidationError({"username": _("This username is taken.")}) from None
    if member is not None:
        member.user = user
        member.save(update_fields=["user", "updated_at"])
        audit_event(actor=actor, action="member.account_open", subject=member,
                    changes={"user": [None, user.username]})
    return user
