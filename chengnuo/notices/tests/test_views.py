"""The logged-in notice pages: lists, issuing, a notice, an order."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chengnuo.evidence.tests.files import image_upload
from chengnuo.notices import services
from chengnuo.notices.models import Notice
from chengnuo.tests.factories import MemberFactory, OrganizationFactory

from .conftest import DAY, criticize, overdue_record

pytestmark = pytest.mark.django_db


def count(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def many_notices(county_admin, county, committee, record, n: int) -> None:
    for _ in range(n):
        branch = OrganizationFactory(kind="branch", parent=committee)
        person = MemberFactory(organization=branch)
        criticize(county_admin, county, organizations=[branch], members=[person],
                  records=[record], orders=[branch, person])


# ---- lists --------------------------------------------------------------------------------

def test_the_notices_list_shows_the_subtrees_notices(client, county_admin, criticism,
                                                     branch, other_branch):
    client.force_login(county_admin)
    page = client.get(reverse("notices:list", args=[branch.slug])).content.decode()
    assert criticism.title in page and "第一党支部" in page
    assert "1 项未办结" in page


def test_the_notices_list_of_another_subtree_is_404(client, other_secretary, branch):
    client.force_login(other_secretary)
    assert client.get(reverse("notices:list", args=[branch.slug])).status_code == 404


def test_notices_list_query_count_does_not_grow(client, county_admin, county, committee,
                                                record):
    client.force_login(county_admin)
    url = reverse("notices:list", args=[county.slug])
    many_notices(county_admin, county, committee, record, 1)
    few = count(client, url)
    many_notices(county_admin, county, committee, record, 6)
    assert count(client, url) == few


def test_orders_list_filters_by_state(client, county_admin, county, answered, branch,
                                      committee, record):
    other = criticize(county_admin, county, organizations=[committee], records=[record],
                      orders=[committee]).rectifications.get()
    client.force_login(county_admin)
    url = reverse("notices:rectifications", args=[county.slug])
    page = client.get(url + "?state=answered").content.decode()
    assert f'id="order-{answered.pk}"' in page and f'id="order-{other.pk}"' not in page
    page = client.get(url + "?state=open").content.decode()
    assert f'id="order-{answered.pk}"' not in page and f'id="order-{other.pk}"' in page
    page = client.get(url).content.decode()
    assert f'id="order-{answered.pk}"' in page and f'id="order-{other.pk}"' in page
    assert f'id="order-{answered.pk}"' not in client.get(url + "?state=closed").content.decode()


def test_orders_list_query_count_does_not_grow(client, county_admin, county, committee,
                                               record):
    client.force_login(county_admin)
    url = reverse("notices:rectifications", args=[county.slug])
    many_notices(county_admin, county, committee, record, 1)
    few = count(client, url)
    many_notices(county_admin, county, committee, record, 6)
    assert count(client, url) == few


def test_the_organization_page_links_to_notices(client, county_admin, branch_secretary,
                                                county, branch):
    client.force_login(county_admin)
    page = client.get(reverse("organizations:detail", args=[county.slug])).content.decode()
    assert reverse("notices:new", args=[county.slug]) in page
    assert reverse("notices:rectifications", args=[county.slug]) in page
    client.force_login(branch_secretary)
    page = client.get(reverse("organizations:detail", args=[branch.slug])).content.decode()
    assert reverse("notices:list", args=[branch.slug]) in page


# ---- issuing ------------------------------------------------------------------------------

def test_the_issue_form_preselects_the_records_and_their_targets(client, county_admin,
                                                                 county, branch, member,
                                                                 other_branch):
    mine = overdue_record(branch, key="item:a")
    theirs = overdue_record(member.organization, member=member, key="item:b",
                            text="王秀英的承诺逾期")
    far = overdue_record(other_branch, key="item:far", text="别的区的记录")
    client.force_login(county_admin)
    url = reverse("notices:new", args=[county.slug])
    page = client.get(f"{url}?records={mine.pk},{theirs.pk},{far.pk}").content.decode()
    assert "走访困难群众未按期完成" in page and "王秀英的承诺逾期" in page
    assert "别的区的记录" not in page
    assert f'value="organization-{branch.pk}" id="check-organization-{branch.pk}" checked' in page
    assert f'value="member-{member.pk}" id="check-member-{member.pk}" checked' in page


def test_issuing_through_the_form(client, county_admin, county, branch, record):
    client.force_login(county_admin)
    url = reverse("notices:new", args=[county.slug]) + f"?records={record.pk}"
    deadline = (timezone.localdate() + 10 * DAY).isoformat()
    value = f"organization-{branch.pk}"
    response = client.post(url, {
        "kind": "criticism", "title": "关于逾期的通报", "body": "现予通报批评。",
        "records": [str(record.pk)], "targets": [value],
        f"requirement_{value}": "一周内补齐记录", f"deadline_{value}": deadline,
        "issue": "1"})
    notice = Notice.objects.get()
    assert response.status_code == 302 and response.url == f"/notices/{notice.pk}/"
    order = notice.rectifications.get()
    assert order.organization == branch and order.requirement == "一周内补齐记录"


def test_finding_targets_keeps_what_was_typed(client, county_admin, county, branch, member):
    client.force_login(county_admin)
    url = reverse("notices:new", args=[county.slug])
    page = client.post(url, {"kind": "commendation", "title": "表扬王秀英", "body": "正文",
                             "q": "王秀", "find": "1"}).content.decode()
    assert not Notice.objects.exists()
    assert 'value="表扬王秀英"' in page and f'value="member-{member.pk}"' in page
    assert "errorlist" not in page


def test_a_refused_notice_shows_why_and_issues_nothing(client, county_admin, county, branch):
    client.force_login(county_admin)
    response = client.post(reverse("notices:new", args=[county.slug]), {
        "kind": "criticism", "title": "通报", "body": "正文",
        "targets": [f"organization-{branch.pk}"], "issue": "1"})
    assert response.status_code == 200 and not Notice.objects.exists()
    assert "通报批评须引用至少一条逾期记录" in response.content.decode()


def test_a_target_outside_the_subtree_cannot_be_posted(client, county_admin, county,
                                                       other_branch, record):
    client.force_login(county_admin)
    response = client.post(reverse("notices:new", args=[county.slug]), {
        "kind": "criticism", "title": "通报", "body": "正文", "records": [str(record.pk)],
        "targets": [f"organization-{other_branch.pk}"], "issue": "1"})
    assert response.status_code == 200 and not Notice.objects.exists()


def test_a_secretary_cannot_issue_for_the_county(client, branch_secretary, county, branch):
    client.force_login(branch_secretary)
    assert client.get(reverse("notices:new", args=[county.slug])).status_code == 404


def test_a_member_cannot_open_the_issue_form(client, member_user, branch):
    client.force_login(member_user)
    assert client.get(reverse("notices:new", args=[branch.slug])).status_code == 404


# ---- a notice -----------------------------------------------------------------------------

def test_the_notice_page_shows_its_orders_and_the_withdraw_form(client, county_admin,
                                                                criticism, order):
    client.force_login(county_admin)
    page = client.get(reverse("notices:detail", args=[criticism.pk])).content.decode()
    assert order.requirement in page and 'id="withdraw"' in page
    assert "没有修改" not in page


def test_a_member_of_the_branch_reads_the_notice_but_may_not_withdraw(client, member_user,
                                                                      criticism):
    client.force_login(member_user)
    page = client.get(reverse("notices:detail", args=[criticism.pk])).content.decode()
    assert criticism.title in page and 'id="withdraw"' not in page


def test_the_notice_page_is_404_outside_reach(client, other_secretary, criticism):
    client.force_login(other_secretary)
    assert client.get(reverse("notices:detail", args=[criticism.pk])).status_code == 404


def test_withdrawing_through_the_page(client, county_admin, criticism):
    client.force_login(county_admin)
    url = reverse("notices:withdraw", args=[criticism.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    response = client.post(url, {"reason": "记录有误"})
    assert response.status_code == 302
    criticism.refresh_from_db()
    assert criticism.is_withdrawn
    page = client.get(reverse("notices:detail", args=[criticism.pk])).content.decode()
    assert "记录有误" in page and 'id="withdraw"' not in page


def test_there_is_no_way_to_edit_a_notice(client, county_admin, criticism):
    client.force_login(county_admin)
    assert client.post(f"/notices/{criticism.pk}/edit/", {"title": "改"}).status_code == 404


# ---- an order -----------------------------------------------------------------------------

def test_the_target_answers_on_the_order_page_with_a_photo(client, branch_secretary, order):
    client.force_login(branch_secretary)
    url = reverse("notices:rectification", args=[order.pk])
    page = client.get(url).content.decode()
    assert 'id="answer"' in page and 'id="decision"' not in page
    response = client.post(reverse("notices:answer", args=[order.pk]),
                           {"text": "已整改", "evidence": [image_upload()]})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.state == "answered"
    evidence = order.answers.get().evidence.get()
    page = client.get(url).content.decode()
    assert reverse("evidence:file", args=[evidence.pk]) in page


def test_the_issuer_decides_on_the_order_page(client, county_admin, answered):
    client.force_login(county_admin)
    url = reverse("notices:rectification", args=[answered.pk])
    page = client.get(url).content.decode()
    assert 'id="decision"' in page and 'id="answer"' not in page
    response = client.post(reverse("notices:decide", args=[answered.pk]),
                           {"text": "整改到位", "decision": "accept"})
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.state == "accepted" and answered.result == "整改到位"


def test_the_target_posting_a_decision_is_told_why(client, branch_secretary, answered):
    client.force_login(branch_secretary)
    response = client.post(reverse("notices:decide", args=[answered.pk]),
                           {"text": "自己通过", "decision": "accept"})
    assert response.status_code == 200
    assert "只有发文组织" in response.content.decode()
    answered.refresh_from_db()
    assert answered.state == "answered"


def test_the_order_page_is_404_outside_reach(client, other_secretary, order):
    client.force_login(other_secretary)
    assert client.get(reverse("notices:rectification", args=[order.pk])).status_code == 404


def test_answer_evidence_is_seen_within_reach_only_until_accepted(
        client, county_admin, branch_secretary, other_secretary, order):
    from chengnuo.evidence.access import may_view

    reply = services.rectification_answer(actor=branch_secretary, rectification=order,
                                          text="已整改", uploads=[image_upload()])
    evidence = reply.evidence.get()
    assert may_view(county_admin, evidence)
    assert not may_view(other_secretary, evidence)
    services.rectification_accept(actor=county_admin, rectification=order, result="到位")
    evidence.refresh_from_db()
    assert may_view(other_secretary, evidence)


def test_a_member_opens_a_notice_about_a_fellow_member_from_the_branchs_list(
        client, county_admin, county, branch, member_user, fellow_member, record):
    notice = criticize(county_admin, county, members=[fellow_member], records=[record])
    client.force_login(member_user)
    page = client.get(reverse("notices:list", args=[branch.slug])).content.decode()
    assert reverse("notices:detail", args=[notice.pk]) in page
    assert client.get(reverse("notices:detail", args=[notice.pk])).status_code == 200
