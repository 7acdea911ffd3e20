"""Progress on the public board and the member page: status, bar, latest reports with
their photos, the summary and the charts; still cacheable, still without cookies."""

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chengnuo.boards.selectors import REPORTS_SHOWN
from chengnuo.evidence.models import Evidence
from chengnuo.progress.services import progress_report

from .conftest import DAY, first_item, jpeg


@pytest.fixture
def pledge(publish, member, member_user, time_machine):
    pledge = publish(member=member, actor=member_user)
    time_machine.move_to(timezone.now() + 20 * DAY, tick=False)
    return pledge


def report(actor, item, percent, narrative="走访两户困难群众", **fields):
    return progress_report(actor=actor, item=item, reported_on=timezone.localdate(),
                           percent=percent, narrative=narrative, **fields)


def get(client, address):
    cache.clear()
    return client.get(address)


def board(client, branch):
    return get(client, reverse("organizations:public", args=[branch.slug]))


def member_page(client, member):
    return get(client, reverse("boards:member", args=[member.public_id]))


def chart_data(page: str, element_id: str) -> dict:
    match = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>',
                      page, re.S)
    assert match, element_id
    return json.loads(match.group(1))


def test_the_board_shows_each_items_status_bar_and_latest_report_with_its_photo(
        client, branch, pledge, member_user):
    item = first_item(pledge)
    result = report(member_user, item, 40, narrative="为王大爷代买药品两次", uploads=[jpeg()])
    page = board(client, branch).content.decode()
    assert 'data-status="on_schedule"' in page and "按计划" in page
    assert 'aria-valuenow="40"' in page and 'aria-valuemin="0"' in page
    assert "进度 40%" in page and "为王大爷代买药品两次" in page
    photo = result.evidence.get()
    assert f'src="{reverse("evidence:file", args=[photo.pk])}"' in page


def test_the_board_shows_the_done_date_and_milestones_reached(client, branch, pledge,
                                                              member_user):
    item = first_item(pledge)
    report(member_user, item, 50, milestone=item.milestones.order_by("due_date").first())
    report(member_user, item, 100)
    page = board(client, branch).content.decode()
    today = timezone.localdate().isoformat()
    assert 'data-status="done"' in page and "完成于" in page
    assert f"{today} 达成" in page


def test_the_board_shows_only_the_latest_reports_of_an_item(client, branch, pledge,
                                                            member_user):
    item = first_item(pledge)
    for n in range(REPORTS_SHOWN + 2):
        report(member_user, item, 10 * (n + 1), narrative=f"第{n + 1}次进展")
    page = board(client, branch).content.decode()
    assert f"第{REPORTS_SHOWN + 2}次进展" in page and "第1次进展" not in page


def test_evidence_not_public_stays_off_the_board(client, branch, pledge, member_user):
    result = report(member_user, first_item(pledge), 40, uploads=[jpeg()])
    Evidence.objects.update(public=False)
    page = board(client, branch).content.decode()
    assert reverse("evidence:file", args=[result.evidence.get().pk]) not in page


def test_the_board_summarises_the_cycle_by_status_with_a_chart(client, branch, pledge,
                                                               member_user, publish):
    report(member_user, first_item(pledge), 100)
    publish(organization=branch)
    page = board(client, branch).content.decode()
    assert "本年度公开的承诺事项共 6 项" in page
    data = chart_data(page, f"progress-summary-{branch.pk}-data")
    assert data["kind"] == "status" and sum(data["values"]) == 6
    assert data["labels"] == ["已逾期", "有风险", "按计划", "已完成"]
    assert data["values"][3] == 1
    assert "progress/charts.js" in page and "echarts.min.js" in page


def test_an_earlier_published_version_shows_no_status(client, branch, pledge, member_user,
                                                      branch_secretary):
    from chengnuo.pledges import services
    from chengnuo.tests.factories import ALL_CRITERIA

    report(member_user, first_item(pledge), 40)
    services.pledge_amend(actor=member_user, pledge=pledge, reason="补充")
    services.pledge_submit(actor=member_user, pledge=pledge)
    services.pledge_review(actor=branch_secretary, pledge=pledge, decision="approved",
                           criteria_met=ALL_CRITERIA)
    services.pledge_publish(actor=branch_secretary, pledge=pledge)
    page = board(client, branch).content.decode()
    history = page[page.index('class="history'):]
    assert "status-badge" not in history
    assert page.count('status-badge" data-status=') == 3  # the published version's items


def test_the_member_page_shows_the_members_chart_with_a_table_to_read(
        client, member, pledge, member_user):
    report(member_user, first_item(pledge), 40)
    page = member_page(client, member).content.decode()
    data = chart_data(page, f"progress-member-{member.pk}-data")
    assert data["kind"] == "items" and len(data["categories"]) == 3
    assert data["series"][0]["values"] == [40, 0, 0]
    assert all(0 <= v <= 100 for v in data["series"][1]["values"])
    assert f'data-fallback="progress-member-{member.pk}"' in page
    assert "按计划应完成" in page and "进度 40%" in page


def test_a_member_without_published_pledges_shows_no_chart(client, fellow_member, pledge):
    page = member_page(client, fellow_member).content.decode()
    assert "progress-member-" not in page


def test_public_pages_with_progress_set_no_cookie(client, branch, member, pledge,
                                                  member_user):
    report(member_user, first_item(pledge), 40, uploads=[jpeg()])
    for response in (board(client, branch), member_page(client, member)):
        assert response.status_code == 200
        assert not response.cookies and "Cookie" not in response.get("Vary", "")
        assert "csrfmiddlewaretoken" not in response.content.decode()


def test_the_member_page_query_count_does_not_grow_with_reports(client, member, pledge,
                                                                member_user):
    items = list(pledge.published_version.items.all())
    report(member_user, items[0], 10, uploads=[jpeg()])

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("boards:member", args=[member.public_id]))
        return len(queries)

    few = count()
    for item in items:
        for percent in (20, 50, 90):
            report(member_user, item, percent, uploads=[jpeg()])
    assert count() == few
