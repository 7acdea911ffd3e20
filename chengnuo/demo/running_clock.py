"""The demo's running year in time: its dates, relative to the day the seed runs, and a
clock moved to the day of each step."""

import datetime
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import time_machine

from .commitments import QUARTER_ENDS, CycleDates

DEADLINE_BEFORE_FIRST_QUARTER_ENDS = datetime.timedelta(days=51)
SOLICITATION_DAYS = 21 + 30  # as in the half-year: opened 30 days before, 21 days left
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _quarter_ends_before(day: datetime.date) -> list[datetime.date]:
    """Calendar quarter ends on or before day, latest first (the last eight)."""
    ends = []
    for year in (day.year, day.year - 1, day.year - 2):
        for month, last in reversed(QUARTER_ENDS):
            end = datetime.date(year, month, last)
            if end <= day:
                ends.append(end)
    return ends[:8]


def running_year_dates(today: datetime.date) -> CycleDates:
    """Dates of a cycle whose second quarter ended at least a month before today.

    The first two quarters are calendar quarters that lie wholly in the past, the third is
    the one in progress (or just ended), the fourth follows. The commitment deadline fell
    51 days before the first quarter ended, and solicitation opened 51 days before that,
    as in the half-year of the year being committed to now. The year is the year of the
    second quarter's end, as there.
    """
    second, first = _quarter_ends_before(today - datetime.timedelta(days=30))[:2]
    ends = [first, second]
    while len(ends) < 4:
        after = ends[-1] + datetime.timedelta(days=1)
        ends.append(next(datetime.date(after.year, m, d) for m, d in QUARTER_ENDS
                         if datetime.date(after.year, m, d) >= after))
    deadline = first - DEADLINE_BEFORE_FIRST_QUARTER_ENDS
    return CycleDates(year=second.year,
                      solicitation_opens=deadline - datetime.timedelta(days=SOLICITATION_DAYS),
                      commitment_deadline=deadline, quarter_ends=tuple(ends))


@contextmanager
def on(day: datetime.date, hour: int = 9):
    """Run the block as if it were day, hour o'clock in Shanghai; the clock ticks on."""
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI)
    with time_machine.travel(moment, tick=True):
        yield


def commitment_day(dates: CycleDates) -> datetime.date:
    """The day the half-year of commitments is played for this cycle: 21 days before its
    deadline, 30 days into solicitation (see demo.commitments.cycle_dates)."""
    return dates.commitment_deadline - datetime.timedelta(days=21)
