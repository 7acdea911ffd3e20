"""审诺: deciding on a submission, and revising a returned pledge."""


from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.services import audit_event

from .. import access
from ..models import (
    Criterion,
    Decision,
    Pledge,
    PledgeVersion,
    Review,
    State,
)
from ._base import _copy_version, _locked, _move, _require_editor


@transaction.atomic
def pledge_review(*, actor, pledge: Pledge, decision: str, criteria_met=(),
                  guidance: str = "", higher_standard_confirmed: bool = False) -> Review:
    """Approve the submitted version or return it with guidance.

    Rules (guideline part 三 step 2): the parent reviews an organization's pledge, the
    organization its members' (the residence community the residence pledge). Nobody
    reviews their own pledge, nor an organization's pledge they submitted; a secretary who
    entered a member's pledge for them may review it (access.reviews_own_work). Approval
    needs all five criteria; for a member holding a leadership post the reviewer also
    confirms the higher standard.
    A return carries guidance. Exactly one decision per version: the second reviewer is
    told it was already decided.
    """
    pledge = _locked(pledge)
    if access.is_owner(actor, pledge):
        raise ValidationError(_("You cannot review your own pledge."))
    if not access.may_review(actor, pledge):
        raise OutOfReach
    version = pledge.current_version
    # The state was read after the row lock, so it already tells whether anyone decided;
    # the one-review-per-version constraint below is the last guard.
    if version.state in (State.APPROVED, State.RETURNED, State.PUBLISHED,
                         State.SUPERSEDED):
        raise ValidationError(_("This submission has already been decided."))
    if version.state != State.SUBMITTED:
        raise ValidationError(_("Only a submitted pledge can be reviewed."))
    if access.reviews_own_work(actor, pledge):
        raise ValidationError(_("You cannot review a pledge you submitted yourself."))
    criteria = [c for c in Criterion.values if c in set(criteria_met)]
    guidance = (guidance or "").strip()
    if len(guidance) > 2000:
        raise ValidationError({"guidance": _("Keep the guidance under 2000 characters.")})
    if decision == Decision.APPROVED:
        if len(criteria) != len(Criterion.values):
            raise ValidationError({"criteria_met": _(
                "Approve only when all five criteria are met; otherwise return the pledge "
                "with guidance.")})
        leader = pledge.member_id is not None and pledge.member.holds_leadership_post
        if leader and not higher_standard_confirmed:
            raise ValidationError({"higher_standard_confirmed": _(
                "This member holds a leadership post: confirm that the pledge meets the "
                "higher standard before approving.")})
        new_state = State.APPROVED
    elif decision == Decision.RETURNED:
        if not guidance:
            raise ValidationError({"guidance": _(
                "Say what should change when returning a pledge.")})
        new_state = State.RETURNED
    else:
        raise ValidationError({"decision": _("Choose approve or return.")})
    try:
        with transaction.atomic():
            review = Review.objects.create(
                version=version, reviewer=actor, decision=decision, criteria_met=criteria,
                higher_standard_confirmed=bool(higher_standard_confirmed), guidance=guidance)
    except IntegrityError:
        raise ValidationError(_("This submission has already been decided.")) from None
    _move(pledge, version, new_state)
    version.save(update_fields=["state"])
    pledge.save(update_fields=["state", "updated_at"])
    audit_event(actor=actor, action=f"pledge.{decision}", subject=pledge,
                changes={"state": [State.SUBMITTED, new_state],
                         "version": [version.number, version.number]})
    return review


@transaction.atomic
def pledge_revise(*, actor, pledge: Pledge) -> PledgeVersion:
    """Start revising a returned pledge: a new draft copied from the returned version, which
    stays as it was so the reviewer can compare."""
    pledge = _locked(pledge)
    _require_editor(actor, pledge)
    if pledge.current_version.state != State.RETURNED:
        raise ValidationError(_("Only a returned pledge is revised."))
    draft = _copy_version(pledge, pledge.current_version, actor=actor, note="")
    audit_event(actor=actor, action="pledge.revise", subject=pledge,
                changes={"version": [draft.number - 1, draft.number]})
    return draft
