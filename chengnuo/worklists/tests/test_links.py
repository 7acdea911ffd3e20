"""The commitments links on an organization's page follow what the user may do."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from chengnuo.accounts.permissions import reach_paths

pytestmark = pytest.mark.django_db


def detail(client, user, organization):
    client.force_login(user)
    response = client.get(reverse("organizations:detail", args=[organization.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_branch_secretary_finds_every_commitments_page(client, branch_secretary, branch):
    page = detail(client, branch_secretary, branch)
    for url in (reverse("worklists:overview", args=[branch.slug]),
                reverse("cycles:list", args=[branch.slug]),
                reverse("suggestions:manage", args=[branch.slug]),
                reverse("organizations:public", args=[branch.slug]),
                reverse("boards:sheet", args=[branch.slug]),
                f'{reverse("worklists:queue")}?under={branch.slug}'):
        assert url in page, url


def test_a_member_gets_the_overview_but_not_the_suggestions_to_answer(
        client, member_user, branch):
    page = detail(client, member_user, branch)
    assert reverse("worklists:overview", args=[branch.slug]) in page
    assert reverse("suggestions:manage", args=[branch.slug]) not in page
    assert reverse("worklists:queue") not in page


def test_an_administrative_level_has_cycles_but_no_member_overview(client, county_admin,
                                                                    county):
    page = detail(client, county_admin, county)
    assert reverse("cycles:list", args=[county.slug]) in page
    assert reverse("worklists:overview", args=[county.slug]) not in page


def test_the_links_ask_nothing_of_the_database_once_grants_are_loaded(
        branch_secretary, branch, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = branch_secretary
    reach_paths(branch_secretary, "view")  # the page has loaded the grants already
    template = Template("{% load worklist_links %}{% organization_links organization %}")
    with django_assert_num_queries(0):
        html = template.render(Context({"request": request, "organization": branch}))
    assert reverse("worklists:overview", args=[branch.slug]) in html
