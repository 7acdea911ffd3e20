import time
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse

from chengnuo.cycles.services import cycle_open
from chengnuo.suggestions.forms import new_challenge
from chengnuo.suggestions.models import Suggestion
from chengnuo.tests.factories import cycle_dates


@pytest.fixture
def cycle(county_admin, county):
    dates = cycle_dates()
    return cycle_open(actor=county_admin, organization=county,
                      year=dates["commitment_deadline"].year, **dates)


def form_url(organization):
    return reverse("suggestions:form", args=[organization.slug])


def filled(organization, **changes):
    token, a, b = new_challenge(organization.pk)
    data = {"text": "请在小区里多装几盏路灯，晚上太黑了。", "author_name": "老张",
            "contact": "13900001111", "answer": str(a + b), "token": token, "website": ""}
    data.update(changes)
    return data


def test_htmx_fragment_is_a_form_with_a_csrf_token_and_a_question(client, branch, cycle):
    response = client.get(form_url(branch), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in page
    assert "csrfmiddlewaretoken" in page and "加" in page and "等于几" in page
    assert 'name="website"' in page  # the honeypot


def test_without_htmx_the_form_is_a_page_of_its_own(client, branch, cycle):
    page = client.get(form_url(branch)).content.decode()
    assert "<html" in page and "留下意见建议" in page and "csrfmiddlewaretoken" in page


def test_an_organization_not_collecting_says_so(client, branch):
    page = client.get(form_url(branch), HTTP_HX_REQUEST="true").content.decode()
    assert "目前未在征求意见建议" in page and "<form" not in page


def test_a_suggestion_with_the_right_answer_is_stored_and_thanked(client, branch, cycle):
    response = client.post(form_url(branch), filled(branch), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200
    assert "感谢您的意见建议" in page and "公开栏公布" in page
    suggestion = Suggestion.objects.get()
    assert suggestion.organization == branch and suggestion.cycle == cycle
    assert suggestion.contact == "13900001111"


def test_a_post_without_csrf_token_is_refused(branch, cycle):
    response = Client(enforce_csrf_checks=True).post(form_url(branch), filled(branch))
    assert response.status_code == 403
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("changes, message", [
    ({"answer": "99"}, "答案不对"),
    ({"website": "http://spam.example"}, "提交未被接受"),
    ({"token": "forged"}, "提交未被接受"),
    ({"text": "长" * 501}, "500"),
    ({"text": "好"}, ""),
    ({"author_name": "名" * 31}, ""),
])
def test_bad_submissions_are_refused_and_nothing_is_stored(client, branch, cycle, changes,
                                                           message):
    response = client.post(form_url(branch), filled(branch, **changes), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "感谢您的意见建议" not in page
    assert message in page
    assert not Suggestion.objects.exists()
    assert "<form" in page  # asked again, with a new question


def test_an_expired_question_is_refused(client, branch, cycle):
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 3 * 3600):
        stale = filled(branch)
    page = client.post(form_url(branch), stale).content.decode()
    assert "验证题已过期" in page
    assert not Suggestion.objects.exists()


def test_a_question_for_another_organization_is_refused(client, branch, other_branch, cycle):
    page = client.post(form_url(branch), filled(other_branch)).content.decode()
    assert "提交未被接受" in page
    assert not Suggestion.objects.exists()


def test_more_than_five_attempts_in_ten_minutes_get_429(client, branch, cycle):
    for _ in range(5):
        assert client.post(form_url(branch), filled(branch)).status_code == 200
    response = client.post(form_url(branch), filled(branch), HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert Suggestion.objects.count() == 5


def test_the_rate_limit_is_per_client(client, branch, cycle):
    for _ in range(5):
        client.post(form_url(branch), filled(branch), REMOTE_ADDR="10.0.0.1")
    response = client.post(form_url(branch), filled(branch), REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 200
    assert Suggestion.objects.count() == 6


def test_a_script_in_a_suggestion_is_escaped_on_the_board_and_the_contact_is_hidden(
        client, branch, cycle):
    client.post(form_url(branch), filled(branch, text="<script>alert('x')</script>装路灯",
                                         author_name="<b>老张</b>"))
    assert Suggestion.objects.count() == 1
    page = client.get(reverse("organizations:public", args=[branch.slug])).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "<b>老张" not in page
    assert "13900001111" not in page


def test_the_board_offers_the_form_only_by_htmx_link(client, branch, cycle):
    response = client.get(reverse("organizations:public", args=[branch.slug]))
    page = response.content.decode()
    assert "留下意见建议" in page and f'hx-get="{form_url(branch)}"' in page
    assert "csrfmiddlewaretoken" not in page and not response.cookies
