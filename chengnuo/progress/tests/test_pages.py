"""The logged-in progress pages: an item's schedule, history and report form; the
organization's progress; the links into them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chengnuo.pledges import services as pledge_services
from chengnuo.progress.models import ProgressReport
from chengnuo.progress.services import progress_report
from chengnuo.tests.factories import MemberFactory, UserFactory

from .conftest import DAY, first_item, forged, jpeg


@pytest.fixture
def pledge(publish, member, member_user, time_machine):
    pledge = publish(member=member, actor=member_user)
    time_machine.move_to(timezone.now() + 20 * DAY, tick=False)
    return pledge


def url(item) -> str:
    return reverse("progress:item", args=[item.pk])


def post(client, item, **fields):
    data = {"reported_on": timezone.localdate().isoformat(), "percent": "40",
            "narrative": "走访了三户困难群众，送去了米和油。", "milestone": ""}
    data.update(fields)
    return client.post(url(item), data)


def report(actor, item, percent, **fields):
    return progress_report(actor=actor, item=item, reported_on=timezone.localdate(),
                           percent=percent, narrative=fields.pop("narrative", "走访两户"),
                           **fields)


def count_queries(client, address) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


# ---- the item page ----------------------------------------------------------------------

def test_the_owner_sees_the_schedule_and_the_report_form(client, pledge, member_user):
    client.force_login(member_user)
    page = client.get(url(first_item(pledge))).content.decode()
    assert "履诺进度" in page and "进度表" in page and "第1阶段完成" in page
    assert 'id="item-status"' in page and "按计划" in page
    assert 'name="percent"' in page and 'name="evidence"' in page and "multiple" in page
    assert f'value="{timezone.localdate().isoformat()}"' in page
    assert 'aria-valuenow="0"' in page


def test_the_item_page_leads_to_the_organizations_progress(client, pledge, member_user,
                                                          branch):
    client.force_login(member_user)
    page = client.get(url(first_item(pledge))).content.decode()
    assert reverse("progress:organization", args=[branch.slug]) in page


def test_the_owner_reports_with_a_photo_and_sees_it_in_the_history(client, pledge,
                                                                   member_user):
    client.force_login(member_user)
    item = first_item(pledge)
    milestone = item.milestones.order_by("due_date").first()
    response = post(client, item, milestone=str(milestone.pk), evidence=[jpeg()])
    assert response.status_code == 302 and response.url.endswith("#history")
    item.refresh_from_db()
    assert item.percent == 40
    page = client.get(url(item)).content.decode()
    assert "走访了三户困难群众" in page and "达成节点：第1阶段完成" in page
    photo = ProgressReport.objects.get().evidence.get()
    assert reverse("evidence:file", args=[photo.pk]) in page
    assert "进展已报告，公开栏上可以看到。" in page


def test_a_refused_report_shows_the_reason_beside_the_field_and_changes_nothing(
        client, pledge, member_user):
    client.force_login(member_user)
    item = first_item(pledge)
    report(member_user, item, 50)
    response = post(client, item, percent="30", evidence=[forged()])
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="progress_percent-errors"' in page and "进度不能倒退" in page
    assert ProgressReport.objects.count() == 1


def test_a_forged_photo_is_refused_beside_the_file_field(client, pledge, member_user):
    client.force_login(member_user)
    item = first_item(pledge)
    response = post(client, item, evidence=[forged()])
    assert response.status_code == 200
    assert 'id="progress_evidence-errors"' in response.content.decode()
    item.refresh_from_db()
    assert item.percent == 0 and not ProgressReport.objects.exists()


def test_the_secretary_sees_a_members_progress_without_a_form_and_cannot_post(
        client, pledge, branch_secretary):
    client.force_login(branch_secretary)
    item = first_item(pledge)
    page = client.get(url(item)).content.decode()
    assert "履诺进度" in page and 'name="percent"' not in page
    response = post(client, item)
    assert response.status_code == 302
    assert not ProgressReport.objects.exists()


def test_the_secretary_gets_the_form_for_an_oral_pledge(client, publish, branch,
                                                        branch_secretary, time_machine):
    import datetime

    elder = MemberFactory(organization=branch, retired=True,
                          birth_date=datetime.date(1938, 3, 1))
    pledge = publish(member=elder, oral=True)
    client.force_login(branch_secretary)
    page = client.get(url(first_item(pledge))).content.decode()
    assert 'name="percent"' in page and "代" in page


def test_someone_outside_the_subtree_gets_404(client, pledge, other_secretary):
    client.force_login(other_secretary)
    assert client.get(url(first_item(pledge))).status_code == 404
    assert post(client, first_item(pledge)).status_code == 404


def test_a_fellow_member_gets_404(client, pledge, branch):
    fellow = MemberFactory(organization=branch, user=UserFactory())
    client.force_login(fellow.user)
    assert client.get(url(first_item(pledge))).status_code == 404


def test_the_page_asks_to_log_in(client, pledge):
    response = client.get(url(first_item(pledge)))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_an_older_copy_of_the_item_leads_to_the_published_one(client, pledge, member_user,
                                                              branch_secretary):
    from chengnuo.tests.factories import ALL_CRITERIA

    old = first_item(pledge)
    pledge_services.pledge_amend(actor=member_user, pledge=pledge, reason="补充")
    pledge_services.pledge_submit(actor=member_user, pledge=pledge)
    pledge_services.pledge_review(actor=branch_secretary, pledge=pledge, decision="approved",
                                  criteria_met=ALL_CRITERIA)
    pledge_services.pledge_publish(actor=branch_secretary, pledge=pledge)
    pledge.refresh_from_db()
    client.force_login(member_user)
    response = client.get(url(old))
    assert response.status_code == 302
    assert response.url == url(first_item(pledge))


def test_an_unpublished_item_says_progress_comes_after_publication(client, cycle, member,
                                                                   member_user):
    pledge = pledge_services.pledge_start(actor=member_user, cycle=cycle, member=member)
    item = pledge_services.item_add(actor=member_user, pledge=pledge, category="lead_service",
                                    content="每月走访困难群众不少于2户")
    client.force_login(member_user)
    page = client.get(url(item)).content.decode()
    assert "承诺公开后才能报告履诺进展" in page and 'name="percent"' not in page


def test_the_item_page_query_count_does_not_grow_with_reports(client, pledge, member_user):
    client.force_login(member_user)
    item = first_item(pledge)
    report(member_user, item, 10, uploads=[jpeg()])
    few = count_queries(client, url(item))
    for percent in (20, 30, 40, 50):
        report(member_user, item, percent, uploads=[jpeg(), jpeg("b.jpg")])
    assert count_queries(client, url(item)) == few


# ---- links into the item page ------------------------------------------------------------

def test_the_pledge_page_links_each_published_item_to_report_progress(client, pledge,
                                                                     member_user):
    client.force_login(member_user)
    page = client.get(reverse("pledges:detail", args=[pledge.pk])).content.decode()
    for item in pledge.published_version.items.all():
        assert f'href="{url(item)}"' in page
    assert "报告进展" in page


def test_my_commitments_lists_the_published_items_with_their_progress(client, pledge,
                                                                      member_user):
    client.force_login(member_user)
    item = first_item(pledge)
    report(member_user, item, 35)
    page = client.get(reverse("pledges:mine")).content.decode()
    assert f'href="{url(item)}"' in page and "进度 35%" in page and "报告进展" in page


def test_the_members_record_page_shows_their_progress_chart(client, pledge, member_user,
                                                            member):
    client.force_login(member_user)
    report(member_user, first_item(pledge), 35)
    page = client.get(reverse("members:detail", args=[member.pk])).content.decode()
    assert f'id="progress-member-{member.pk}-data"' in page and "echarts.min.js" in page


# ---- the organization's progress ---------------------------------------------------------

def org_url(branch, **params) -> str:
    from urllib.parse import urlencode

    address = reverse("progress:organization", args=[branch.slug])
    return address + ("?" + urlencode(params) if params else "")


def test_the_organization_page_lists_every_published_item_with_its_status(
        client, pledge, publish, branch, branch_secretary, fellow_member):
    own = publish(organization=branch)
    publish(member=fellow_member)
    report(branch_secretary, first_item(own), 100)
    client.force_login(branch_secretary)
    page = client.get(org_url(branch)).content.decode()
    assert "已公开的事项 9 项" in page  # three pledges of three items
    assert "王秀英" in page and "李建国" in page and "第一党支部" in page
    assert "已完成 1" in page.replace("</span> ", " ")
    assert 'id="org-status-data"' in page and 'id="org-owner-data"' in page


def test_the_organization_page_filters_by_status(client, pledge, branch, branch_secretary,
                                                 member_user, time_machine):
    done = first_item(pledge)
    report(member_user, done, 100)
    client.force_login(branch_secretary)
    page = client.get(org_url(branch, status="done")).content.decode()
    assert page.count('href="/items/') == 1 and f'href="{url(done)}"' in page
    # Past the milestones' dates nothing else is on schedule any more.
    time_machine.move_to(timezone.now() + 60 * DAY, tick=False)
    client.force_login(branch_secretary)  # a new day, a new session
    page = client.get(org_url(branch, status="overdue")).content.decode()
    assert page.count('href="/items/') == 2 and f'href="{url(done)}"' not in page


def test_an_unknown_status_filter_shows_everything(client, pledge, branch, branch_secretary):
    client.force_login(branch_secretary)
    page = client.get(org_url(branch, status="nonsense")).content.decode()
    assert page.count('href="/items/') == 3


def test_the_organization_page_is_paginated(client, pledge, branch, branch_secretary):
    from chengnuo.progress import views

    client.force_login(branch_secretary)
    views.ORGANIZATION_PAGE_SIZE, saved = 2, views.ORGANIZATION_PAGE_SIZE
    try:
        page = client.get(org_url(branch)).content.decode()
    finally:
        views.ORGANIZATION_PAGE_SIZE = saved
    assert page.count('href="/items/') == 2 and "page=2" in page


def test_the_organization_page_is_404_outside_the_subtree(client, pledge, branch,
                                                          other_secretary):
    client.force_login(other_secretary)
    assert client.get(org_url(branch)).status_code == 404


def test_the_organization_page_query_count_does_not_grow_with_items(
        client, pledge, publish, branch, branch_secretary):
    client.force_login(branch_secretary)
    few = count_queries(client, org_url(branch))
    for _ in range(3):
        publish(member=MemberFactory(organization=branch), items=4)
    publish(organization=branch, items=3)
    assert count_queries(client, org_url(branch)) == few
    assert count_queries(client, org_url(branch, status="overdue")) == few
