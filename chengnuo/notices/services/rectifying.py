"""限期整改: the target answers an order with what it did and evidence; the issuer accepts
the answer, closing the order with a result, or returns it with a note."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.services import audit_event
from chengnuo.evidence.services import evidence_make_public, evidence_store_many
from chengnuo.ledger.services import ledger_append
from chengnuo.notifications.services import notify, site_language
from chengnuo.supervision.services import overdue_resolve

from .. import access, recipients
from ..models import (
    ANSWERABLE_STATES,
    Decision,
    Rectification,
    RectificationAnswer,
    RectificationState,
)
from ._base import clean_text, locked, move
from .overdue import rectifications_overdue

ANSWER_MAX, RESULT_MAX = 4000, 2000


def _url(order: Rectification) -> str:
    return reverse("notices:rectification", args=[order.pk])


def _require_visible(actor, order: Rectification) -> None:
    if not access.may_view_rectification(actor, order):
        raise OutOfReach


@transaction.atomic
def rectification_answer(*, actor, rectification: Rectification, text: str,
                         uploads=()) -> RectificationAnswer:
    """Report what was done about an order, with photos or documents.

    Rule (guideline part 三 item 5, 责令限期整改): only the target answers — an admin of the
    organization the order names, or the member it names. An order past its deadline can
    still be answered (it stays marked late); a returned order is answered again.
    """
    order = locked(rectification)
    _require_visible(actor, order)
    if not access.may_answer(actor, order):
        raise ValidationError(_(
            "Only the organization or member the order names answers it."))
    if order.state == RectificationState.ANSWERED:
        raise ValidationError(_("This order has been reported; wait for the decision."))
    if order.state not in ANSWERABLE_STATES:
        raise ValidationError(_("This order is closed."))
    text = clean_text(text, field="text", limit=ANSWER_MAX,
                 required=_("Say what was done to fix it."))
    evidence = evidence_store_many(actor=actor, uploads=uploads) if uploads else []
    now = timezone.now()
    number = (order.answers.aggregate(last=Max("number"))["last"] or 0) + 1
    answer = RectificationAnswer.objects.create(
        rectification=order, number=number, text=text, answered_by=actor, answered_at=now,
        late=timezone.localdate() > order.deadline)
    answer.evidence.set(evidence)
    before = order.state
    move(order, RectificationState.ANSWERED)
    order.save(update_fields=["state"])
    audit_event(actor=actor, action="rectification.answer", subject=order,
                changes={"state": [before, order.state], "answer": [None, number],
                         "evidence": [None, len(evidence)]})
    deciders = [order.notice.issuer_id] + ([order.escalated_to_id] if order.escalated_to_id
                                           else [])
    with site_language():
        notify(recipients=[*recipients.speakers_of(deciders), order.notice.issued_by],
               kind="rectification.answered",
               title=_("%(target)s reported on a rectification order") % {
                   "target": order.target_name},
               url=_url(order), body=text[:500])
    return answer


def _decidable(actor, rectification: Rectification) -> tuple[Rectification,
                                                              RectificationAnswer]:
    """The locked order and its answer waiting for a decision, if actor may decide."""
    order = locked(rectification)
    _require_visible(actor, order)
    if not access.may_decide(actor, order):
        raise ValidationError(_(
            "Only the issuing organization (or the level the order escalated to) decides "
            "on an answer."))
    if order.state != RectificationState.ANSWERED:
        if order.state == RectificationState.ACCEPTED:
            raise ValidationError(_("This order has already been accepted."))
        raise ValidationError(_("Only a reported order can be decided; wait for the "
                                "answer."))
    answer = order.answers.order_by("-number").first()
    return order, answer


def _decide(actor, answer: RectificationAnswer, decision: str, note: str) -> None:
    answer.decision, answer.decided_by, answer.decided_at = decision, actor, timezone.now()
    answer.decision_note = note
    answer.save(update_fields=["decision", "decided_by", "decided_at", "decision_note"])


@transaction.atomic
def rectification_accept(*, actor, rectification: Rectification,
                         result: str) -> Rectification:
    """Accept the answer and close the order with its result.

    Rule (guideline part 四 item 2): "坚持诺必践，践必果，做到项项有着落、件件有结果" — an
    order ends with a stated result, which the public board shows with the accepted
    answer's evidence. Decided by the issuer's admins and inspectors (or those of the level
    the order escalated to), never by the target; of two decisions at once one wins.
    """
    order, answer = _decidable(actor, rectification)
    result = clean_text(result, field="result", limit=RESULT_MAX,
                   required=_("State the result the order closes with."))
    _decide(actor, answer, Decision.ACCEPTED, result)
    move(order, RectificationState.ACCEPTED)
    order.result, order.closed_at = result, timezone.now()
    evidence_make_public(evidence=answer.evidence.all())
    order.ledger_entry = ledger_append(
        kind="rectification.accept", subject=order.subject_key,
        payload={"rectification": order.pk, "notice": order.notice_id,
                 "organization": order.organization.slug if order.organization_id else None,
                 "member": order.member.public_id if order.member_id else None,
                 "requirement": order.requirement, "deadline": order.deadline,
                 "late": order.overdue_since is not None or answer.late,
                 "answer": answer.text, "result": result})
    order.save(update_fields=["state", "result", "closed_at", "ledger_entry"])
    overdue_resolve(subject_keys=[order.subject_key], on=timezone.localdate())
    audit_event(actor=actor, action="rectification.accept", subject=order,
                changes={"state": [RectificationState.ANSWERED, order.state],
                         "result": [None, result]})
    with site_language():
        notify(recipients=recipients.answerers_of([order]), kind="rectification.accepted",
               title=_("Rectification accepted: %(target)s") % {"target": order.target_name},
               url=_url(order), body=result[:500])
    return order


@transaction.atomic
def rectification_return(*, actor, rectification: Rectification,
                         note: str) -> Rectification:
    """Send the answer back with a note saying what is still missing. The order reopens
    with its deadline unchanged: past the deadline it is overdue at once, and escalates
    like any overdue order (guideline part 三 item 5, 限期整改)."""
    order, answer = _decidable(actor, rectification)
    note = clean_text(note, field="note", limit=RESULT_MAX,
                 required=_("Say what is still missing when sending an answer back."))
    _decide(actor, answer, Decision.RETURNED, note)
    today = timezone.localdate()
    if today > order.deadline:
        rectifications_overdue(orders=[order], today=today, actor=actor)
    else:
        move(order, RectificationState.OPEN)
        order.save(update_fields=["state"])
    audit_event(actor=actor, action="rectification.return", subject=order,
                changes={"state": [RectificationState.ANSWERED, order.state],
                         "note": [None, note]})
    with site_language():
        notify(recipients=recipients.answerers_of([order]), kind="rectification.returned",
               title=_("Rectification answer sent back: %(target)s") % {
                   "target": order.target_name},
               url=_url(order), body=note[:500])
    return order
