"""Fixtures the pledge service tests share: a cycle open at the county (solicitation open,
the deadline ahead) and the member's started pledge."""

import pytest

from chengnuo.pledges import services
from chengnuo.tests.factories import CycleFactory


@pytest.fixture
def cycle(county):
    return CycleFactory(organization=county)


@pytest.fixture
def pledge(cycle, member, member_user):
    return services.pledge_start(actor=member_user, cycle=cycle, member=member)
