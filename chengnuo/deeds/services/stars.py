"""Recognition: a grassroots organization names the quarter's stars of shining deeds
(闪光言行之星), and a superior publishes a regional list of them.

Guideline part 三 item 5 (督诺): good deeds get positive, dynamic and long-term
recognition. A star is named from a verified deed of that quarter; a regional list is
chosen from the stars of the superior's subtree and, like every public record, appended
to the ledger and never edited.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import Need, require
from chengnuo.audit.services import audit_event
from chengnuo.cycles.models import Cycle
from chengnuo.ledger.services import ledger_append
from chengnuo.members.models import Member
from chengnuo.notifications.services import notify, site_language
from chengnuo.organizations.models import Organization

from ..models import Deed, DeedStar, DeedState, StarList, StarListEntry
from ..selectors import subtree_stars

CITATION_LIMIT = 500
TITLE_LIMIT = 100
LIST_LIMIT = 100  # stars on one regional list


def _quarter(cycle: Cycle, quarter) -> tuple:
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Choose a quarter from 1 to 4.")})
    first, last = cycle.quarter_bounds(quarter)
    if timezone.localdate() < first:
        raise ValidationError({"quarter": _("This quarter has not begun yet.")})
    return first, last


@transaction.atomic
def star_name(*, actor, organization: Organization, cycle: Cycle, quarter: int,
              member: Member, deed: Deed, citation: str) -> DeedStar:
    """Name member a star of shining deeds of the quarter, for a verified deed of theirs.

    Rule (guideline part 三 item 5): the grassroots organization recognizes its own
    members, each quarter, once the quarter has begun; the deed is verified, the member's,
    recorded at this organization and dated in that quarter of the cycle. A member is a
    star of a quarter once. The citation says why, in public; the naming is appended to
    the ledger and the member is told.
    """
    organization = Organization.objects.get(pk=organization.pk)
    require(actor, Need.MANAGE, organization)
    if not organization.is_grassroots:
        raise ValidationError(_("Stars are named by grassroots organizations."))
    if not Cycle.objects.covering(organization).filter(pk=cycle.pk).exists():
        raise ValidationError(_("The cycle does not apply to this organization."))
    first, last = _quarter(cycle, quarter)
    deed = Deed.objects.select_for_update(of=("self",)).select_related("member").get(
        pk=deed.pk)
    member = Member.objects.get(pk=member.pk)
    if member.organization_id != organization.pk:
        raise ValidationError(_("An organization names its own members."))
    if deed.member_id != member.pk or deed.organization_id != organization.pk:
        raise ValidationError({"deed": _("The deed must be one of this member's deeds at "
                                         "this organization.")})
    if deed.state != DeedState.VERIFIED:
        raise ValidationError({"deed": _("Only a verified deed earns a star.")})
    if deed.cycle_id != cycle.pk or not first <= deed.occurred_on <= last:
        raise ValidationError({"deed": _("The deed must have happened in this quarter.")})
    citation = (citation or "").strip()
    if not citation:
        raise ValidationError({"citation": _("Say in a sentence why the member is named.")})
    if len(citation) > CITATION_LIMIT:
        raise ValidationError({"citation": _("Keep the citation under %(n)s characters.")
                               % {"n": CITATION_LIMIT}})
    star = DeedStar(organization=organization, cycle=cycle, quarter=quarter, member=member,
                    deed=deed, citation=citation, named_by=actor, named_at=timezone.now())
    try:
        with transaction.atomic():
            star.save()
    except IntegrityError:
        raise ValidationError(_("%(name)s is already a star of this quarter.")
                              % {"name": member.name}) from None
    star.ledger_entry = ledger_append(kind="deed_star.name", subject=f"deed_star:{star.pk}",
                                      payload=_star_payload(star))
    star.save(update_fields=["ledger_entry"])
    audit_event(actor=actor, action="deed_star.name", subject=star, changes={
        "member": [None, member.name], "quarter": [None, quarter],
        "citation": [None, citation]})
    if member.user_id is not None:
        with site_language():
            notify(recipients=[member.user], kind="deed_star.named",
                   url=reverse("deeds:member", args=[member.pk]),
                   title=_("You were named a star of shining deeds"), body=citation)
    return star


def _star_payload(star: DeedStar) -> dict:
    return {"organization": star.organization.slug, "year": star.cycle.year,
            "quarter": star.quarter, "member": star.member.public_id,
            "name": star.member.name, "deed": star.deed_id, "citation": star.citation}


@transaction.atomic
def star_unname(*, actor, star: DeedStar, reason: str) -> None:
    """Withdraw a star named by mistake, with the reason.

    Rule: recognition in public is corrected in public: the withdrawal and its reason are
    appended to the ledger beside the naming. Once a superior has put the star on a
    published regional list, that list is the record and the star stays.
    """
    star = (DeedStar.objects.select_for_update(of=("self",))
            .select_related("organization", "member", "cycle").get(pk=star.pk))
    require(actor, Need.MANAGE, star.organization)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the star is withdrawn.")})
    if len(reason) > CITATION_LIMIT:
        raise ValidationError({"reason": _("Keep the reason under %(n)s characters.")
                               % {"n": CITATION_LIMIT}})
    if star.entries.exists():
        raise ValidationError(_("This star is on a published regional list and stays."))
    ledger_append(kind="deed_star.unname", subject=f"deed_star:{star.pk}",
                  payload={**_star_payload(star), "reason": reason})
    audit_event(actor=actor, action="deed_star.unname", subject=star, changes={
        "member": [star.member.name, None], "reason": [None, reason]})
    star.delete()


@transaction.atomic
def star_list_publish(*, actor, organization: Organization, year: int, quarter: int,
                      title: str, stars) -> StarList:
    """Publish a superior organization's regional list of a quarter's stars.

    Rule (guideline part 三 item 5, 督诺; part 四 宣传引导): a superior — an organization
    that is not grassroots — holds up the stars named in its subtree. Every star on the
    list was named in that quarter of that year below it; one list per quarter; the list
    is appended to the ledger and cannot be edited after publication.
    """
    # The row lock queues two admins publishing the same organization's list at once.
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    require(actor, Need.MANAGE, organization)
    if organization.is_grassroots:
        raise ValidationError(_("Regional lists are published by superior organizations; "
                                "a grassroots organization names its stars."))
    if quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("Choose a quarter from 1 to 4.")})
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the list a title.")})
    if len(title) > TITLE_LIMIT:
        raise ValidationError({"title": _("Keep the title under %(n)s characters.")
                               % {"n": TITLE_LIMIT}})
    wanted = list(dict.fromkeys(getattr(star, "pk", star) for star in stars))
    if not wanted:
        raise ValidationError({"stars": _("Choose at least one star.")})
    if len(wanted) > LIST_LIMIT:
        raise ValidationError({"stars": _("A list holds at most %(n)s stars.")
                               % {"n": LIST_LIMIT}})
    chosen = list(subtree_stars(organization, year, quarter).filter(pk__in=wanted))
    if len(chosen) != len(wanted):
        raise ValidationError({"stars": _("Every star must have been named in this quarter "
                                          "in your subtree.")})
    if StarList.objects.filter(organization=organization, year=year,
                               quarter=quarter).exists():
        raise ValidationError(_("The list of this quarter has already been published; "
                                "it cannot be changed."))
    entry = ledger_append(
        kind="star_list.publish", subject=f"star_list:{organization.slug}:{year}:{quarter}",
        payload={"organization": organization.slug, "year": year, "quarter": quarter,
                 "title": title, "stars": [_star_payload(star) for star in chosen]})
    star_list = StarList.objects.create(
        organization=organization, year=year, quarter=quarter, title=title,
        published_by=actor, published_at=timezone.now(), ledger_entry=entry)
    StarListEntry.objects.bulk_create(
        StarListEntry(star_list=star_list, star=star, position=position)
        for position, star in enumerate(chosen, start=1))
    audit_event(actor=actor, action="star_list.publish", subject=star_list, changes={
        "title": [None, title], "stars": [None, len(chosen)],
        "ledger": [None, entry.fingerprint]})
    return star_list
