"""The organization verifies or dismisses each reported deed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import Need, require
from chengnuo.audit.services import audit_event
from chengnuo.evidence.services import evidence_make_public
from chengnuo.ledger.services import ledger_append
from chengnuo.notifications.services import notify, site_language

from ..models import Deed, DeedState

NOTE_LIMIT = 300


def _locked_undecided(actor, deed: Deed) -> Deed:
    """The deed's row, locked; only an admin of its organization's line decides it, and
    only once: a second, concurrent decision waits for the lock and is then told."""
    deed = (Deed.objects.select_for_update(of=("self",))
            .select_related("organization", "member__user").get(pk=deed.pk))
    require(actor, Need.MANAGE, deed.organization)
    if deed.state != DeedState.REPORTED:
        raise ValidationError(_("This report has already been decided."))
    return deed


def _decide(actor, deed: Deed, state: str, note: str, action: str) -> None:
    deed.state, deed.decision_note = state, note
    deed.decided_by, deed.decided_at = actor, timezone.now()
    deed.save(update_fields=["state", "decision_note", "decided_by", "decided_at"])
    audit_event(actor=actor, action=action, subject=deed, changes={
        "state": [DeedState.REPORTED, state], "decision_note": [None, note or None]})


@transaction.atomic
def deed_verify(*, actor, deed: Deed, note: str = "") -> Deed:
    """Verify a reported deed: it appears on the member's public page.

    Rule (guideline part 三 item 5): the organization confirms a good deed before it is
    recognized in public. Only an admin of the member's organization (or above) decides,
    and only a deed still waiting. Its evidence becomes public with it; the verification
    is appended to the ledger; the member is told.
    """
    deed = _locked_undecided(actor, deed)
    note = (note or "").strip()
    if len(note) > NOTE_LIMIT:
        raise ValidationError({"note": _("Keep the note under %(n)s characters.")
                               % {"n": NOTE_LIMIT}})
    _decide(actor, deed, DeedState.VERIFIED, note, "deed.verify")
    evidence_make_public(evidence=deed.evidence.all())
    ledger_append(kind="deed.verify", subject=f"deed:{deed.pk}", payload={
        "member": deed.member.public_id, "organization": deed.organization.slug,
        "occurred_on": deed.occurred_on, "description": deed.description,
        "source": deed.source})
    if deed.member.user is not None:
        with site_language():
            notify(recipients=[deed.member.user], kind="deed.verified",
                   url=reverse("deeds:member", args=[deed.member.pk]),
                   title=_("Your shining deed was verified"), body=deed.description[:200])
    return deed


@transaction.atomic
def deed_dismiss(*, actor, deed: Deed, reason: str) -> Deed:
    """Dismiss a reported deed, saying why; it never reaches the public page.

    Rule: as deed_verify; a dismissal always carries its reason, so whoever reported it
    (and the reviewer of the organization's work) can see why.
    """
    deed = _locked_undecided(actor, deed)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"note": _("Give the reason for dismissing the report.")})
    if len(reason) > NOTE_LIMIT:
        raise ValidationError({"note": _("Keep the note under %(n)s characters.")
                               % {"n": NOTE_LIMIT}})
    _decide(actor, deed, DeedState.DISMISSED, reason, "deed.dismiss")
    return deed
