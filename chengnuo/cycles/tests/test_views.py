"""Cycle pages: who sees them, who opens and edits, and refusals shown without changes."""

import datetime

import pytest
from django.urls import reverse

from chengnuo.cycles import services
from chengnuo.cycles.forms import default_initial
from chengnuo.cycles.models import Cycle

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2024, 11, 20)


def open_cycle(actor, organization, year=2025, **overrides):
    fields = default_initial(datetime.date(year - 1, 11, 20))
    fields.pop("year")
    fields.update(overrides)
    return services.cycle_open(actor=actor, organization=organization, year=year, **fields)


def form_data(year=2025, **overrides):
    data = {key: value for key, value in default_initial(datetime.date(year - 1, 11, 20)).items()}
    data["year"] = year
    data.update(overrides)
    return {key: (value.isoformat() if isinstance(value, datetime.date) else value)
            for key, value in data.items()}


def test_the_open_form_proposes_next_year_with_calendar_quarters(client, county_admin, county):
    client.force_login(county_admin)
    response = client.get(reverse("cycles:open", args=[county.slug]))
    assert response.status_code == 200
    form = response.context["form"]
    today = datetime.date.today()
    assert form["year"].value() == today.year + 1
    assert form["commitment_deadline"].value() == datetime.date(today.year + 1, 1, 31)
    assert form["quarter_4_ends"].value() == datetime.date(today.year + 1, 12, 31)
    page = response.content.decode()
    assert 'type="date"' in page
    assert "领导班子好" in page and "带头学习提高" in page


def test_county_admin_opens_a_cycle_for_the_county(client, county_admin, county):
    client.force_login(county_admin)
    response = client.post(reverse("cycles:open", args=[county.slug]), form_data())
    assert response.status_code == 302
    cycle = Cycle.objects.get(organization=county, year=2025)
    assert cycle.minimum_items_leader == 5
    assert cycle.opened_by == county_admin


def test_a_cycle_with_the_deadline_before_solicitation_is_refused_in_chinese(
        client, county_admin, county):
    client.force_login(county_admin)
    response = client.post(reverse("cycles:open", args=[county.slug]),
                           form_data(solicitation_opens="2025-02-10"))
    assert response.status_code == 200
    assert "截止" in response.context["form"].errors["commitment_deadline"][0]
    assert "未保存" in response.content.decode()
    assert not Cycle.objects.exists()


def test_leaders_minimum_not_above_ordinary_minimum_is_refused(client, county_admin, county):
    client.force_login(county_admin)
    response = client.post(reverse("cycles:open", args=[county.slug]),
                           form_data(minimum_items=5, minimum_items_leader=5))
    assert "minimum_items_leader" in response.context["form"].errors
    assert not Cycle.objects.exists()


def test_categories_only_for_organizations_are_refused(client, county_admin, county):
    client.force_login(county_admin)
    response = client.post(reverse("cycles:open", args=[county.slug]),
                           form_data(categories=["leadership_team"]))
    assert "categories" in response.context["form"].errors
    assert not Cycle.objects.exists()


def test_a_second_cycle_for_the_same_subtree_and_year_is_refused(
        client, county_admin, county, township):
    open_cycle(county_admin, county)
    client.force_login(county_admin)
    response = client.post(reverse("cycles:open", args=[township.slug]), form_data())
    assert response.status_code == 200
    assert "year" in response.context["form"].errors
    assert Cycle.objects.count() == 1


def test_branch_secretary_cannot_open_a_cycle_above_their_branch(
        client, branch_secretary, county):
    client.force_login(branch_secretary)
    response = client.post(reverse("cycles:open", args=[county.slug]), form_data())
    assert response.status_code == 404
    assert not Cycle.objects.exists()


def test_county_reviewer_cannot_open_a_cycle(client, county_reviewer, county):
    client.force_login(county_reviewer)
    assert client.get(reverse("cycles:open", args=[county.slug])).status_code == 404


def test_every_viewer_sees_the_cycles_covering_their_organization(
        client, county_admin, member_user, branch):
    open_cycle(county_admin, branch.parent.parent.parent)  # the county
    client.force_login(member_user)
    response = client.get(reverse("cycles:list", args=[branch.slug]))
    assert response.status_code == 200
    assert [c.year for c in response.context["covering"]] == [2025]
    assert "cycles:open" not in response.content.decode()
    assert reverse("cycles:open", args=[branch.slug]) not in response.content.decode()
    assert reverse("cycles:edit", args=[response.context["covering"][0].pk]) \
        not in response.content.decode()


def test_the_county_list_shows_cycles_opened_below(client, county_admin, county, township):
    open_cycle(county_admin, township)
    client.force_login(county_admin)
    response = client.get(reverse("cycles:list", args=[county.slug]))
    assert response.context["covering"] == []
    assert [c.organization for c in response.context["below"]] == [township]


def test_other_secretary_gets_404_on_the_cycles_page(client, other_secretary, branch):
    client.force_login(other_secretary)
    assert client.get(reverse("cycles:list", args=[branch.slug])).status_code == 404


def test_county_admin_moves_the_deadline(client, county_admin, county):
    cycle = open_cycle(county_admin, county)
    client.force_login(county_admin)
    response = client.post(reverse("cycles:edit", args=[cycle.pk]),
                           form_data(commitment_deadline="2025-02-28"))
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.commitment_deadline == datetime.date(2025, 2, 28)


def test_an_edit_with_quarters_out_of_order_changes_nothing(client, county_admin, county):
    cycle = open_cycle(county_admin, county)
    client.force_login(county_admin)
    response = client.post(reverse("cycles:edit", args=[cycle.pk]),
                           form_data(quarter_2_ends="2025-03-01", minimum_items=4))
    assert response.status_code == 200
    assert "季度" in response.context["form"].errors["quarter_4_ends"][0]
    cycle.refresh_from_db()
    assert cycle.minimum_items == 3 and cycle.quarter_2_ends == datetime.date(2025, 6, 30)


def test_branch_secretary_cannot_edit_the_county_cycle(client, county_admin, branch_secretary,
                                                      county):
    cycle = open_cycle(county_admin, county)
    client.force_login(branch_secretary)
    response = client.post(reverse("cycles:edit", args=[cycle.pk]),
                           form_data(minimum_items=1))
    assert response.status_code == 404
    cycle.refresh_from_db()
    assert cycle.minimum_items == 3


def test_anonymous_visitors_are_sent_to_log_in(client, county):
    response = client.get(reverse("cycles:list", args=[county.slug]))
    assert response.status_code == 302 and "login" in response["Location"]
