"""示诺: publishing an approved version, recording channels, and amending."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.services import audit_event
from chengnuo.ledger.services import ledger_append
from chengnuo.progress.models import ProgressReport

from .. import access
from ..models import (
    Channel,
    Milestone,
    Pledge,
    PledgeItem,
    PledgeVersion,
    Publication,
    State,
)
from ._base import (
    _copy_version,
    _locked,
    _move,
    _require_editor,
    _today,
)


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


def _carry_by_key(model, previous: dict, current: list, fields: list[str]) -> dict[int, int]:
    """Copy fields from previous {key: row} onto the current rows with the same key, in one
    bulk update; {previous pk: current pk} of the rows matched."""
    matched = {}
    for row in current:
        old = previous.get(row.key)
        if old is not None:
            for name in fields:
                setattr(row, name, getattr(old, name))
            matched[old.pk] = row.pk
    model.objects.bulk_update([r for r in current if r.key in previous], fields)
    return matched


def _repoint(field: str, mapping: dict[int, int]) -> None:
    """Move the progress reports pointing at mapping's keys to its values: one UPDATE."""
    if mapping:
        column = f"{field}_id"
        ProgressReport.objects.filter(**{f"{column}__in": list(mapping)}).update(
            **{column: Case(*(When(**{column: old}, then=Value(new))
                              for old, new in mapping.items()))})


def _carry_progress(previous: PledgeVersion, version: PledgeVersion) -> None:
    """Progress follows a commitment into its amendment (履诺 goes on while 示诺 repeats).

    The amendment's draft copied percent, done date and milestones reached when it was
    started; reports made while it was under review went to the published version. So
    the published values are carried over by key, and the reports move to the new copies
    of their items and milestones. An item the amendment dropped keeps its reports on the
    superseded version, where the history shows them.
    """
    items = _carry_by_key(
        PledgeItem, {i.key: i for i in PledgeItem.objects.filter(version=previous)},
        list(PledgeItem.objects.filter(version=version)),
        ["percent", "done_on", "last_reported_on"])
    milestones = _carry_by_key(
        Milestone, {m.key: m for m in Milestone.objects.filter(item__version=previous)},
        list(Milestone.objects.filter(item__version=version)), ["reached_on"])
    _repoint("item", items)
    _repoint("milestone", milestones)


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
        _carry_progress(previous, version)
    _move(pledge, version, State.PUBLISHED)
    entry = ledger_append(kind="pledge.publish", subject=f"pledge:{pledge.pk}",
                          payload=_ledger_payload(pledge, version))
    version.published_at, version.ledger_entry = timezone.now(), entry
    version.save(update_fields=["state", "published_at", "ledger_entry"])
    pledge.published_version = version
    pledge.save(update_fields=["state", "published_version", "updated_at"])
    if not any(channel == Channel.INTERNET for channel, _date, _ref in checked):
        # The public board itself is a publication on the internet.
        checked.append((Channel.INTERNET, _today(), pledge.public_path()))
    Publication.objects.bulk_create(
        Publication(version=version, channel=channel, date=date, reference=reference,
                    recorded_by=actor) for channel, date, reference in checked)
    audit_event(actor=actor, action="pledge.publish", subject=pledge,
                changes={"state": [State.APPROVED, State.PUBLISHED],
                         "version": [previous.number if previous else None, version.number],
                         "ledger": [None, entry.fingerprint]})
    return version


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
