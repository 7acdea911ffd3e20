"""Collecting and answering suggestions (征求群众意见建议, guideline part 三 step 1)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import Need, require
from chengnuo.audit.services import audit_event
from chengnuo.cycles.models import Cycle
from chengnuo.organizations.models import Organization
from chengnuo.pledges.models import PledgeItem

from .models import Outcome, Suggestion

TEXT_LIMIT = 500


def open_cycle_for(organization: Organization, today=None) -> Cycle | None:
    """The cycle collecting suggestions for organization today, if any."""
    today = today or timezone.localdate()
    return (Cycle.objects.covering(organization)
            .filter(solicitation_opens__lte=today, commitment_deadline__gte=today)
            .order_by("-year").first())


@transaction.atomic
def suggestion_leave(*, actor, organization: Organization, text: str, author_name: str = "",
                     contact: str = "") -> Suggestion:
    """Leave a suggestion for what organization should do for the people this year.

    Rule: anyone may suggest, logged in or not, while the cycle's solicitation is open
    (from its opening to the commitment deadline); only grassroots organizations, which
    make commitments, collect suggestions. Rate limits and the human check sit in front of
    this, at the public form.
    """
    text = (text or "").strip()
    author_name, contact = (author_name or "").strip(), (contact or "").strip()
    if not organization.is_grassroots:
        raise ValidationError(_("Suggestions are collected by grassroots organizations."))
    cycle = open_cycle_for(organization)
    if cycle is None:
        raise ValidationError(_("This organization is not collecting suggestions now."))
    if len(text) < 5:
        raise ValidationError({"text": _("Write at least a few words.")})
    if len(text) > TEXT_LIMIT:
        raise ValidationError({"text": _("Keep a suggestion under %(n)s characters.")
                               % {"n": TEXT_LIMIT}})
    if len(author_name) > 30 or len(contact) > 60:
        raise ValidationError(_("The name or contact is too long."))
    suggestion = Suggestion.objects.create(
        organization=organization, cycle=cycle, text=text, author_name=author_name,
        contact=contact, user=actor if actor.is_authenticated else None)
    return suggestion


@transaction.atomic
def suggestion_answer(*, actor, suggestion: Suggestion, outcome: str, answer: str = "",
                      item: PledgeItem | None = None) -> Suggestion:
    """Answer a suggestion in public: adopted into a named item, already covered, or not
    adopted with the reason.

    Rule (guideline part 三 step 1): every suggestion gets an answer. An adopted suggestion
    names an item of a pledge made at this organization in the same cycle, and is recorded
    as taken up by that item.
    """
    suggestion = Suggestion.objects.select_for_update(of=("self",)).select_related(
        "organization", "cycle").get(pk=suggestion.pk)
    require(actor, Need.MANAGE, suggestion.organization)
    answer = (answer or "").strip()
    if len(answer) > 1000:
        raise ValidationError({"answer": _("Keep the answer under 1000 characters.")})
    if outcome == Outcome.ADOPTED:
        if item is None:
            raise ValidationError({"item": _("Name the commitment item that adopts it.")})
        item = PledgeItem.objects.select_related("version__pledge").get(pk=item.pk)
        pledge = item.version.pledge
        if pledge.organization_id != suggestion.organization_id \
                or pledge.cycle_id != suggestion.cycle_id:
            raise ValidationError({"item": _(
                "The item must belong to a pledge made at this organization in the same "
                "cycle.")})
        if item.version.is_editable:
            # A submitted or published version is frozen: its list of suggestions taken up
            # stays as it was reviewed. The answer itself still names the item.
            item.suggestions.add(suggestion)
    elif outcome == Outcome.DECLINED:
        if not answer:
            raise ValidationError({"answer": _("Give the reason for not adopting it.")})
        item = None
    elif outcome == Outcome.COVERED:
        item = None
    else:
        raise ValidationError({"outcome": _("Choose an answer.")})
    previous = suggestion.item
    if previous is not None and previous != item:
        previous = PledgeItem.objects.select_related("version").get(pk=previous.pk)
        if previous.version.is_editable:
            previous.suggestions.remove(suggestion)
    before = suggestion.outcome
    suggestion.outcome, suggestion.answer, suggestion.item = outcome, answer, item
    suggestion.answered_by, suggestion.answered_at = actor, timezone.now()
    suggestion.save(update_fields=["outcome", "answer", "item", "answered_by", "answered_at"])
    audit_event(actor=actor, action="suggestion.answer", subject=suggestion,
                changes={"outcome": [before, outcome], "answer": [None, answer]})
    return suggestion


WITHHOLD_REASON_LIMIT = 200


@transaction.atomic
def suggestion_withhold(*, actor, suggestion: Suggestion, reason: str) -> Suggestion:
    """Keep a suggestion's text off the public board, saying why.

    Rule: every suggestion is answered in public (guideline part 三 step 1), so withholding
    is for content that must not be shown — abuse, someone's private data, advertising —
    and the board still lists the suggestion as withheld with the reason. It can be
    released again.
    """
    suggestion = Suggestion.objects.select_for_update(of=("self",)).select_related(
        "organization").get(pk=suggestion.pk)
    require(actor, Need.MANAGE, suggestion.organization)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the suggestion is not shown.")})
    if len(reason) > WITHHOLD_REASON_LIMIT:
        raise ValidationError({"reason": _("Keep the reason under %(n)s characters.")
                               % {"n": WITHHOLD_REASON_LIMIT}})
    before = suggestion.withheld_reason
    suggestion.withheld_reason, suggestion.withheld_by = reason, actor
    suggestion.withheld_at = timezone.now()
    suggestion.save(update_fields=["withheld_reason", "withheld_by", "withheld_at"])
    audit_event(actor=actor, action="suggestion.withhold", subject=suggestion,
                changes={"withheld_reason": [before or None, reason]})
    return suggestion


@transaction.atomic
def suggestion_release(*, actor, suggestion: Suggestion) -> Suggestion:
    """Show a withheld suggestion on the public board again."""
    suggestion = Suggestion.objects.select_for_update(of=("self",)).select_related(
        "organization").get(pk=suggestion.pk)
    require(actor, Need.MANAGE, suggestion.organization)
    if not suggestion.is_withheld:
        raise ValidationError(_("This suggestion is already shown."))
    before = suggestion.withheld_reason
    suggestion.withheld_reason, suggestion.withheld_by, suggestion.withheld_at = "", None, None
    suggestion.save(update_fields=["withheld_reason", "withheld_by", "withheld_at"])
    audit_event(actor=actor, action="suggestion.release", subject=suggestion,
                changes={"withheld_reason": [before, None]})
    return suggestion
