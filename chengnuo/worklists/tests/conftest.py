import pytest

from chengnuo.cycles import services as cycle_services
from chengnuo.tests.factories import cycle_dates


@pytest.fixture
def cycle(county_admin, county):
    """This year's cycle for the whole county: solicitation open, deadline ahead."""
    dates = cycle_dates()
    return cycle_services.cycle_open(actor=county_admin, organization=county,
                                     year=dates["commitment_deadline"].year, **dates)
