"""The logged-in pages: the queue, the report form, a member's deeds, the stars page and the
regional list form. Query counts stay flat as rows grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chengnuo.deeds import services
from chengnuo.deeds.models import Deed, DeedStar, DeedState, StarList
from chengnuo.evidence.tests.files import image_upload
from chengnuo.tests.factories import MemberFactory, OrganizationFactory, RoleGrantFactory

from .conftest import DEED

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _reports(n, *, branch, actor, yesterday, photo=True):
    for _ in range(n):
        member = MemberFactory(organization=branch)
        services.deed_report(actor=actor, member=member, occurred_on=yesterday,
                             description=DEED, uploads=[image_upload()] if photo else ())


# ---- the queue ------------------------------------------------------------------------------

def test_the_queue_shows_waiting_reports_with_the_public_reporters_contact(
        client, branch_secretary, branch, member, yesterday, cycle):
    services.deed_report_public(member=member, occurred_on=yesterday, description=DEED,
                                reporter_name="陈奶奶", reporter_contact="13900002222")
    client.force_login(branch_secretary)
    page = client.get(reverse("deeds:queue", args=[branch.slug])).content.decode()
    assert DEED in page and "陈奶奶" in page and "13900002222" in page
    assert "核实" in page and "不予认定" in page


def test_the_queue_query_count_does_not_grow_with_reports(
        client, branch_secretary, branch, yesterday, cycle, django_assert_num_queries):
    client.force_login(branch_secretary)
    url = reverse("deeds:queue", args=[branch.slug])
    _reports(2, branch=branch, actor=branch_secretary, yesterday=yesterday)
    deed = Deed.objects.first()
    services.deed_verify(actor=branch_secretary, deed=deed)
    few = _count(client, url)
    _reports(12, branch=branch, actor=branch_secretary, yesterday=yesterday)
    for deed in Deed.objects.filter(state=DeedState.REPORTED)[:5]:
        services.deed_dismiss(actor=branch_secretary, deed=deed, reason="重复报告")
    with django_assert_num_queries(few):
        client.get(url)


def test_a_county_admin_sees_the_subtree_in_the_queue(client, county_admin, county, report):
    report()
    client.force_login(county_admin)
    assert DEED in client.get(reverse("deeds:queue", args=[county.slug])).content.decode()


@pytest.mark.parametrize("who", ["other_secretary", "member_user"])
def test_the_queue_is_404_outside_the_admins_reach(client, branch, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("deeds:queue", args=[branch.slug])).status_code == 404


def test_verifying_in_the_queue_redirects_back_with_a_message(
        client, branch_secretary, branch, report):
    deed = report()
    client.force_login(branch_secretary)
    response = client.post(reverse("deeds:decide", args=[deed.pk]),
                           {"decision": "verify", "note": "已核实",
                            "next": reverse("deeds:queue", args=[branch.slug])}, follow=True)
    assert "已核实：王秀英的事迹已显示在其公开页上。" in response.content.decode()
    deed.refresh_from_db()
    assert deed.state == DeedState.VERIFIED


def test_dismissing_without_a_reason_in_the_queue_says_so_and_changes_nothing(
        client, branch_secretary, report):
    deed = report()
    client.force_login(branch_secretary)
    response = client.post(reverse("deeds:decide", args=[deed.pk]),
                           {"decision": "dismiss", "note": ""}, follow=True)
    assert "请写明不予认定的理由" in response.content.decode()
    deed.refresh_from_db()
    assert deed.state == DeedState.REPORTED


def test_another_countys_secretary_posting_a_decision_gets_404(client, other_secretary, report):
    deed = report()
    client.force_login(other_secretary)
    response = client.post(reverse("deeds:decide", args=[deed.pk]), {"decision": "verify"})
    assert response.status_code == 404


# ---- reporting ------------------------------------------------------------------------------

def test_a_members_report_form_offers_only_their_organizations_members(
        client, member_user, member, fellow_member, other_member, cycle):
    client.force_login(member_user)
    page = client.get(reverse("deeds:report")).content.decode()
    assert member.name in page and fellow_member.name in page
    assert other_member.name not in page


def test_a_member_reports_a_deed_with_a_photo_through_the_form(
        client, member_user, fellow_member, yesterday, cycle):
    client.force_login(member_user)
    response = client.post(reverse("deeds:report"), {
        "member": fellow_member.pk, "occurred_on": yesterday.isoformat(),
        "description": DEED, "uploads": [image_upload()]})
    assert response.status_code == 302 and response.url == reverse("deeds:mine")
    deed = Deed.objects.get()
    assert deed.member == fellow_member and deed.evidence.count() == 1


def test_a_bad_report_is_shown_again_with_the_message(client, member_user, member, cycle):
    client.force_login(member_user)
    response = client.post(reverse("deeds:report"), {
        "member": member.pk, "occurred_on": "2099-01-01", "description": DEED})
    assert response.status_code == 400
    assert "日期不能晚于今天" in response.content.decode()
    assert not Deed.objects.exists()


def test_reporting_a_member_out_of_reach_is_404(client, member_user, other_member, cycle):
    client.force_login(member_user)
    url = reverse("deeds:report") + f"?member={other_member.pk}"
    assert client.get(url).status_code == 404
    response = client.post(reverse("deeds:report"), {
        "member": other_member.pk, "occurred_on": "2020-01-01", "description": DEED})
    assert response.status_code == 400 and not Deed.objects.exists()


def test_the_secretary_reports_for_the_organization_and_lands_in_the_queue(
        client, branch_secretary, branch, member, yesterday, cycle):
    client.force_login(branch_secretary)
    url = reverse("deeds:report") + f"?org={branch.slug}"
    assert member.name in client.get(url).content.decode()
    response = client.post(url, {"member": member.pk, "occurred_on": yesterday.isoformat(),
                                 "description": DEED})
    deed = Deed.objects.get()
    assert response.url == reverse("deeds:queue", args=[branch.slug]) + f"#deed-{deed.pk}"
    assert deed.source == "organization"


def test_my_deeds_shows_every_state_and_the_dismissal_reason(
        client, member_user, member, report, branch_secretary):
    services.deed_dismiss(actor=branch_secretary, deed=report(), reason="时间不符")
    client.force_login(member_user)
    response = client.get(reverse("deeds:mine"), follow=True)
    page = response.content.decode()
    assert "我的闪光言行" in page and "不予认定" in page and "时间不符" in page


def test_a_fellow_members_deeds_page_is_not_for_a_plain_member(
        client, member_user, fellow_member):
    client.force_login(member_user)
    assert client.get(reverse("deeds:member", args=[fellow_member.pk])).status_code == 404


def test_the_organization_page_links_the_queue_for_the_secretary_and_my_deeds_for_members(
        client, branch_secretary, member_user, branch, report):
    report()
    client.force_login(branch_secretary)
    page = client.get(reverse("organizations:detail", args=[branch.slug])).content.decode()
    assert reverse("deeds:queue", args=[branch.slug]) in page
    assert reverse("deeds:stars", args=[branch.slug]) in page
    client.force_login(member_user)
    page = client.get(reverse("organizations:detail", args=[branch.slug])).content.decode()
    assert reverse("deeds:mine") in page and reverse("deeds:queue", args=[branch.slug]) \
        not in page


# ---- stars ----------------------------------------------------------------------------------

def _verified(n, *, branch, secretary, yesterday):
    deeds = []
    for _ in range(n):
        member = MemberFactory(organization=branch)
        deed = services.deed_report(actor=secretary, member=member, occurred_on=yesterday,
                                    description=DEED)
        deeds.append(services.deed_verify(actor=secretary, deed=deed))
    return deeds


def test_the_stars_page_names_a_star_from_a_verified_deed(
        client, branch_secretary, branch, cycle, verified, member):
    deed = verified()
    client.force_login(branch_secretary)
    url = reverse("deeds:stars", args=[branch.slug])
    assert DEED in client.get(url).content.decode()
    response = client.post(reverse("deeds:star_name", args=[branch.slug]), {
        "deed": deed.pk, "year": cycle.year, "quarter": 1, "citation": "助老榜样"},
        follow=True)
    page = response.content.decode()
    assert "王秀英已被评为本季度闪光言行之星。" in page and "助老榜样" in page
    assert DeedStar.objects.get().member == member


def test_naming_without_a_citation_on_the_page_is_refused(
        client, branch_secretary, branch, cycle, verified):
    deed = verified()
    client.force_login(branch_secretary)
    client.post(reverse("deeds:star_name", args=[branch.slug]), {
        "deed": deed.pk, "year": cycle.year, "quarter": 1, "citation": ""})
    assert not DeedStar.objects.exists()


def test_the_stars_page_query_count_does_not_grow_with_deeds_and_stars(
        client, branch_secretary, branch, cycle, yesterday, django_assert_num_queries):
    client.force_login(branch_secretary)
    url = reverse("deeds:stars", args=[branch.slug])
    deeds = _verified(2, branch=branch, secretary=branch_secretary, yesterday=yesterday)
    services.star_name(actor=branch_secretary, organization=branch, cycle=cycle, quarter=1,
                       member=deeds[0].member, deed=deeds[0], citation="榜样")
    few = _count(client, url)
    for deed in _verified(10, branch=branch, secretary=branch_secretary,
                          yesterday=yesterday)[:4]:
        services.star_name(actor=branch_secretary, organization=branch, cycle=cycle,
                           quarter=1, member=deed.member, deed=deed, citation="榜样")
    with django_assert_num_queries(few):
        client.get(url)


def test_the_stars_page_is_404_for_another_countys_secretary(client, other_secretary, branch):
    client.force_login(other_secretary)
    assert client.get(reverse("deeds:stars", args=[branch.slug])).status_code == 404


def test_withdrawing_a_star_on_the_page(client, branch_secretary, branch, cycle, verified):
    deed = verified()
    star = services.star_name(actor=branch_secretary, organization=branch, cycle=cycle,
                              quarter=1, member=deed.member, deed=deed, citation="榜样")
    client.force_login(branch_secretary)
    client.post(reverse("deeds:star_unname", args=[star.pk]), {"reason": "误选"})
    assert not DeedStar.objects.exists()


# ---- regional lists -------------------------------------------------------------------------

@pytest.fixture
def subtree_stars(committee, cycle, yesterday):
    """make(n): n stars named at n new branches of the committee."""
    def make(n):
        stars = []
        for _ in range(n):
            branch = OrganizationFactory(kind="branch", sector="community", parent=committee)
            secretary = RoleGrantFactory(organization=branch).user
            deed = _verified(1, branch=branch, secretary=secretary, yesterday=yesterday)[0]
            stars.append(services.star_name(
                actor=secretary, organization=branch, cycle=cycle, quarter=1,
                member=deed.member, deed=deed, citation="榜样"))
        return stars

    return make


def test_the_new_list_page_keeps_the_choice_across_pages_and_publishes(
        client, county_admin, county, cycle, subtree_stars, monkeypatch):
    from chengnuo.deeds.views import stars as star_views

    stars = subtree_stars(3)
    monkeypatch.setattr(star_views, "CANDIDATES_PAGE_SIZE", 2)
    client.force_login(county_admin)
    url = reverse("deeds:star_list_new", args=[county.slug])
    page = client.get(url).content.decode()
    assert f'id="star-{stars[0].pk}"' in page and f'id="star-{stars[2].pk}"' not in page
    page = client.post(url, {"year": cycle.year, "quarter": 1, "star": [stars[0].pk],
                             "title": "西湖区榜单", "goto": 2}).content.decode()
    assert f'<input type="hidden" name="star" value="{stars[0].pk}">' in page
    assert f'id="star-{stars[2].pk}"' in page and "西湖区榜单" in page
    response = client.post(url, {"year": cycle.year, "quarter": 1, "publish": "1",
                                 "star": [stars[0].pk, stars[2].pk], "title": "西湖区榜单"})
    assert response.url == reverse("deeds:public_list", args=[county.slug, cycle.year, 1])
    assert list(StarList.objects.get().stars.order_by("pk")) == [stars[0], stars[2]]


def test_publishing_without_a_title_shows_the_message(client, county_admin, county, cycle,
                                                      subtree_stars):
    star = subtree_stars(1)[0]
    client.force_login(county_admin)
    response = client.post(reverse("deeds:star_list_new", args=[county.slug]), {
        "year": cycle.year, "quarter": 1, "publish": "1", "star": [star.pk], "title": ""})
    assert response.status_code == 400 and "请填写榜单标题" in response.content.decode()
    assert not StarList.objects.exists()


def test_the_new_list_page_query_count_does_not_grow_with_stars(
        client, county_admin, county, cycle, subtree_stars, django_assert_num_queries):
    client.force_login(county_admin)
    url = reverse("deeds:star_list_new", args=[county.slug]) + f"?year={cycle.year}&quarter=1"
    subtree_stars(1)
    few = _count(client, url)
    subtree_stars(5)
    with django_assert_num_queries(few):
        client.get(url)


def test_a_grassroots_organization_has_no_new_list_page(client, branch_secretary, branch):
    client.force_login(branch_secretary)
    assert client.get(reverse("deeds:star_list_new", args=[branch.slug])).status_code == 404
