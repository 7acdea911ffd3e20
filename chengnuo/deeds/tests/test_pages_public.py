"""The public side: the report form behind the member page (human check, honeypot, rate
limit), the member page and board hooks, and the regional list page. Public pages set no
cookie and their query counts stay flat."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chengnuo.deeds import services
from chengnuo.deeds.forms import CHECK_SALT
from chengnuo.deeds.models import Deed
from chengnuo.evidence.tests.files import image_upload
from chengnuo.layout.human_check import new_challenge
from chengnuo.tests.factories import MemberFactory

from .conftest import DEED

pytestmark = pytest.mark.django_db


def form_url(member):
    return reverse("deeds:public_form", args=[member.public_id])


def filled(member, yesterday, **changes):
    token, a, b = new_challenge(CHECK_SALT, member.pk)
    data = {"occurred_on": yesterday.isoformat(), "description": DEED,
            "reporter_name": "陈奶奶", "reporter_contact": "13900002222",
            "answer": str(a + b), "token": token, "website": ""}
    data.update(changes)
    return data


def _public_count(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies and "Cookie" not in response.get("Vary", "")
    return len(queries)


# ---- the public form ------------------------------------------------------------------------

def test_the_htmx_fragment_is_a_form_with_a_question_and_a_honeypot(client, member):
    response = client.get(form_url(member), HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert "csrfmiddlewaretoken" in page and "加" in page and 'name="website"' in page
    assert 'type="file"' not in page  # the public sends words only


def test_without_htmx_the_form_is_a_page_of_its_own(client, member):
    page = client.get(form_url(member)).content.decode()
    assert "<html" in page and "报告闪光言行" in page


def test_a_report_with_the_right_answer_is_stored_and_thanked(
        client, member, yesterday, branch_secretary, cycle):
    response = client.post(form_url(member), filled(member, yesterday), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "感谢您的报告" in response.content.decode()
    deed = Deed.objects.get()
    assert (deed.source, deed.reporter_name, deed.reporter_contact) == (
        "public", "陈奶奶", "13900002222")


@pytest.mark.parametrize("changes, message", [
    ({"answer": "99"}, "答案不对"),
    ({"answer": ""}, ""),
    ({"website": "http://spam.example"}, "提交未被接受"),
    ({"token": "forged"}, "提交未被接受"),
    ({"reporter_name": ""}, ""),
    ({"description": "好事"}, ""),
    ({"occurred_on": "2099-01-01"}, "日期不能晚于今天"),
])
def test_bad_public_reports_are_refused_and_nothing_is_stored(client, member, yesterday,
                                                              changes, message):
    response = client.post(form_url(member), filled(member, yesterday, **changes),
                           HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page and "感谢您的报告" not in page and "<form" in page
    assert not Deed.objects.exists()


def test_a_question_for_another_member_is_refused(client, member, fellow_member, yesterday):
    page = client.post(form_url(member), filled(fellow_member, yesterday)).content.decode()
    assert "提交未被接受" in page and not Deed.objects.exists()


def test_a_question_of_the_suggestion_form_is_refused(client, member, yesterday):
    from chengnuo.suggestions.forms import new_challenge as suggestion_challenge

    token, a, b = suggestion_challenge(member.pk)
    client.post(form_url(member), filled(member, yesterday, token=token, answer=str(a + b)))
    assert not Deed.objects.exists()


def test_more_than_five_attempts_in_ten_minutes_get_429(client, member, yesterday):
    for _ in range(5):
        assert client.post(form_url(member), filled(member, yesterday)).status_code == 200
    response = client.post(form_url(member), filled(member, yesterday), HTTP_HX_REQUEST="true")
    assert response.status_code == 429 and "提交过于频繁" in response.content.decode()
    assert Deed.objects.count() == 5


def test_the_rate_limit_is_per_client_and_member(client, member, fellow_member, yesterday):
    for _ in range(5):
        client.post(form_url(member), filled(member, yesterday), REMOTE_ADDR="10.0.0.1")
    assert client.post(form_url(member), filled(member, yesterday),
                       REMOTE_ADDR="10.0.0.2").status_code == 200
    assert client.post(form_url(fellow_member), filled(fellow_member, yesterday),
                       REMOTE_ADDR="10.0.0.1").status_code == 200


def test_a_post_without_csrf_token_is_refused(member, yesterday):
    response = Client(enforce_csrf_checks=True).post(form_url(member), filled(member, yesterday))
    assert response.status_code == 403 and not Deed.objects.exists()


def test_an_unknown_member_is_404(client):
    assert client.get(reverse("deeds:public_form", args=["nobody"])).status_code == 404


# ---- the member page ------------------------------------------------------------------------

def test_the_member_page_shows_verified_deeds_with_public_photos_and_stars(
        client, member, report, branch_secretary, branch, cycle):
    deed = services.deed_verify(actor=branch_secretary, deed=report(uploads=[image_upload()]))
    report(description="这一条还在等待核实，不应出现在公开页上。")
    services.star_name(actor=branch_secretary, organization=branch, cycle=cycle, quarter=1,
                       member=member, deed=deed, citation="邻里互助的好榜样")
    response = client.get(reverse("boards:member", args=[member.public_id]))
    page = response.content.decode()
    assert DEED in page and "等待核实" not in page
    assert reverse("evidence:file", args=[deed.evidence.get().pk]) in page
    assert "邻里互助的好榜样" in page and "闪光言行之星" in page
    assert f'hx-get="{form_url(member)}"' in page and "报告这位党员的闪光言行" in page
    assert "csrfmiddlewaretoken" not in page and not response.cookies


def test_the_member_page_query_count_does_not_grow_with_deeds(
        client, member, report, branch_secretary, branch, cycle, django_assert_num_queries):
    url = reverse("boards:member", args=[member.public_id])
    deed = services.deed_verify(actor=branch_secretary, deed=report(uploads=[image_upload()]))
    services.star_name(actor=branch_secretary, organization=branch, cycle=cycle, quarter=1,
                       member=member, deed=deed, citation="榜样")
    few = _public_count(client, url)
    for _ in range(6):
        services.deed_verify(actor=branch_secretary, deed=report(uploads=[image_upload()]))
    cache.clear()
    with django_assert_num_queries(few):
        client.get(url)


# ---- the board and the regional list ---------------------------------------------------------

def _star(branch, secretary, cycle, yesterday, *, member=None):
    member = member or MemberFactory(organization=branch)
    deed = services.deed_verify(actor=secretary, deed=services.deed_report(
        actor=secretary, member=member, occurred_on=yesterday, description=DEED))
    return services.star_name(actor=secretary, organization=branch, cycle=cycle, quarter=1,
                              member=member, deed=deed, citation=f"{member.name}是榜样")


def test_the_board_shows_the_cycles_stars_and_the_lists_they_are_on(
        client, branch, branch_secretary, county, county_admin, cycle, yesterday):
    star = _star(branch, branch_secretary, cycle, yesterday)
    services.star_list_publish(actor=county_admin, organization=county, year=cycle.year,
                               quarter=1, title="西湖区第一季度闪光言行之星", stars=[star])
    response = client.get(reverse("organizations:public", args=[branch.slug]))
    page = response.content.decode()
    assert star.citation in page and "西湖区第一季度闪光言行之星" in page
    assert reverse("deeds:public_list", args=[county.slug, cycle.year, 1]) in page
    assert not response.cookies
    county_page = client.get(reverse("organizations:public", args=[county.slug])).content
    assert "西湖区第一季度闪光言行之星" in county_page.decode()


def test_the_board_query_count_does_not_grow_with_stars(
        client, branch, branch_secretary, county, county_admin, cycle, yesterday,
        django_assert_num_queries):
    url = reverse("organizations:public", args=[branch.slug])
    first = _star(branch, branch_secretary, cycle, yesterday)
    services.star_list_publish(actor=county_admin, organization=county, year=cycle.year,
                               quarter=1, title="西湖区榜单", stars=[first])
    few = _public_count(client, url)
    for _ in range(5):
        _star(branch, branch_secretary, cycle, yesterday)
    cache.clear()
    with django_assert_num_queries(few):
        client.get(url)


def test_the_public_list_shows_each_star_with_the_ledger_fingerprint(
        client, branch, branch_secretary, county, county_admin, cycle, yesterday):
    stars = [_star(branch, branch_secretary, cycle, yesterday) for _ in range(2)]
    star_list = services.star_list_publish(actor=county_admin, organization=county,
                                           year=cycle.year, quarter=1, title="西湖区榜单",
                                           stars=stars)
    response = client.get(reverse("deeds:public_list", args=[county.slug, cycle.year, 1]))
    page = response.content.decode()
    assert all(star.citation in page for star in stars)
    assert star_list.ledger_entry.fingerprint in page
    assert not response.cookies and "public" in response["Cache-Control"]


def test_the_public_list_query_count_does_not_grow_with_stars(
        client, branch, branch_secretary, committee, county, county_admin, cycle, yesterday,
        django_assert_num_queries):
    few_stars = [_star(branch, branch_secretary, cycle, yesterday)]
    services.star_list_publish(actor=county_admin, organization=committee.parent,
                               year=cycle.year, quarter=1, title="街道榜单", stars=few_stars)
    few = _public_count(client, reverse("deeds:public_list",
                                        args=[committee.parent.slug, cycle.year, 1]))
    many = [_star(branch, branch_secretary, cycle, yesterday) for _ in range(6)]
    services.star_list_publish(actor=county_admin, organization=county, year=cycle.year,
                               quarter=1, title="西湖区榜单", stars=many)
    cache.clear()
    with django_assert_num_queries(few):
        client.get(reverse("deeds:public_list", args=[county.slug, cycle.year, 1]))


def test_a_list_not_published_is_404(client, county, cycle):
    url = reverse("deeds:public_list", args=[county.slug, cycle.year, 2])
    assert client.get(url).status_code == 404
