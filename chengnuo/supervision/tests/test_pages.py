"""The quarter pages (facts, filing, the filed review and its versions, correcting) and a
superior's overdue view: who reaches them, what they show, and flat query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chengnuo.supervision.models import OverdueRecord, QuarterlyReview
from chengnuo.supervision.services import quarterly_review_correct, quarterly_review_file
from chengnuo.supervision.sweep import sweep_overdue
from chengnuo.tests.factories import MemberFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db


def quarter_url(organization, quarter=1, year=2025):
    return reverse("supervision:quarter", args=[organization.slug, year, quarter])


def file_now(actor, organization, cycle, quarter=1, rating="good"):
    return quarterly_review_file(
        actor=actor, organization=organization, cycle=cycle, quarter=quarter,
        summary="本季度总体顺利。",
        comments={m.pk: (rating, "按时履诺。") for m in organization.members.all()})


def form_data(members, **extra):
    data = {"summary": "本季度走访困难群众32户次，两项承诺按期完成。"}
    for m in members:
        data[f"rating_{m.pk}"] = "fairly_good"
        data[f"words_{m.pk}"] = f"{m.name}履诺积极。"
    return data | extra


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


# ---- the quarters ---------------------------------------------------------------------------

def test_the_quarters_page_shows_each_quarter_filed_missing_or_not_yet_due(
        client, branch_secretary, branch, cycle, member, travel):
    travel(datetime.date(2025, 3, 30))
    file_now(branch_secretary, branch, cycle, quarter=1)
    travel(datetime.date(2025, 7, 2))
    client.force_login(branch_secretary)
    response = client.get(reverse("supervision:quarters", args=[branch.slug]))
    assert [q.state for q in response.context["quarters"]] == [
        "filed", "missing", "open", "upcoming"]
    page = response.content.decode()
    assert "已提交" in page and "缺交：本季度已结束" in page and "未到时间" in page
    assert quarter_url(branch, 2) + "#review-form" in page


@pytest.mark.parametrize("who", ["member_user", "other_secretary"])
def test_a_plain_member_and_another_county_get_404(request, client, who, branch, cycle):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("supervision:quarters", args=[branch.slug])).status_code == 404
    assert client.get(quarter_url(branch)).status_code == 404
    assert client.get(reverse("supervision:overdue", args=[branch.slug])).status_code == 404


def test_an_administrative_level_has_no_quarter_pages(client, county_admin, township, cycle):
    client.force_login(county_admin)
    assert client.get(reverse("supervision:quarters", args=[township.slug])).status_code == 404


def test_a_year_without_a_cycle_or_a_fifth_quarter_is_404(client, branch_secretary, branch,
                                                          cycle):
    client.force_login(branch_secretary)
    assert client.get(quarter_url(branch, 1, year=2019)).status_code == 404
    assert client.get(quarter_url(branch, 5)).status_code == 404


def test_the_organization_page_links_to_supervision_for_role_holders_only(
        client, branch_secretary, member_user, branch):
    detail = reverse("organizations:detail", args=[branch.slug])
    client.force_login(branch_secretary)
    page = client.get(detail).content.decode()
    assert reverse("supervision:quarters", args=[branch.slug]) in page
    assert reverse("supervision:overdue", args=[branch.slug]) in page
    client.force_login(member_user)
    assert reverse("supervision:quarters", args=[branch.slug]) not in client.get(
        detail).content.decode()


# ---- one quarter ----------------------------------------------------------------------------

def test_the_secretary_sees_the_facts_and_a_form_prefilled_from_them(
        client, branch_secretary, branch, cycle, member, fellow_member, publish):
    publish(member=member)
    client.force_login(branch_secretary)
    response = client.get(quarter_url(branch))
    page = response.content.decode()
    assert 'id="facts-table"' in page and f'id="facts-member-{member.pk}"' in page
    assert f'name="rating_{member.pk}"' in page and f'name="words_{fellow_member.pk}"' in page
    form = response.context["form"]
    assert form[f"words_{fellow_member.pk}"].value() == "本年度没有公开的承诺。"
    assert "本季度到期0项，完成0项" in form[f"words_{member.pk}"].value()
    # The rating is the secretary's judgement: none is chosen beforehand.
    assert form[f"rating_{member.pk}"].value() is None
    assert f'for="id_rating_{member.pk}_0"' in page


def test_a_reviewer_of_the_county_sees_the_facts_without_a_form(client, county_reviewer,
                                                                 branch, cycle, member):
    client.force_login(county_reviewer)
    response = client.get(quarter_url(branch))
    assert response.status_code == 200 and response.context["form"] is None
    assert 'id="facts-table"' in response.content.decode()


def test_a_quarter_not_started_offers_no_form(client, branch_secretary, branch, cycle,
                                             member):
    client.force_login(branch_secretary)
    page = client.get(quarter_url(branch, 2)).content.decode()
    assert 'id="not-started"' in page and 'id="review-form"' not in page


def test_posting_the_form_files_the_review(client, branch_secretary, branch, cycle, member,
                                          fellow_member):
    client.force_login(branch_secretary)
    response = client.post(quarter_url(branch), form_data([member, fellow_member]))
    assert response.status_code == 302 and response.url == quarter_url(branch)
    review = QuarterlyReview.objects.get()
    assert review.comments.get(member=member).words == "王秀英履诺积极。"
    page = client.get(quarter_url(branch)).content.decode()
    assert 'id="filed-review"' in page and "本季度走访困难群众32户次" in page
    assert "较好" in page and "更正本次督诺" in page


def test_a_form_missing_a_rating_is_shown_again_with_the_error_and_files_nothing(
        client, branch_secretary, branch, cycle, member, fellow_member):
    client.force_login(branch_secretary)
    data = form_data([member, fellow_member])
    del data[f"rating_{member.pk}"]
    response = client.post(quarter_url(branch), data)
    assert response.status_code == 400
    assert response.context["form"].errors == {f"rating_{member.pk}": ["请为王秀英选择评价等次。"]}
    assert not QuarterlyReview.objects.exists()


def test_someone_who_may_not_file_cannot_post(client, county_reviewer, branch, cycle, member):
    client.force_login(county_reviewer)
    assert client.post(quarter_url(branch), form_data([member])).status_code == 404
    assert not QuarterlyReview.objects.exists()


def test_the_correction_form_files_a_new_version_and_both_stay_visible(
        client, branch_secretary, branch, cycle, member, fellow_member):
    file_now(branch_secretary, branch, cycle)
    client.force_login(branch_secretary)
    refused = client.post(quarter_url(branch), form_data([member, fellow_member]))
    assert refused.status_code == 400 and "reason" in refused.context["form"].errors
    response = client.post(quarter_url(branch), form_data([member, fellow_member],
                                                          reason="补充第二季度初的走访"))
    assert response.status_code == 302
    assert list(QuarterlyReview.objects.values_list("number", flat=True)) == [1, 2]
    latest = client.get(quarter_url(branch))
    assert [v.number for v in latest.context["versions"]] == [1, 2]
    assert "补充第二季度初的走访" in latest.content.decode()
    first = client.get(quarter_url(branch) + "?version=1").content.decode()
    assert 'id="superseded-note"' in first and "本季度总体顺利。" in first
    assert 'id="review-form"' not in first


def test_the_filed_version_shows_the_facts_it_was_written_from(
        client, branch_secretary, branch, cycle, member, publish, travel):
    file_now(branch_secretary, branch, cycle)
    publish(member=member)  # after filing: the filed facts do not change
    client.force_login(branch_secretary)
    response = client.get(quarter_url(branch))
    assert response.context["facts"].totals.items == 0
    # The correction form starts from the facts of today.
    assert sum(row["member"].facts.items for row in response.context["form"].rows) == 3


def _members_with_pledges(branch, publish, count):
    for _ in range(count):
        publish(member=MemberFactory(organization=branch, user=UserFactory()))


def test_the_quarter_page_costs_the_same_queries_for_2_or_8_members(
        client, branch_secretary, branch, cycle, publish):
    client.force_login(branch_secretary)
    _members_with_pledges(branch, publish, 2)
    small = queries(client, quarter_url(branch))
    _members_with_pledges(branch, publish, 6)
    assert queries(client, quarter_url(branch)) == small


def test_the_filed_quarter_page_costs_the_same_queries_for_2_or_8_members(
        client, branch_secretary, branch, cycle, publish):
    client.force_login(branch_secretary)
    _members_with_pledges(branch, publish, 2)
    file_now(branch_secretary, branch, cycle)
    small = queries(client, quarter_url(branch))
    _members_with_pledges(branch, publish, 6)
    QuarterlyReview.objects.all().delete()
    file_now(branch_secretary, branch, cycle)
    assert queries(client, quarter_url(branch)) == small


def test_the_quarters_page_costs_the_same_queries_with_or_without_filings(
        client, branch_secretary, branch, cycle, member, travel):
    url = reverse("supervision:quarters", args=[branch.slug])
    travel(datetime.date(2025, 4, 2))
    client.force_login(branch_secretary)
    empty = queries(client, url)
    file_now(branch_secretary, branch, cycle)
    file_now(branch_secretary, branch, cycle, quarter=2)
    review = QuarterlyReview.objects.get(quarter=2)
    quarterly_review_correct(actor=branch_secretary, review=review, summary="更正",
                             comments={member.pk: ("good", "好")}, reason="补充")
    assert queries(client, url) == empty


# ---- the member's own comments --------------------------------------------------------------

def test_a_member_reads_the_current_comment_of_each_quarter_on_their_record(
        client, branch_secretary, branch, cycle, member, member_user, travel):
    travel(datetime.date(2025, 7, 2))
    first = file_now(branch_secretary, branch, cycle, quarter=1, rating="average")
    quarterly_review_correct(actor=branch_secretary, review=first, summary="更正",
                             comments={member.pk: ("good", "补记闪光言行一件。")},
                             reason="漏记")
    file_now(branch_secretary, branch, cycle, quarter=2, rating="poor")
    client.force_login(member_user)
    response = client.get(reverse("members:detail", args=[member.pk]))
    comments = response.context["comments"]
    assert [(c.review.quarter, c.rating) for c in comments] == [(2, "poor"), (1, "good")]
    page = response.content.decode()
    assert "党组织的季度点评" in page and "补记闪光言行一件。" in page
    assert "第2版" in page


def test_the_member_record_costs_one_query_for_the_comments_however_many(
        client, branch_secretary, branch, cycle, member, member_user, travel):
    travel(datetime.date(2025, 7, 2))
    url = reverse("members:detail", args=[member.pk])
    file_now(branch_secretary, branch, cycle, quarter=1)
    client.force_login(member_user)
    one = queries(client, url)
    file_now(branch_secretary, branch, cycle, quarter=2)
    assert queries(client, url) == one


# ---- the superior's overdue view -----------------------------------------------------------

def test_the_county_sees_whats_overdue_in_its_subtree_with_counts_by_kind(
        client, county_admin, county, branch, committee, cycle, member, publish):
    publish(member=member)
    sweep_overdue(today=datetime.date(2025, 5, 5))
    client.force_login(county_admin)
    response = client.get(reverse("supervision:overdue", args=[county.slug]))
    counts = {code: n for code, _label, n in response.context["counts"]}
    assert counts == {"item": 3, "milestone": 0, "quarterly_review": 2, "rectification": 0}
    assert [row["organization__name"] for row in response.context["missing"]] == [
        "北山社区党委", "第一党支部"]
    page = response.content.decode()
    record = OverdueRecord.objects.filter(kind="item").first()
    assert f'name="records" value="{record.pk}"' in page
    assert f'action="{reverse("notices:new", args=[county.slug])}"' in page
    only_items = client.get(reverse("supervision:overdue", args=[county.slug]),
                            {"kind": "item"})
    assert {r.kind for r in only_items.context["page"]} == {"item"}


def test_records_a_notice_already_cites_are_marked_so_nobody_criticizes_them_twice(
        client, county_admin, county, branch, committee, cycle, member, publish, travel):
    from chengnuo.notices.models import Kind
    from chengnuo.notices.services import notice_issue

    publish(member=member)
    sweep_overdue(today=datetime.date(2025, 5, 5))
    travel(datetime.date(2025, 5, 6))
    cited, *others = OverdueRecord.objects.filter(kind="item").order_by("pk")
    notice_issue(actor=county_admin, issuer=county, kind=Kind.CRITICISM, title="逾期通报",
                 body="部分事项逾期未完成。", members=[member], records=[cited])
    client.force_login(county_admin)
    rows = {r.pk: r.cited for r in client.get(
        reverse("supervision:overdue", args=[county.slug])).context["page"]}
    assert rows[cited.pk] is True and not any(rows[r.pk] for r in others)


def test_a_branch_sees_only_its_own_subtree(client, branch_secretary, branch, committee,
                                            cycle):
    sweep_overdue(today=datetime.date(2025, 4, 2))
    client.force_login(branch_secretary)
    response = client.get(reverse("supervision:overdue", args=[branch.slug]))
    assert [r.organization for r in response.context["page"]] == [branch]
    assert client.get(reverse("supervision:overdue", args=[committee.slug])).status_code == 404


def test_resolved_records_leave_the_view(client, county_admin, county, branch,
                                         branch_secretary, cycle, member, travel):
    sweep_overdue(today=datetime.date(2025, 4, 2))
    travel(datetime.date(2025, 4, 3))
    file_now(branch_secretary, branch, cycle)
    client.force_login(county_admin)
    response = client.get(reverse("supervision:overdue", args=[county.slug]))
    assert [r.organization.name for r in response.context["page"]] == ["北山社区党委"]


def test_the_overdue_view_costs_the_same_queries_for_few_or_many_records(
        client, county_admin, county, township, cycle, publish):
    client.force_login(county_admin)
    url = reverse("supervision:overdue", args=[county.slug])

    def branches(count):
        for _ in range(count):
            branch = OrganizationFactory(kind="branch", parent=township)
            publish(member=MemberFactory(organization=branch, user=UserFactory()),
                    secretary=county_admin)

    branches(2)
    sweep_overdue(today=datetime.date(2025, 5, 5))
    small = queries(client, url)
    branches(6)
    sweep_overdue(today=datetime.date(2025, 5, 6))
    assert OverdueRecord.objects.count() > 30
    assert queries(client, url) == small
