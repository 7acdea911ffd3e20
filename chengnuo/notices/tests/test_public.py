"""What the public sees: the board's notices, the member page's, and a notice's own page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chengnuo.cycles.services import cycle_open
from chengnuo.evidence.tests.files import image_upload
from chengnuo.notices import services
from chengnuo.tests.factories import cycle_dates

from .conftest import criticize

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(county_admin, county):
    dates = cycle_dates()
    return cycle_open(actor=county_admin, organization=county,
                      year=dates["commitment_deadline"].year, **dates)


def board(client, organization) -> str:
    cache.clear()
    return client.get(reverse("organizations:public", args=[organization.slug])
                      ).content.decode()


def public_queries(client, url) -> int:
    """The queries of one uncached view of a public page."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_board_shows_the_notice_and_the_orders_result(client, cycle, county_admin,
                                                          branch_secretary, branch,
                                                          criticism, order):
    page = board(client, branch)
    assert criticism.title in page and "待整改" in page
    assert reverse("notices:public", args=[branch.slug, criticism.pk]) in page
    services.rectification_answer(actor=branch_secretary, rectification=order, text="已整改")
    services.rectification_accept(actor=county_admin, rectification=order,
                                  result="整改到位，记录齐全")
    page = board(client, branch)
    assert "已通过" in page and "整改到位，记录齐全" in page


def test_a_withdrawn_notice_stays_on_the_board_with_its_reason(client, cycle, county_admin,
                                                               branch, criticism):
    services.notice_withdraw(actor=county_admin, notice=criticism, reason="记录有误")
    page = board(client, branch)
    assert criticism.title in page and "已撤回" in page and "记录有误" in page


def test_the_board_of_another_branch_does_not_show_it(client, cycle, other_branch,
                                                      criticism):
    assert criticism.title not in board(client, other_branch)


def test_the_issuers_board_shows_what_it_issued(client, cycle, county, criticism):
    assert criticism.title in board(client, county)


def test_the_board_query_count_does_not_grow_with_notices(client, cycle, county_admin,
                                                          county, branch, member, record):
    criticize(county_admin, county, organizations=[branch], records=[record], orders=[branch])
    url = reverse("organizations:public", args=[branch.slug])
    few = public_queries(client, url)
    for _ in range(4):
        criticize(county_admin, county, organizations=[branch], members=[member],
                  records=[record], orders=[branch, member])
    assert public_queries(client, url) == few


def test_the_member_page_shows_notices_naming_the_member(client, county_admin, county,
                                                         member, fellow_member, record):
    notice = criticize(county_admin, county, members=[member], records=[record],
                       orders=[member], title="关于王秀英同志的通报")
    cache.clear()
    mine = client.get(reverse("boards:member", args=[member.public_id])).content.decode()
    theirs = client.get(reverse("boards:member", args=[fellow_member.public_id])
                        ).content.decode()
    assert notice.title in mine and "补齐走访记录" in mine
    assert notice.title not in theirs


def test_the_member_page_query_count_does_not_grow(client, county_admin, county, member,
                                                   record):
    url = reverse("boards:member", args=[member.public_id])
    criticize(county_admin, county, members=[member], records=[record], orders=[member])
    few = public_queries(client, url)
    for _ in range(3):
        criticize(county_admin, county, members=[member], records=[record], orders=[member])
    assert public_queries(client, url) == few


def test_the_public_notice_page_is_cached_and_sets_no_cookie(client, branch, criticism,
                                                             django_assert_num_queries):
    url = reverse("notices:public", args=[branch.slug, criticism.pk])
    first = client.get(url)
    assert first.status_code == 200 and criticism.body in first.content.decode()
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    assert not first.cookies and "Cookie" not in first.get("Vary", "")
    assert "csrfmiddlewaretoken" not in first.content.decode()
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content


def test_the_public_notice_page_needs_an_organization_it_concerns(client, other_branch,
                                                                  county, criticism):
    assert client.get(reverse("notices:public", args=[other_branch.slug, criticism.pk])
                      ).status_code == 404
    assert client.get(reverse("notices:public", args=[county.slug, criticism.pk])
                      ).status_code == 200
    assert client.get(reverse("notices:public", args=[county.slug, 999999])
                      ).status_code == 404


def test_the_public_page_shows_the_accepted_answer_but_not_a_pending_one(
        client, county_admin, branch_secretary, branch, criticism, order):
    url = reverse("notices:public", args=[branch.slug, criticism.pk])
    services.rectification_answer(actor=branch_secretary, rectification=order,
                                  text="第一次报告的内容", uploads=[image_upload()])
    cache.clear()
    assert "第一次报告的内容" not in client.get(url).content.decode()
    services.rectification_accept(actor=county_admin, rectification=order, result="到位")
    cache.clear()
    page = client.get(url).content.decode()
    evidence = order.answers.get().evidence.get()
    assert "第一次报告的内容" in page and reverse("evidence:file", args=[evidence.pk]) in page
    assert client.get(reverse("evidence:file", args=[evidence.pk])).status_code == 200


def test_notice_text_with_a_script_is_escaped(client, cycle, county_admin, county, branch,
                                              record):
    criticize(county_admin, county, organizations=[branch], records=[record],
              title="<script>alert(1)</script>通报")
    page = board(client, branch)
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
