"""履诺: reporting progress on a published commitment item against its schedule.

A report is never edited or deleted: a mistaken one stays in the history and is set right
by the next report, whose narrative says so. What the item shows (percent, done date, last
report, milestones reached) is kept in step here, so lists and boards read the item.
"""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.services import audit_event
from chengnuo.evidence.services import evidence_store_many
from chengnuo.ledger.services import ledger_append
from chengnuo.pledges import access as pledge_access
from chengnuo.pledges.models import Milestone, PledgeItem
from chengnuo.pledges.services import pledge_locked
from chengnuo.supervision.services import overdue_resolve

from . import access, schedule, selectors
from .models import ProgressReport

NARRATIVE_MAX = 2000


def _published_item(pledge, item: PledgeItem) -> PledgeItem:
    """The published copy of item, read and locked after the pledge's lock is held.

    A form opened before an amendment was published still names the older copy; the
    commitment is the same (same key), so the report lands on the copy the public sees.
    """
    if pledge.published_version_id is None:
        raise ValidationError(_("Progress is reported only on a published pledge."))
    published = (PledgeItem.objects.select_for_update()
                 .filter(version_id=pledge.published_version_id, key=item.key).first())
    if published is None:
        raise ValidationError(_("This item is not part of the published pledge."))
    return published


def _milestone_errors(item: PledgeItem, milestone: Milestone | None,
                      errors: dict) -> Milestone | None:
    """The item's own copy of milestone (by key), locked; a refusal goes into errors."""
    if milestone is None:
        return None
    found = Milestone.objects.select_for_update().filter(item=item, key=milestone.key).first()
    if found is None:
        errors["milestone"] = _("This milestone is not on the item's schedule.")
    elif found.reached_on is not None:
        errors["milestone"] = _("This milestone was already reached on %(date)s.") % {
            "date": found.reached_on.isoformat()}
    return found


def _check_values(item: PledgeItem, *, reported_on, percent, narrative, milestone,
                  started_on: datetime.date) -> tuple[str, Milestone | None]:
    """The cleaned narrative and the item's milestone; every refusal at once."""
    errors: dict[str, str] = {}
    milestone = _milestone_errors(item, milestone, errors)
    if not isinstance(percent, int) or isinstance(percent, bool) or not 0 <= percent <= 100:
        errors["percent"] = _("Percent done is a whole number from 0 to 100.")
    elif percent < item.percent:
        errors["percent"] = _(
            "The item is already %(current)s%% done; progress cannot go backwards. If an "
            "earlier report was wrong, say so in the narrative.") % {"current": item.percent}
    if not isinstance(reported_on, datetime.date):
        errors["reported_on"] = _("Give the date of the progress.")
    elif reported_on > timezone.localdate():
        errors["reported_on"] = _("The date cannot be in the future.")
    elif reported_on < started_on:
        errors["reported_on"] = _(
            "The date cannot be before the pledge was made public (%(date)s).") % {
                "date": started_on.isoformat()}
    elif item.last_reported_on and reported_on < item.last_reported_on:
        errors["reported_on"] = _(
            "The last report on this item is dated %(date)s; a new one cannot be dated "
            "earlier.") % {"date": item.last_reported_on.isoformat()}
    narrative = (narrative or "").strip()
    if not narrative:
        errors["narrative"] = _("Say what was done.")
    elif len(narrative) > NARRATIVE_MAX:
        errors["narrative"] = _("At most %(n)s characters.") % {"n": NARRATIVE_MAX}
    if errors:
        raise ValidationError(errors)
    return narrative, milestone


def _store_evidence(actor, uploads) -> list:
    uploads = list(uploads or ())
    if not uploads:
        return []
    try:
        # The pledge is published, so what backs its progress is public too.
        return evidence_store_many(actor=actor, uploads=uploads, public=True)
    except ValidationError as error:
        raise ValidationError({"evidence": error.messages}) from None


def _resolve_overdue(item: PledgeItem, milestone: Milestone | None, *, done: bool) -> int:
    """Close the overdue sweep's records of what this report completes: the milestone
    reached, and once the item is done, the item and whatever of its schedule was late."""
    keys = [f"milestone:{milestone.key}"] if milestone is not None else []
    if done:
        keys += [f"item:{item.key}",
                 *(f"milestone:{key}" for key in item.milestones.values_list("key", flat=True))]
    return overdue_resolve(subject_keys=keys, on=timezone.localdate()) if keys else 0


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


@transaction.atomic
def progress_report(*, actor, item: PledgeItem, reported_on: datetime.date, percent: int,
                    narrative: str, milestone: Milestone | None = None,
                    uploads=()) -> ProgressReport:
    """Report progress on one item of a published pledge (履诺, guideline part 三 item 4:
    fulfil the commitments against the schedule, with the masses able to see it).

    The member reports on their own commitments; the organization's admin on the
    organization's own and, on the member's behalf, on an oral pledge; nobody else.
    Progress never goes backwards, is dated between the publication and today, and may
    mark one milestone reached. Evidence is stored all or nothing and made public; the
    report is appended to the ledger, because the public sees it.
    """
    pledge = pledge_locked(item.version.pledge)
    if not pledge_access.pledges_for(actor).filter(pk=pledge.pk).exists():
        raise OutOfReach
    if not access.may_report(actor, pledge):
        raise ValidationError(
            _("Progress on an oral pledge or an organization's pledge is reported by the "
              "organization's secretary.") if access.reports_on_behalf(pledge)
            else _("Only the member reports progress on their own commitments."))
    item = _published_item(pledge, item)
    pledge.first_published_at = selectors.first_published_on(pledge)
    narrative, milestone = _check_values(
        item, reported_on=reported_on, percent=percent, narrative=narrative,
        milestone=milestone, started_on=schedule.started_on(pledge))
    evidence = _store_evidence(actor, uploads)

    before = {"percent": item.percent, "done_on": item.done_on}
    done = percent == 100 and item.done_on is None
    item.percent, item.last_reported_on = percent, reported_on
    if done:
        item.done_on = reported_on
    item.save(update_fields=["percent", "done_on", "last_reported_on"])
    if milestone is not None:
        milestone.reached_on = reported_on
        milestone.save(update_fields=["reached_on"])
    on_behalf = access.reports_on_behalf(pledge)
    entry = ledger_append(kind="progress.report", subject=f"pledge:{pledge.pk}", payload={
        "pledge": pledge.pk, "item": str(item.key), "percent": percent,
        "reported_on": reported_on, "done_on": item.done_on,
        "milestone": str(milestone.key) if milestone else None,
        "narrative_sha256": hashlib.sha256(narrative.encode()).hexdigest(),
        "evidence_sha256": [e.sha256 for e in evidence], "on_behalf": on_behalf})
    report = ProgressReport.objects.create(
        item=item, pledge=pledge, reported_on=reported_on, percent=percent,
        milestone=milestone, narrative=narrative, reported_by=actor, on_behalf=on_behalf,
        ledger_entry=entry)
    if evidence:
        report.evidence.set(evidence)
    resolved = _resolve_overdue(item, milestone, done=done)
    changes = {"percent": [before["percent"], percent],
               "done_on": [_iso(before["done_on"]), _iso(item.done_on)],
               "milestone": [None, milestone.title if milestone else None],
               "evidence": [None, len(evidence) or None],
               "overdue_resolved": [None, resolved or None],
               "ledger": [None, entry.fingerprint]}
    audit_event(actor=actor, action="progress.report", subject=item,
                changes={name: pair for name, pair in changes.items() if pair[0] != pair[1]})
    return report
