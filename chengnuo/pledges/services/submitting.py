"""提诺: submitting a draft before the deadline, withdrawing an undecided submission, and
extending the deadline."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.services import audit_event

from .. import access
from ..models import (
    DeadlineExtension,
    Pledge,
    State,
)
from ._base import (
    _allowed_categories,
    _editable_version,
    _locked,
    _move,
    _require_editor,
    _today,
)


def minimum_items(pledge: Pledge) -> int:
    """A member holding a leadership post commits to more than ordinary members."""
    cycle = pledge.cycle
    if pledge.member_id and pledge.member.holds_leadership_post:
        return cycle.minimum_items_leader
    return cycle.minimum_items


@transaction.atomic
def pledge_submit(*, actor, pledge: Pledge, note: str = "") -> Pledge:
    """Submit the draft for review.

    Rules: no pledge is first submitted after the cycle's deadline unless an admin
    extended it (recorded); an amendment of a published pledge is not bound by the
    deadline, since the year goes on and the amendment is reviewed again anyway. A member
    holding a leadership post reaches the cycle's higher minimum; a member without a post
    commits to their post's duties; every item has content in a category in use
    (guideline part 一 item 四, part 三 step 1).
    """
    pledge = _locked(pledge)
    version = _editable_version(actor, pledge)
    if pledge.published_version_id is None and _today() > pledge.deadline():
        raise ValidationError(_(
            "The commitment deadline (%(deadline)s) has passed. Ask an admin for an "
            "extension.") % {"deadline": pledge.deadline()})
    items = list(version.items.all())
    needed = minimum_items(pledge)
    if len(items) < needed:
        if pledge.member_id and pledge.member.holds_leadership_post:
            message = _("A member holding a leadership post commits to at least %(n)s items "
                        "this year; this pledge has %(have)s.")
        else:
            message = _("Commit to at least %(n)s items this year; this pledge has %(have)s.")
        raise ValidationError(message % {"n": needed, "have": len(items)})
    allowed = _allowed_categories(pledge)
    if any(item.category not in allowed for item in items):
        raise ValidationError(_("An item uses a category that is not in use for this pledge."))
    if pledge.member_id and pledge.member.without_post:
        if pledge.member.post_id is None:
            raise ValidationError(_(
                "A member without a post commits through a duty post: assign one first."))
        if not any(item.category == "post_duty" for item in items):
            raise ValidationError(_(
                "Commit to at least one item for the duties of the post “%(post)s”.") % {
                "post": pledge.member.post.name})
        pledge.post = pledge.member.post
        version.post_name = pledge.member.post.name
    if len(note) > 1000:
        raise ValidationError({"note": _("Keep the note under 1000 characters.")})
    _move(pledge, version, State.SUBMITTED)
    version.submitted_by, version.submitted_at = actor, timezone.now()
    version.note = note.strip()
    version.save(update_fields=["state", "submitted_by", "submitted_at", "note", "post_name"])
    pledge.save(update_fields=["state", "post", "updated_at"])
    audit_event(actor=actor, action="pledge.submit", subject=pledge,
                changes={"state": [State.DRAFT, State.SUBMITTED],
                         "version": [None, version.number]})
    return pledge


@transaction.atomic
def pledge_withdraw(*, actor, pledge: Pledge) -> Pledge:
    """Take a submission back to draft before the reviewer has decided on it.

    Rule: a submission nobody has decided on is still the owner's; withdrawing it loses no
    review, so the same version becomes editable again. Once decided it stays as it is
    (a returned pledge is revised into a new version). Whoever may edit the pledge may
    withdraw it; a reviewer deciding at the same moment queues on the same row lock, and
    one of the two finds the state already changed.
    """
    pledge = _locked(pledge)
    _require_editor(actor, pledge)
    version = pledge.current_version
    if version.state != State.SUBMITTED:
        raise ValidationError(_("Only a submission not yet decided can be withdrawn."))
    _move(pledge, version, State.DRAFT)
    version.submitted_by, version.submitted_at = None, None
    version.save(update_fields=["state", "submitted_by", "submitted_at"])
    pledge.save(update_fields=["state", "updated_at"])
    audit_event(actor=actor, action="pledge.withdraw", subject=pledge,
                changes={"state": [State.SUBMITTED, State.DRAFT],
                         "version": [version.number, version.number]})
    return pledge


@transaction.atomic
def pledge_extend_deadline(*, actor, pledge: Pledge, until: datetime.date,
                           reason: str) -> DeadlineExtension:
    """Let the owner submit after the cycle's deadline, on the record.

    Rule: after the deadline nothing is submitted without an admin's extension; the
    extension is granted on the reviewing side and kept with its reason.
    """
    pledge = _locked(pledge)
    if not access.may_extend(actor, pledge):
        raise OutOfReach
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason for the extension.")})
    if until is None or until < _today():
        raise ValidationError({"until": _("Extend to today or a later date.")})
    if until <= pledge.cycle.commitment_deadline:
        raise ValidationError({"until": _(
            "An extension runs past the cycle's deadline (%(deadline)s).") % {
            "deadline": pledge.cycle.commitment_deadline}})
    if until > pledge.cycle.ends:
        raise ValidationError({"until": _("An extension cannot go past the end of the "
                                          "cycle.")})
    extension = DeadlineExtension.objects.create(pledge=pledge, until=until,
                                                 reason=reason[:300], granted_by=actor)
    previous = pledge.extended_until
    pledge.extended_until = until
    pledge.save(update_fields=["extended_until", "updated_at"])
    audit_event(actor=actor, action="pledge.extend", subject=pledge,
                changes={"extended_until": [str(previous) if previous else None, str(until)],
                         "reason": [None, reason]})
    return extension
