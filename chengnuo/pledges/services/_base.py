"""Shared steps of the pledge services: locking, moving along the transition map, the
draft that may be edited, and copying a version."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import OutOfReach

from .. import access
from ..categories import MEMBER_CATEGORIES, ORGANIZATION_CATEGORIES
from ..models import (
    TRANSITIONS,
    Milestone,
    Pledge,
    PledgeItem,
    PledgeVersion,
    State,
)


def _locked(pledge: Pledge) -> Pledge:
    """The pledge row locked for this transaction, with its versions read after the lock.

    On PostgreSQL a row lock that had to wait re-reads only the locked row; columns joined
    in the same statement keep the snapshot from before the wait. The versions change with
    every transition, so they are loaded by a statement of their own once the lock is held.
    """
    pledge = Pledge.objects.select_for_update(of=("self",)).select_related(
        "cycle", "member__organization", "member__user", "member__post",
        "owner_organization", "organization", "reviewing_organization").get(pk=pledge.pk)
    ids = [pk for pk in (pledge.current_version_id, pledge.published_version_id) if pk]
    versions = PledgeVersion.objects.in_bulk(ids)
    pledge.current_version = versions.get(pledge.current_version_id)
    pledge.published_version = versions.get(pledge.published_version_id)
    return pledge


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


def _editable_version(actor, pledge: Pledge) -> PledgeVersion:
    """The current version if it is a draft and actor may edit it."""
    _require_editor(actor, pledge)
    version = pledge.current_version
    if version.state != State.DRAFT:
        raise ValidationError(_(
            "Only a draft can be edited. A submitted, returned or published version is kept "
            "as it is; start a revision or an amendment instead."))
    return version


def _allowed_categories(pledge: Pledge) -> list[str]:
    own = MEMBER_CATEGORIES if pledge.is_member_pledge else ORGANIZATION_CATEGORIES
    return [c for c in own if c in pledge.cycle.categories]


def _require_editor(actor, pledge: Pledge) -> None:
    """Refuse anyone who may not edit: with a reason if they can see the pledge, as a 404
    if it lies outside their reach."""
    if access.may_edit(actor, pledge):
        return
    if not access.pledges_for(actor).filter(pk=pledge.pk).exists():
        raise OutOfReach
    if pledge.current_version is not None and pledge.current_version.is_oral:
        raise ValidationError(_("An oral pledge is recorded by the secretary."))
    raise ValidationError(_("You may not edit this pledge."))


def _copy_version(pledge: Pledge, source: PledgeVersion, *, actor, note: str) -> PledgeVersion:
    """A new draft version with source's items, milestones and suggestions taken up."""
    number = pledge.versions.order_by("-number").values_list("number", flat=True)[0] + 1
    draft = PledgeVersion.objects.create(
        pledge=pledge, number=number, is_oral=source.is_oral, created_by=actor,
        post_name=source.post_name, note=note)
    items = list(source.items.prefetch_related("milestones", "suggestions"))
    copies = PledgeItem.objects.bulk_create(
        PledgeItem(version=draft, position=item.position, category=item.category,
                   content=item.content, target=item.target, due_date=item.due_date,
                   key=item.key, percent=item.percent, done_on=item.done_on,
                   last_reported_on=item.last_reported_on)
        for item in items)
    Milestone.objects.bulk_create(
        Milestone(item=copy, title=m.title, due_date=m.due_date, key=m.key,
                  reached_on=m.reached_on)
        for item, copy in zip(items, copies, strict=True) for m in item.milestones.all())
    through = PledgeItem.suggestions.through
    through.objects.bulk_create(
        through(pledgeitem_id=copy.pk, suggestion_id=s.pk)
        for item, copy in zip(items, copies, strict=True) for s in item.suggestions.all())
    pledge.current_version = draft
    pledge.state = State.DRAFT
    pledge.save(update_fields=["current_version", "state", "updated_at"])
    return draft
