"""Fixtures the deed tests share: this year's cycle open at the county (today lies in its
first quarter, which began a month ago), uploads in a fresh directory, and deeds made
through the services."""

import datetime

import pytest
from django.utils import timezone

from chengnuo.deeds import services
from chengnuo.tests.factories import CycleFactory

DEED = "冒雨帮独居的陈奶奶把漏水的屋顶修好，又陪她去社区医院看病。"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def cycle(county):
    return CycleFactory(organization=county)


@pytest.fixture
def yesterday():
    return timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def report(cycle, member, member_user, yesterday):
    """report(**changes): a deed of member reported by themself, yesterday."""
    def make(**changes):
        fields = {"actor": member_user, "member": member, "occurred_on": yesterday,
                  "description": DEED, **changes}
        return services.deed_report(**fields)

    return make


@pytest.fixture
def verified(report, branch_secretary):
    """verified(**changes): a reported deed, verified by the branch secretary."""
    def make(**changes):
        return services.deed_verify(actor=branch_secretary, deed=report(**changes))

    return make


def at_noon(day: datetime.date) -> datetime.datetime:
    """Noon of day in the project's time zone, for time_machine."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def second_quarter(cycle):
    """The clock stands three weeks into the cycle's second quarter."""
    import time_machine

    day = cycle.quarter_1_ends + datetime.timedelta(days=21)
    with time_machine.travel(at_noon(day), tick=False):
        yield day
