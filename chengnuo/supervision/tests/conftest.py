"""A year on a fixed calendar for the supervision tests.

The county opens the 2025 cycle; pledges are made and published in February (the clock is
frozen there by `in_february`), and `travel(day)` moves the clock on. Member items fall
due on 30 April (the factory's deadline + 30 days), so early May finds them late; the first
quarter ends on 31 March.
"""

import datetime
import zoneinfo

import pytest
import time_machine

from chengnuo.cycles import services as cycle_services
from chengnuo.tests.factories import published_pledge

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
DATES = {
    "solicitation_opens": datetime.date(2025, 1, 1),
    "commitment_deadline": datetime.date(2025, 3, 31),
    "quarter_1_ends": datetime.date(2025, 3, 31),
    "quarter_2_ends": datetime.date(2025, 6, 30),
    "quarter_3_ends": datetime.date(2025, 9, 30),
    "quarter_4_ends": datetime.date(2025, 12, 31),
}


def at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10, 0), tzinfo=SHANGHAI)


@pytest.fixture
def travel():
    """travel(day): the clock stands at 10:00 on day (Shanghai) until the test ends or the
    next travel."""
    machines = []

    def go(day: datetime.date):
        if machines:
            machines.pop().stop()
        machine = time_machine.travel(at(day), tick=False)
        machine.start()
        machines.append(machine)

    yield go
    for machine in machines:
        machine.stop()


@pytest.fixture
def in_february(travel):
    travel(datetime.date(2025, 2, 10))


@pytest.fixture
def cycle(in_february, county, county_admin):
    return cycle_services.cycle_open(actor=county_admin, organization=county, year=2025,
                                     **DATES)


@pytest.fixture
def publish(cycle, branch_secretary, county_reviewer):
    """publish(member=… or organization=…, items=3, secretary=branch_secretary): a
    published pledge in the cycle; secretary reviews a member's pledge and publishes."""

    def make(*, member=None, organization=None, items=3, secretary=None):
        secretary = secretary or branch_secretary
        actor = member.user if member is not None and member.user else secretary
        reviewer = secretary if member is not None else county_reviewer
        return published_pledge(actor=actor, reviewer=reviewer, publisher=secretary,
                                cycle=cycle, member=member, organization=organization,
                                items=items)

    return make


def items_of(pledge):
    return list(pledge.published_version.items.order_by("position"))
