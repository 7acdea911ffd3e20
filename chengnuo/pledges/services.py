"""The commitment workflow: 提诺 (draft and submit), 审诺 (review), 示诺 (publish), and
amendment. One transaction per action; each locks the pledge row, checks the actor and the
transition, and records an audit row. Every refusal is a ValidationError whose message the
user reads (Chinese first).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import Need, OutOfReach, can, require
from chengnuo.audit.services import audit_event
from chengnuo.cycles.models import Cycle
from chengnuo.ledger.services import ledger_append
from chengnuo.members.models import Member
from chengnuo.organizations.models import Organization
from chengnuo.suggestions.models import Suggestion

from . import access
from .categories import MEMBER_CATEGORIES, ORGANIZATION_CATEGORIES
from .models import (
    TRANSITIONS,
    Channel,
    Criterion,
    DeadlineExtension,
    Decision,
    Milestone,
    Pledge,
    PledgeItem,
    PledgeVersion,
    Publication,
    Review,
    Scope,
    State,
)


def _locked(pledge: Pledge) -> Pledge:
    return Pledge.objects.select_for_update(of=("self",)).select_related(
        "cycle", "member__organization", "member__user", "member__post",
        "owner_organization", "organization", "reviewing_organization", "current_version",
        "published_version").get(pk=pledge.pk)


def _move(pledge: Pledge, version: PledgeVersion, new_state: str) -> None:
    """Apply one transition of the map in models.TRANSITIONS to version and pledge."""
    if new_state not in TRANSITIONS[version.state]:
        raise ValidationError(_("A pledge that is “%(state)s” cannot become “%(new)s”.") % {
            "state": State(version.state).label, "new": State(new_state).label})
    version.state = new_state
    if pledge.current_version_id == version.pk:
        pledge.state = new_state


def _today() -> datetime.date:
    return timezone.localdate()


# ---- 提诺: starting, drafting, submitting -------------------------------------------------

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


def _editable_version(actor, pledge: Pledge) -> PledgeVersion:
    if not access.may_edit(actor, pledge):
        if access.pledges_for(actor).filter(pk=pledge.pk).exists():
            raise ValidationError(_("An oral pledge is recorded by the secretary.")
                                  if pledge.current_version.is_oral
                                  else _("You may not edit this pledge."))
        raise OutOfReach
    version = pledge.current_version
    if version.state != State.DRAFT:
        raise ValidationError(_(
            "Only a draft can be edited. A submitted, returned or published version is kept "
            "as it is; start a revision or an amendment instead."))
    return version


def _allowed_categories(pledge: Pledge) -> list[str]:
    own = MEMBER_CATEGORIES if pledge.is_member_pledge else ORGANIZATION_CATEGORIES
    return [c for c in own if c in pledge.cycle.categories]


def _check_item(pledge: Pledge, *, category: str, content: str, target: str,
                due_date: datetime.date | None, milestones) -> dict:
    errors: dict[str, str] = {}
    content = (content or "").strip()
    if not content:
        errors["content"] = _("Say what you commit to do.")
    elif len(content) > 500:
        errors["content"] = _("Keep a commitment under 500 characters.")
    if len(target or "") > 200:
        errors["target"] = _("Keep the target under 200 characters.")
    if category not in _allowed_categories(pledge):
        errors["category"] = _("This category is not in use for this pledge.")
    cycle = pledge.cycle
    if due_date is not None and not cycle.solicitation_opens <= due_date <= cycle.ends:
        errors["due_date"] = _("The due date must fall within the cycle (%(start)s to "
                               "%(end)s).") % {"start": cycle.solicitation_opens,
                                              "end": cycle.ends}
    for title, when in milestones:
        if not (title or "").strip() or when is None:
            errors["milestones"] = _("Each milestone needs a title and a date.")
        elif not cycle.solicitation_opens <= when <= cycle.ends:
            errors["milestones"] = _("Milestones must fall within the cycle.")
        elif due_date is not None and when > due_date:
            errors["milestones"] = _("A milestone cannot come after the item's due date.")
    if errors:
        raise ValidationError(errors)
    return {"category": category, "content": content, "target": (target or "").strip(),
            "due_date": due_date}


def _suggestions_for(pledge: Pledge, suggestion_ids) -> list[Suggestion]:
    ids = list(suggestion_ids or [])
    found = list(Suggestion.objects.filter(pk__in=ids, organization=pledge.organization,
                                           cycle=pledge.cycle))
    if len(found) != len(set(ids)):
        raise ValidationError({"suggestions": _(
            "Only suggestions made to this organization in this cycle can be taken up.")})
    return found


@transaction.atomic
def item_add(*, actor, pledge: Pledge, category: str, content: str, target: str = "",
             due_date: datetime.date | None = None, milestones=(),
             suggestions=()) -> PledgeItem:
    """Add an item to the draft. Rule: categories of the guideline for the owner's kind, as
    the cycle uses them; dates within the cycle; milestones before the due date."""
    pledge = _locked(pledge)
    version = _editable_version(actor, pledge)
    milestones = list(milestones)
    fields = _check_item(pledge, category=category, content=content, target=target,
                         due_date=due_date, milestones=milestones)
    taken_up = _suggestions_for(pledge, suggestions)
    position = version.items.count() + 1
    item = PledgeItem.objects.create(version=version, position=position, **fields)
    Milestone.objects.bulk_create(
        Milestone(item=item, title=title.strip(), due_date=when) for title, when in milestones)
    item.suggestions.set(taken_up)
    audit_event(actor=actor, action="pledge.item_add", subject=pledge,
                changes={"item": [None, item.content]})
    return item


@transaction.atomic
def item_update(*, actor, item: PledgeItem, category: str, content: str, target: str = "",
                due_date: datetime.date | None = None, milestones=(),
                suggestions=()) -> PledgeItem:
    """Edit an item of the draft; the same rules as item_add."""
    pledge = _locked(item.version.pledge)
    version = _editable_version(actor, pledge)
    item = PledgeItem.objects.get(pk=item.pk)
    if item.version_id != version.pk:
        raise ValidationError(_("Only items of the current draft can be edited."))
    milestones = list(milestones)
    fields = _check_item(pledge, category=category, content=content, target=target,
                         due_date=due_date, milestones=milestones)
    before = item.content
    for name, value in fields.items():
        setattr(item, name, value)
    item.save(update_fields=list(fields))
    item.milestones.all().delete()
    Milestone.objects.bulk_create(
        Milestone(item=item, title=title.strip(), due_date=when) for title, when in milestones)
    item.suggestions.set(_suggestions_for(pledge, suggestions))
    audit_event(actor=actor, action="pledge.item_update", subject=pledge,
                changes={"item": [before, item.content]})
    return item


@transaction.atomic
def item_remove(*, actor, item: PledgeItem) -> None:
    """Remove an item from the draft."""
    pledge = _locked(item.version.pledge)
    version = _editable_version(actor, pledge)
    if item.version_id != version.pk:
        raise ValidationError(_("Only items of the current draft can be removed."))
    audit_event(actor=actor, action="pledge.item_remove", subject=pledge,
                changes={"item": [item.content, None]})
    PledgeItem.objects.filter(pk=item.pk).delete()


def minimum_items(pledge: Pledge) -> int:
    """A member holding a leadership post commits to more than ordinary members."""
    cycle = pledge.cycle
    if pledge.member_id and pledge.member.holds_leadership_post:
        return cycle.minimum_items_leader
    return cycle.minimum_items


@transaction.atomic
def pledge_submit(*, actor, pledge: Pledge, note: str = "") -> Pledge:
    """Submit the draft for review.

    Rules: nothing is submitted after the cycle's deadline unless an admin extended it
    (recorded); a member holding a leadership post reaches the cycle's higher minimum; a
    member without a post commits to their post's duties; every item has content in a
    category in use (guideline part 一 item 四, part 三 step 1).
    """
    pledge = _locked(pledge)
    version = _editable_version(actor, pledge)
    if _today() > pledge.deadline():
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


# ---- 审诺: review -------------------------------------------------------------------------

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
    if version.state in (State.APPROVED, State.RETURNED, State.PUBLISHED) \
            or Review.objects.filter(version=version).exists():
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


def _copy_version(pledge: Pledge, source: PledgeVersion, *, actor, note: str) -> PledgeVersion:
    """A new draft version with source's items, milestones and suggestions taken up."""
    number = pledge.versions.order_by("-number").values_list("number", flat=True)[0] + 1
    draft = PledgeVersion.objects.create(
        pledge=pledge, number=number, is_oral=source.is_oral, created_by=actor,
        post_name=source.post_name, note=note)
    items = list(source.items.prefetch_related("milestones", "suggestions"))
    copies = PledgeItem.objects.bulk_create(
        PledgeItem(version=draft, position=item.position, category=item.category,
                   content=item.content, target=item.target, due_date=item.due_date)
        for item in items)
    Milestone.objects.bulk_create(
        Milestone(item=copy, title=m.title, due_date=m.due_date)
        for item, copy in zip(items, copies, strict=True) for m in item.milestones.all())
    through = PledgeItem.suggestions.through
    through.objects.bulk_create(
        through(pledgeitem_id=copy.pk, suggestion_id=s.pk)
        for item, copy in zip(items, copies, strict=True) for s in item.suggestions.all())
    pledge.current_version = draft
    pledge.state = State.DRAFT
    pledge.save(update_fields=["current_version", "state", "updated_at"])
    return draft


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


def _require_editor(actor, pledge: Pledge) -> None:
    if not access.may_edit(actor, pledge):
        if access.pledges_for(actor).filter(pk=pledge.pk).exists():
            raise ValidationError(_("You may not edit this pledge."))
        raise OutOfReach


# ---- 示诺: publication and amendment ------------------------------------------------------

def _ledger_payload(pledge: Pledge, version: PledgeVersion) -> dict:
    items = list(version.items.prefetch_related("milestones"))
    return {
        "pledge": pledge.pk,
        "version": version.number,
        "owner": pledge.owner_label,
        "member": pledge.member.public_id if pledge.member_id else None,
        "organization": pledge.organization.slug,
        "scope": pledge.scope,
        "year": pledge.cycle.year,
        "oral": version.is_oral,
        "items": [{"category": i.category, "content": i.content, "target": i.target,
                   "due_date": i.due_date,
                   "milestones": [[m.title, m.due_date] for m in i.milestones.all()]}
                  for i in items],
    }


def _check_channels(channels) -> list[tuple[str, datetime.date, str]]:
    checked = []
    for channel, date, reference in channels:
        if channel not in Channel.values:
            raise ValidationError({"channels": _("Unknown publication channel.")})
        if date is None or date > _today():
            raise ValidationError({"channels": _(
                "A publication date cannot be empty or in the future.")})
        checked.append((channel, date, (reference or "").strip()[:200]))
    return checked


@transaction.atomic
def pledge_publish(*, actor, pledge: Pledge, channels=()) -> PledgeVersion:
    """Publish the approved version (示诺): it replaces the previous published version on the
    public board, is appended to the ledger, and the channels used are recorded.

    Rule (guideline part 三 step 3): only an approved pledge is published, by the
    organization where it was made; a published pledge never changes silently.
    """
    pledge = _locked(pledge)
    if not access.may_publish(actor, pledge):
        raise OutOfReach
    version = pledge.current_version
    if version.state != State.APPROVED:
        raise ValidationError(_("Only an approved pledge can be published."))
    checked = _check_channels(channels)
    previous = pledge.published_version
    if previous is not None:
        _move(pledge, previous, State.SUPERSEDED)
        previous.save(update_fields=["state"])
    _move(pledge, version, State.PUBLISHED)
    entry = ledger_append(kind="pledge.publish", subject=f"pledge:{pledge.pk}",
                          payload=_ledger_payload(pledge, version))
    version.published_at, version.ledger_entry = timezone.now(), entry
    version.save(update_fields=["state", "published_at", "ledger_entry"])
    pledge.published_version = version
    pledge.save(update_fields=["state", "published_version", "updated_at"])
    if not any(channel == Channel.INTERNET for channel, _date, _ref in checked):
        # The public board itself is a publication on the internet.
        checked.append((Channel.INTERNET, _today(), _public_address(pledge)))
    Publication.objects.bulk_create(
        Publication(version=version, channel=channel, date=date, reference=reference,
                    recorded_by=actor) for channel, date, reference in checked)
    audit_event(actor=actor, action="pledge.publish", subject=pledge,
                changes={"state": [State.APPROVED, State.PUBLISHED],
                         "version": [previous.number if previous else None, version.number],
                         "ledger": [None, entry.fingerprint]})
    return version


def _public_address(pledge: Pledge) -> str:
    if pledge.member_id:
        return reverse("boards:member", args=[pledge.member.public_id])
    return reverse("organizations:public", args=[pledge.organization.slug])


@transaction.atomic
def publication_record(*, actor, pledge: Pledge, channel: str, date: datetime.date,
                       reference: str = "") -> Publication:
    """Record one more channel through which the published version was made public."""
    pledge = _locked(pledge)
    if not access.may_publish(actor, pledge):
        raise OutOfReach
    if pledge.published_version is None:
        raise ValidationError(_("Only a published pledge has publication channels."))
    ((channel, date, reference),) = _check_channels([(channel, date, reference)])
    publication = Publication.objects.create(version=pledge.published_version,
                                             channel=channel, date=date,
                                             reference=reference, recorded_by=actor)
    audit_event(actor=actor, action="pledge.publication", subject=pledge,
                changes={"channel": [None, f"{channel} {date} {reference}"]})
    return publication


@transaction.atomic
def pledge_amend(*, actor, pledge: Pledge, reason: str) -> PledgeVersion:
    """Start an amendment of a published pledge: a new draft that goes through review again
    while the public keeps seeing the published version (guideline part 三 step 3)."""
    pledge = _locked(pledge)
    _require_editor(actor, pledge)
    if pledge.current_version.state != State.PUBLISHED:
        raise ValidationError(_("Only a published pledge is amended; a draft is edited "
                                "directly."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the published pledge must change.")})
    draft = _copy_version(pledge, pledge.current_version, actor=actor, note=reason[:1000])
    audit_event(actor=actor, action="pledge.amend", subject=pledge,
                changes={"version": [draft.number - 1, draft.number], "reason": [None, reason]})
    return draft


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
