"""Which cycle a page opens on: the current one, or the one being fulfilled when the next
year's solicitation has already opened."""

import datetime

from chengnuo.cycles.selectors import current_cycle, fulfilment_cycle
from chengnuo.tests.factories import CycleFactory

TODAY = datetime.date(2026, 12, 2)


def running(county):
    """Two quarters in: its deadline passed in May, its last quarter ends next March."""
    return CycleFactory(organization=county, year=2026,
                        solicitation_opens=datetime.date(2026, 3, 20),
                        commitment_deadline=datetime.date(2026, 5, 10),
                        quarter_1_ends=datetime.date(2026, 6, 30),
                        quarter_2_ends=datetime.date(2026, 9, 30),
                        quarter_3_ends=datetime.date(2026, 12, 31),
                        quarter_4_ends=datetime.date(2027, 3, 31))


def collecting(county):
    """Next year's: solicitation opened a month ago, the deadline three weeks ahead."""
    return CycleFactory(organization=county, year=2027,
                        solicitation_opens=datetime.date(2026, 11, 2),
                        commitment_deadline=datetime.date(2026, 12, 23),
                        quarter_1_ends=datetime.date(2027, 3, 31),
                        quarter_2_ends=datetime.date(2027, 6, 30),
                        quarter_3_ends=datetime.date(2027, 9, 30),
                        quarter_4_ends=datetime.date(2027, 12, 31))


def test_while_next_year_collects_suggestions_the_year_being_kept_is_fulfilled(county,
                                                                                branch):
    kept, next_year = running(county), collecting(county)
    assert fulfilment_cycle(branch, TODAY) == kept
    assert current_cycle(branch, TODAY) == next_year


def test_with_only_a_year_collecting_suggestions_it_is_the_one_shown(county, branch):
    next_year = collecting(county)
    assert fulfilment_cycle(branch, TODAY) == next_year


def test_after_the_last_quarter_the_newest_cycle_is_shown(county, branch):
    kept = running(county)
    assert fulfilment_cycle(branch, datetime.date(2027, 6, 1)) == kept
    assert fulfilment_cycle(branch, TODAY) == kept


def test_an_organization_under_no_cycle_has_none(other_branch):
    assert fulfilment_cycle(other_branch, TODAY) is None
