"""Reporting a member's shining words and deeds (闪光言行).

Guideline part 二: 对农村、社区和企事业单位的党员，重在考评"闪光言行"; part 三 item 5 asks
that good deeds get positive, dynamic recognition. So members, the organization and the
public may all report a member's deed; the organization verifies each report before it
reaches the member's public page.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import Need, OutOfReach, can, member_of
from chengnuo.audit.services import audit_event
from chengnuo.evidence.services import evidence_store_many
from chengnuo.members.models import Member
from chengnuo.notifications.services import notify, site_language

from ..models import Deed, Source
from ..selectors import cycle_on, organization_admins

DESCRIPTION_LIMIT = 1000
MIN_DESCRIPTION = 10
OLDEST = datetime.timedelta(days=366)  # a report covers about the past year, no more


def reporting_source(actor, member: Member) -> str:
    """Who actor reports as when reporting member's deed: the organization for an admin
    of the member's organization, a member for the member themself or a fellow member
    (same organization, or one actor reaches). Anyone else: OutOfReach."""
    if can(actor, Need.MANAGE, member.organization):
        return Source.ORGANIZATION
    own = member_of(actor)
    if own is not None and (own.pk == member.pk
                            or own.organization_id == member.organization_id
                            or can(actor, Need.VIEW, member)):
        return Source.MEMBER
    raise OutOfReach


def _checked(occurred_on: datetime.date | None, description: str) -> str:
    description = (description or "").strip()
    today = timezone.localdate()
    errors = {}
    if occurred_on is None:
        errors["occurred_on"] = _("Give the date of the deed.")
    elif occurred_on > today:
        errors["occurred_on"] = _("The date lies in the future.")
    elif occurred_on < today - OLDEST:
        errors["occurred_on"] = _("Report deeds of the past year; this one is older.")
    if len(description) < MIN_DESCRIPTION:
        errors["description"] = _("Describe what the member did in a sentence or two.")
    elif len(description) > DESCRIPTION_LIMIT:
        errors["description"] = _("Keep the description under %(n)s characters.") % {
            "n": DESCRIPTION_LIMIT}
    if errors:
        raise ValidationError(errors)
    return description


def _record(*, actor, member: Member, occurred_on, description: str, source: str,
            reporter_name: str = "", reporter_contact: str = "", evidence=()) -> Deed:
    deed = Deed.objects.create(
        member=member, organization=member.organization,
        cycle=cycle_on(member.organization, occurred_on), occurred_on=occurred_on,
        description=description, source=source,
        reporter=actor if actor is not None and actor.is_authenticated else None,
        reporter_name=reporter_name, reporter_contact=reporter_contact)
    if evidence:
        deed.evidence.add(*evidence)
    audit_event(actor=actor, action="deed.report", subject=deed, changes={
        "member": [None, member.name], "occurred_on": [None, str(occurred_on)],
        "source": [None, source], "evidence": [None, len(evidence)]})
    queue = reverse("deeds:queue", args=[member.organization.slug])
    with site_language():
        notify(recipients=[user for user in organization_admins(member.organization)
                           if actor is None or user.pk != actor.pk],
               kind="deed.reported", url=f"{queue}#deed-{deed.pk}",
               title=_("A shining deed of %(name)s waits for verification") % {
                   "name": member.name},
               body=description[:200])
    return deed


@transaction.atomic
def deed_report(*, actor, member: Member, occurred_on: datetime.date | None,
                description: str, uploads=()) -> Deed:
    """A member reports their own or a fellow member's deed; an admin of the member's
    organization reports one for the organization.

    Rule (guideline part 二; part 三 item 5): shining words and deeds are recorded as they
    happen and verified by the organization. The date is not in the future and within
    the past year; the description is required and bounded. Photos or documents are
    optional evidence, private until the deed is verified. The organization's admins are
    told a report waits.
    """
    member = Member.objects.select_related("organization").get(pk=member.pk)
    source = reporting_source(actor, member)
    description = _checked(occurred_on, description)
    evidence = evidence_store_many(actor=actor, uploads=uploads) if uploads else []
    return _record(actor=actor, member=member, occurred_on=occurred_on,
                   description=description, source=source, evidence=evidence)


@transaction.atomic
def deed_report_public(*, member: Member, occurred_on: datetime.date | None,
                       description: str, reporter_name: str,
                       reporter_contact: str = "") -> Deed:
    """Anyone reports a member's deed through the member's public page (群众参与).

    Rule: as deed_report; the reporter gives a name (the organization may ask them about
    it) and optionally a contact, which is never published. The public form's human
    check and rate limit sit in front of this. The public sends words only, no files: an
    unchecked stranger's photos would show other residents without their consent, and the
    organization verifying the deed can ask the reporter and add its own evidence.
    """
    member = Member.objects.select_related("organization").get(pk=member.pk)
    reporter_name = (reporter_name or "").strip()
    reporter_contact = (reporter_contact or "").strip()
    description = _checked(occurred_on, description)
    if not reporter_name:
        raise ValidationError({"reporter_name": _("Tell the organization who you are.")})
    if len(reporter_name) > 40 or len(reporter_contact) > 60:
        raise ValidationError(_("The name or contact is too long."))
    return _record(actor=None, member=member, occurred_on=occurred_on,
                   description=description, source=Source.PUBLIC,
                   reporter_name=reporter_name, reporter_contact=reporter_contact)
