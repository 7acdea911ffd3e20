"""提诺: adding, editing and removing the items of a draft."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chengnuo.audit.services import audit_event
from chengnuo.suggestions.models import Suggestion

from ..models import (
    Milestone,
    Pledge,
    PledgeItem,
)
from ._base import (
    _allowed_categories,
    _editable_version,
    _locked,
)


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
    # An amendment's milestone keeps its identity and the date it was reached when its
    # title stays the same, so reported progress is not lost by editing the schedule.
    kept = {m.title: m for m in item.milestones.all()}
    item.milestones.all().delete()
    Milestone.objects.bulk_create(
        Milestone(item=item, title=title.strip(), due_date=when,
                  **({"key": kept[title.strip()].key,
                      "reached_on": kept[title.strip()].reached_on}
                     if title.strip() in kept else {}))
        for title, when in milestones)
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
