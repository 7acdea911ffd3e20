"""Opening and adjusting cycles: who may, one cycle per subtree per year, and sane rules."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.cycles.models import Cycle
from chengnuo.cycles.services import cycle_open, cycle_update
from chengnuo.pledges.categories import MEMBER_CATEGORIES, ORGANIZATION_CATEGORIES
from chengnuo.tests.factories import CycleFactory, RoleGrantFactory, UserFactory

YEAR = 2031


def fields(**overrides):
    """A valid year's rhythm for YEAR (deadline 31 August, like the guideline's 2010)."""
    values = {
        "solicitation_opens": datetime.date(YEAR, 3, 1),
        "commitment_deadline": datetime.date(YEAR, 8, 31),
        "quarter_1_ends": datetime.date(YEAR, 3, 31),
        "quarter_2_ends": datetime.date(YEAR, 6, 30),
        "quarter_3_ends": datetime.date(YEAR, 9, 30),
        "quarter_4_ends": datetime.date(YEAR, 12, 31),
        "minimum_items": 3,
        "minimum_items_leader": 5,
        "maximum_items": 12,
    }
    values.update(overrides)
    return values


def refusal_field(error: ValidationError) -> set[str]:
    return set(error.message_dict)


def test_county_admin_opens_a_cycle_for_the_county(county_admin, county):
    cycle = cycle_open(actor=county_admin, organization=county, year=YEAR, **fields())
    assert cycle.organization == county and cycle.year == YEAR
    assert cycle.opened_by == county_admin
    assert cycle.ends == datetime.date(YEAR, 12, 31)
    event = AuditEvent.objects.get(action="cycle.open", subject_id=cycle.pk)
    assert event.actor == county_admin
    assert event.changes["year"] == [None, str(YEAR)]
    assert event.changes["commitment_deadline"] == [None, f"{YEAR}-08-31"]


def test_a_cycle_at_the_county_covers_every_organization_below(county_admin, county,
                                                                 branch, other_branch):
    cycle = cycle_open(actor=county_admin, organization=county, year=YEAR, **fields())
    assert list(Cycle.objects.covering(branch)) == [cycle]
    assert list(Cycle.objects.covering(other_branch)) == []


def test_categories_are_kept_in_the_guidelines_order(county_admin, county):
    chosen = ["good_deeds", "practical_service", "lead_learning", "leadership_team"]
    cycle = cycle_open(actor=county_admin, organization=county, year=YEAR,
                       **fields(categories=chosen))
    assert cycle.categories == ["leadership_team", "practical_service", "lead_learning",
                                "good_deeds"]


def test_a_branch_secretary_opens_a_cycle_for_their_own_branch(branch_secretary, branch):
    cycle = cycle_open(actor=branch_secretary, organization=branch, year=YEAR, **fields())
    assert cycle.organization == branch


def test_a_branch_under_a_county_cycle_cannot_open_its_own_for_the_same_year(
        county_admin, county, branch_secretary, branch):
    cycle_open(actor=county_admin, organization=county, year=YEAR, **fields())
    with pytest.raises(ValidationError) as refusal:
        cycle_open(actor=branch_secretary, organization=branch, year=YEAR, **fields())
    assert refusal_field(refusal.value) == {"year"}
    assert "西湖区" in str(refusal.value)
    assert Cycle.objects.filter(organization=branch).count() == 0


def test_a_county_cannot_open_a_cycle_over_a_branch_that_already_has_one(
        county_admin, county, branch_secretary, branch):
    cycle_open(actor=branch_secretary, organization=branch, year=YEAR, **fields())
    with pytest.raises(ValidationError) as refusal:
        cycle_open(actor=county_admin, organization=county, year=YEAR, **fields())
    assert refusal_field(refusal.value) == {"year"}
    assert "第一党支部" in str(refusal.value)


def test_the_same_organization_cannot_open_two_cycles_for_one_year(county_admin, county):
    cycle_open(actor=county_admin, organization=county, year=YEAR, **fields())
    with pytest.raises(ValidationError):
        cycle_open(actor=county_admin, organization=county, year=YEAR, **fields())
    assert Cycle.objects.count() == 1


def test_another_year_or_another_subtree_may_open_its_own_cycle(
        county_admin, county, other_secretary, other_branch):
    cycle_open(actor=county_admin, organization=county, year=YEAR, **fields())
    next_year = {name: value.replace(year=YEAR + 1) if isinstance(value, datetime.date)
                 else value for name, value in fields().items()}
    cycle_open(actor=county_admin, organization=county, year=YEAR + 1, **next_year)
    cycle_open(actor=other_secretary, organization=other_branch, year=YEAR, **fields())
    assert Cycle.objects.count() == 3


def test_a_reviewer_cannot_open_a_cycle(county_reviewer, county):
    with pytest.raises(OutOfReach):
        cycle_open(actor=county_reviewer, organization=county, year=YEAR, **fields())
    assert not Cycle.objects.exists()


def test_a_branch_secretary_cannot_open_a_cycle_above_their_branch(branch_secretary, county):
    with pytest.raises(OutOfReach):
        cycle_open(actor=branch_secretary, organization=county, year=YEAR, **fields())


def test_another_countys_secretary_cannot_open_a_cycle_here(other_secretary, branch):
    with pytest.raises(OutOfReach):
        cycle_open(actor=other_secretary, organization=branch, year=YEAR, **fields())


def test_a_plain_member_cannot_open_a_cycle(member_user, branch):
    with pytest.raises(OutOfReach):
        cycle_open(actor=member_user, organization=branch, year=YEAR, **fields())


@pytest.mark.parametrize(("overrides", "field"), [
    ({"commitment_deadline": datetime.date(YEAR, 2, 1)}, "commitment_deadline"),
    ({"commitment_deadline": datetime.date(YEAR, 3, 1)}, "commitment_deadline"),
    ({"quarter_2_ends": datetime.date(YEAR, 3, 15)}, "quarter_4_ends"),
    ({"quarter_4_ends": datetime.date(YEAR, 8, 1)}, "quarter_4_ends"),
    ({"commitment_deadline": datetime.date(YEAR, 12, 31),
      "quarter_4_ends": datetime.date(YEAR, 12, 30)}, "commitment_deadline"),
    ({"minimum_items": 0}, "minimum_items"),
    ({"minimum_items_leader": 3}, "minimum_items_leader"),
    ({"maximum_items": 4}, "maximum_items"),
    ({"categories": ["leadership_team", "lead_learning", "make_money"]}, "categories"),
    ({"categories": ORGANIZATION_CATEGORIES}, "categories"),
    ({"categories": MEMBER_CATEGORIES}, "categories"),
    ({"categories": []}, "categories"),
], ids=["deadline-before-opening", "deadline-on-opening", "quarters-out-of-order",
        "last-quarter-before-third", "deadline-after-the-year", "no-minimum",
        "leaders-not-above-members", "warning-below-leaders", "unknown-category",
        "organization-categories-only", "member-categories-only", "no-categories"])
def test_bad_rules_are_refused_with_the_field_named(county_admin, county, overrides, field):
    with pytest.raises(ValidationError) as refusal:
        cycle_open(actor=county_admin, organization=county, year=YEAR, **fields(**overrides))
    assert field in refusal_field(refusal.value)
    assert not Cycle.objects.exists()
    assert not AuditEvent.objects.filter(action="cycle.open").exists()


def test_a_deadline_far_from_the_year_is_refused(county_admin, county):
    with pytest.raises(ValidationError) as refusal:
        cycle_open(actor=county_admin, organization=county, year=YEAR - 3, **fields())
    assert "year" in refusal_field(refusal.value)


def test_an_unknown_field_is_a_programming_error(county_admin, county):
    with pytest.raises(TypeError):
        cycle_open(actor=county_admin, organization=county, year=YEAR, **fields(colour="red"))


def test_updating_a_cycle_records_what_changed(county_admin, county):
    cycle = cycle_open(actor=county_admin, organization=county, year=YEAR, **fields())
    cycle_update(actor=county_admin, cycle=cycle,
                 commitment_deadline=datetime.date(YEAR, 9, 15), minimum_items=4)
    cycle.refresh_from_db()
    assert cycle.commitment_deadline == datetime.date(YEAR, 9, 15)
    assert cycle.minimum_items == 4
    event = AuditEvent.objects.get(action="cycle.update", subject_id=cycle.pk)
    assert event.actor == county_admin
    assert set(event.changes) == {"commitment_deadline", "minimum_items"}


def test_an_update_that_changes_nothing_leaves_no_record(county_admin, county):
    cycle = cycle_open(actor=county_admin, organization=county, year=YEAR, **fields())
    cycle_update(actor=county_admin, cycle=cycle, minimum_items=3)
    assert not AuditEvent.objects.filter(action="cycle.update").exists()


def test_a_bad_update_is_refused_and_changes_nothing(county_admin, county):
    cycle = cycle_open(actor=county_admin, organization=county, year=YEAR, **fields())
    with pytest.raises(ValidationError) as refusal:
        cycle_update(actor=county_admin, cycle=cycle, minimum_items_leader=2)
    assert "minimum_items_leader" in refusal_field(refusal.value)
    cycle.refresh_from_db()
    assert cycle.minimum_items_leader == 5
    assert not AuditEvent.objects.filter(action="cycle.update").exists()


def test_only_an_admin_over_the_cycles_organization_updates_it(
        county_admin, county, branch_secretary, county_reviewer, other_secretary):
    cycle = cycle_open(actor=county_admin, organization=county, year=YEAR, **fields())
    for outsider in (branch_secretary, county_reviewer, other_secretary):
        with pytest.raises(OutOfReach):
            cycle_update(actor=outsider, cycle=cycle, minimum_items=4)
    cycle.refresh_from_db()
    assert cycle.minimum_items == 3


def test_an_admin_higher_up_may_update_a_cycle_below(county_admin, branch_secretary, branch):
    cycle = cycle_open(actor=branch_secretary, organization=branch, year=YEAR, **fields())
    cycle_update(actor=county_admin, cycle=cycle, maximum_items=15)
    cycle.refresh_from_db()
    assert cycle.maximum_items == 15


def test_the_factory_cycle_is_open_for_suggestions_today(county):
    cycle = CycleFactory(organization=county)
    cycle.full_clean(exclude=["opened_by"])
    today = timezone.localdate()
    assert cycle.solicitation_is_open(today)
    assert cycle.solicitation_opens < today < cycle.commitment_deadline < cycle.ends


def test_the_bad_rules_message_is_in_chinese(county_admin, county):
    with pytest.raises(ValidationError) as refusal:
        cycle_open(actor=county_admin, organization=county, year=YEAR,
                   **fields(commitment_deadline=datetime.date(YEAR, 2, 1)))
    message = refusal.value.message_dict["commitment_deadline"][0]
    assert any("\u4e00" <= char <= "\u9fff" for char in message), message


def test_a_system_admin_may_open_a_cycle_anywhere(system_admin, province):
    cycle = cycle_open(actor=system_admin, organization=province, year=YEAR, **fields())
    assert cycle.organization == province


def test_an_admin_granted_at_a_township_opens_for_the_township(township):
    admin = RoleGrantFactory(organization=township, user=UserFactory(username="街道书记")).user
    cycle = cycle_open(actor=admin, organization=township, year=YEAR, **fields())
    assert cycle.organization == township


def test_a_cycle_whose_openers_account_was_deleted_can_still_be_updated(county_admin, county):
    opener = UserFactory(username="former_admin")
    RoleGrantFactory(organization=county, user=opener)
    cycle = cycle_open(actor=opener, organization=county, year=YEAR, **fields())
    opener.delete()
    cycle.refresh_from_db()
    assert cycle.opened_by is None
    cycle_update(actor=county_admin, cycle=cycle, minimum_items=4)
    cycle.refresh_from_db()
    assert cycle.minimum_items == 4
