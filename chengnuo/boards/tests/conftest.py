import pytest

from chengnuo.cycles.services import cycle_open
from chengnuo.tests.factories import cycle_dates, published_pledge


@pytest.fixture
def cycle(county_admin, county):
    dates = cycle_dates()
    return cycle_open(actor=county_admin, organization=county,
                      year=dates["commitment_deadline"].year, **dates)


@pytest.fixture
def publish(branch_secretary, county_reviewer, cycle):
    """Publish a pledge through the whole workflow: the secretary drafts and submits, the
    county reviewer approves, the secretary publishes."""

    def publish(*, member=None, organization=None, items=3):
        return published_pledge(actor=branch_secretary, reviewer=county_reviewer,
                                publisher=branch_secretary, cycle=cycle, member=member,
                                organization=organization, items=items)

    return publish
