"""Where a commitment item stands against its schedule (履诺进度表): pure functions, no
queries, so pages, boards, charts and the overdue sweep judge every item the same way.

The schedule of an item is its milestones and its due date (the cycle's end for an item
without one). Progress is expected to grow evenly from the day the pledge was made public
to the due date; an item well behind that line, or close to its next date with much left
to do, is at risk. A date passed with the work undone makes it overdue.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# How far behind the even pace (in percentage points) an item may fall before it is at risk.
AT_RISK_MARGIN = 25
# How close (in days) the next milestone or the due date must be to count as near; from
# then on the margin shrinks evenly to nothing on the day itself.
NEAR_DAYS = 14


class Status(models.TextChoices):
    ON_SCHEDULE = "on_schedule", _("On schedule")
    AT_RISK = "at_risk", _("At risk")
    OVERDUE = "overdue", _("Past due")
    DONE = "done", _("Done")


# The order lists and charts show the statuses in: what needs attention first.
STATUS_ORDER = (Status.OVERDUE, Status.AT_RISK, Status.ON_SCHEDULE, Status.DONE)


def expected_percent(*, started_on: datetime.date, due_on: datetime.date,
                     on: datetime.date) -> int:
    """The percent the even pace from started_on to due_on expects by the day on."""
    if on >= due_on:
        return 100
    if on <= started_on:
        return 0
    return round(100 * (on - started_on).days / (due_on - started_on).days)


def due_of(item, cycle_ends: datetime.date | None) -> datetime.date | None:
    """The item's due date; the cycle's end for an item that has none."""
    return item.due_date or cycle_ends


def status_of(*, percent: int, done_on: datetime.date | None, due_on: datetime.date | None,
              next_milestone_on: datetime.date | None, started_on: datetime.date,
              today: datetime.date) -> Status:
    """The status from the few facts it depends on.

    next_milestone_on is the earliest date among the milestones not reached yet (a date
    before today means a milestone was missed). Lists that cannot load every milestone
    compute it in SQL and call this directly.
    """
    if done_on is not None:
        return Status.DONE
    if due_on is not None and today > due_on:
        return Status.OVERDUE
    if next_milestone_on is not None and today > next_milestone_on:
        return Status.OVERDUE
    if due_on is None:
        return Status.ON_SCHEDULE
    if expected_percent(started_on=started_on, due_on=due_on, on=today) - percent \
            > AT_RISK_MARGIN:
        return Status.AT_RISK
    # The nearest date ahead, once it is close: the gap to what the pace expects by then
    # may be smaller the closer it gets, down to none on the day itself.
    nearest = min(d for d in (next_milestone_on, due_on) if d is not None)
    days_left = (nearest - today).days
    if days_left <= NEAR_DAYS:
        gap = expected_percent(started_on=started_on, due_on=due_on, on=nearest) - percent
        if gap > AT_RISK_MARGIN * days_left / NEAR_DAYS:
            return Status.AT_RISK
    return Status.ON_SCHEDULE


def started_on(pledge) -> datetime.date:
    """The day the pledge's schedule starts: when it was first made public. Selectors
    annotate `first_published_at` (an amendment keeps the original start, so republishing
    never resets the pace); else the published version's date; else the cycle's start."""
    moment = getattr(pledge, "first_published_at", None)
    if moment is None and pledge.published_version_id:
        moment = pledge.published_version.published_at
    if moment is None:
        return pledge.cycle.solicitation_opens
    return timezone.localdate(moment) if isinstance(moment, datetime.datetime) else moment


def next_milestone_on(item) -> datetime.date | None:
    """The earliest date among item's milestones not reached yet (prefetched)."""
    dates = [m.due_date for m in item.milestones.all() if m.reached_on is None]
    return min(dates) if dates else None


def item_status(item, today: datetime.date, *, started_on: datetime.date,
                cycle_ends: datetime.date | None = None) -> Status:
    """The status of item (with its milestones prefetched) on today.

    started_on is the day the pledge was first made public (or the cycle's start);
    cycle_ends stands in for the due date of an item without one.
    """
    return status_of(percent=item.percent, done_on=item.done_on,
                     due_on=due_of(item, cycle_ends), next_milestone_on=next_milestone_on(item),
                     started_on=started_on, today=today)


@dataclass(frozen=True)
class MilestoneMark:
    milestone: object
    reached: bool
    missed: bool  # its date passed and it was not reached

    @property
    def key(self) -> str:
        return "reached" if self.reached else "missed" if self.missed else "ahead"


@dataclass(frozen=True)
class ItemSchedule:
    """Everything a page shows about one item's schedule."""

    status: Status
    percent: int
    expected: int
    due_on: datetime.date | None
    started_on: datetime.date
    milestones: tuple[MilestoneMark, ...]
    due_missed: bool  # the due date passed with the item not done

    @property
    def behind(self) -> int:
        """Percentage points behind the even pace (0 when ahead of it or done)."""
        return 0 if self.status == Status.DONE else max(0, self.expected - self.percent)


def item_schedule(item, today: datetime.date, *, started_on: datetime.date,
                  cycle_ends: datetime.date | None = None) -> ItemSchedule:
    due_on = due_of(item, cycle_ends)
    expected = (100 if item.done_on else
                expected_percent(started_on=started_on, due_on=due_on, on=today)
                if due_on else 0)
    marks = tuple(MilestoneMark(milestone=m, reached=m.reached_on is not None,
                                missed=m.reached_on is None and today > m.due_date)
                  for m in item.milestones.all())
    return ItemSchedule(status=item_status(item, today, started_on=started_on,
                                           cycle_ends=cycle_ends),
                        percent=item.percent, expected=expected, due_on=due_on,
                        started_on=started_on, milestones=marks,
                        due_missed=(item.done_on is None and due_on is not None
                                    and today > due_on))


def count_by_status(statuses) -> dict[str, int]:
    """{status value: count} over statuses, every status present (zero if none)."""
    counts = dict.fromkeys((s.value for s in STATUS_ORDER), 0)
    for status in statuses:
        counts[status] += 1
    return counts
