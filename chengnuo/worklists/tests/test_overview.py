"""The secretary's overview: every member's pledge status, filters, counts, next actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext

from chengnuo.cycles import services as cycle_services
from chengnuo.pledges import services
from chengnuo.tests.factories import (
    MemberFactory,
    OrganizationFactory,
    PostFactory,
    cycle_dates,
    published_pledge,
    submitted_pledge,
)

pytestmark = pytest.mark.django_db


def overview(client, user, organization, **params):
    client.force_login(user)
    return client.get(reverse("worklists:overview", args=[organization.slug]), params)


def statuses(response):
    """{member name: [status of each pledge slot]} as the page shows them."""
    return {member.name: [cell.status for cell in cells]
            for member, cells in response.context["rows"]}


def counts(response):
    return {code: n for code, _label, n in response.context["counts"]}


@pytest.fixture
def residence_community(township):
    return OrganizationFactory(name="西溪社区党委", kind="committee", sector="community",
                               parent=township)


def test_branch_secretary_sees_every_member_with_the_status_of_their_pledge(
        client, branch_secretary, branch, cycle, member, member_user, fellow_member):
    submitted_pledge(actor=member_user, cycle=cycle, member=member)
    response = overview(client, branch_secretary, branch)
    assert response.status_code == 200
    assert statuses(response) == {"王秀英": ["submitted"], "李建国": ["missing"]}
    assert response.context["own"].status == "missing"


def test_a_missing_pledge_offers_the_secretary_a_start_form(
        client, branch_secretary, branch, cycle, fellow_member):
    response = overview(client, branch_secretary, branch)
    ((_member, (cell,)),) = response.context["rows"]
    assert cell.action.url == reverse("pledges:start")
    assert cell.action.post == {"cycle": cycle.pk, "scope": "work", "member": fellow_member.pk}
    assert not cell.action.oral
    page = response.content.decode()
    assert f'action="{reverse("pledges:start")}"' in page
    assert f'name="member" value="{fellow_member.pk}"' in page
    assert 'name="oral"' not in page


def test_a_retired_member_is_offered_an_oral_pledge_recorded_by_the_secretary(
        client, branch_secretary, branch, cycle):
    MemberFactory(organization=branch, name="赵大爷", retired=True)
    response = overview(client, branch_secretary, branch)
    ((_member, (cell,)),) = response.context["rows"]
    assert cell.action.oral
    assert 'name="oral" value="1"' in response.content.decode()


def test_a_member_without_a_post_needs_a_duty_post_before_starting(
        client, branch_secretary, branch, cycle):
    MemberFactory(organization=branch, name="钱无职", without_post=True)
    response = overview(client, branch_secretary, branch)
    ((_member, (cell,)),) = response.context["rows"]
    assert cell.action is None and "岗" in cell.note


def test_a_member_without_a_post_but_with_a_duty_post_can_start(
        client, branch_secretary, branch, cycle):
    MemberFactory(organization=branch, name="钱有岗", without_post=True,
                  post=PostFactory(organization=branch))
    response = overview(client, branch_secretary, branch)
    ((_member, (cell,)),) = response.context["rows"]
    assert cell.action.url == reverse("pledges:start")


def test_the_organizations_own_pledge_is_started_with_its_code(
        client, branch_secretary, branch, cycle):
    response = overview(client, branch_secretary, branch)
    assert response.context["own"].action.post == {
        "cycle": cycle.pk, "scope": "work", "organization": branch.slug}


def test_a_submission_links_the_reviewer_to_the_review_page(
        client, branch_secretary, branch, cycle, member, member_user):
    pledge = submitted_pledge(actor=member_user, cycle=cycle, member=member)
    response = overview(client, branch_secretary, branch)
    assert reverse("pledges:review", args=[pledge.pk]) in response.content.decode()


def test_the_secretary_who_entered_a_members_pledge_is_sent_to_review_it(
        client, branch_secretary, branch, cycle, fellow_member):
    pledge = submitted_pledge(actor=branch_secretary, cycle=cycle, member=fellow_member)
    response = overview(client, branch_secretary, branch)
    ((_member, (cell,)),) = response.context["rows"]
    assert cell.action.url == reverse("pledges:review", args=[pledge.pk])


def test_a_returned_pledge_links_to_its_page_for_revision(
        client, branch_secretary, county_reviewer, branch, cycle, member, member_user):
    pledge = submitted_pledge(actor=member_user, cycle=cycle, member=member)
    services.pledge_review(actor=county_reviewer, pledge=pledge, decision="returned",
                           guidance="请写明具体时间")
    response = overview(client, branch_secretary, branch)
    ((_member, (cell,)),) = response.context["rows"]
    assert cell.status == "returned"
    assert cell.action.url == reverse("pledges:detail", args=[pledge.pk])
    assert cell.action.primary


def test_an_approved_pledge_is_offered_for_publication(
        client, branch_secretary, county_reviewer, branch, cycle, member, member_user):
    pledge = submitted_pledge(actor=member_user, cycle=cycle, member=member)
    services.pledge_review(actor=county_reviewer, pledge=pledge, decision="approved",
                           criteria_met=["scientific", "advanced", "helps_work", "fits_post",
                                         "people_want"])
    response = overview(client, branch_secretary, branch)
    ((_member, (cell,)),) = response.context["rows"]
    assert cell.status == "approved"
    assert cell.action.url == reverse("pledges:detail", args=[pledge.pk])
    assert str(cell.action.label) == gettext("Publish") != gettext("Open")


def test_a_published_pledge_links_to_the_members_public_page(
        client, branch_secretary, branch, cycle, member, member_user):
    published_pledge(actor=member_user, reviewer=branch_secretary,
                     publisher=branch_secretary, cycle=cycle, member=member)
    response = overview(client, branch_secretary, branch)
    ((_member, (cell,)),) = response.context["rows"]
    assert cell.status == "published"
    assert cell.action.url == reverse("boards:member", args=[member.public_id])


def test_an_amended_published_pledge_shows_the_amendment_in_progress(
        client, branch_secretary, branch, cycle, member, member_user):
    pledge = published_pledge(actor=member_user, reviewer=branch_secretary,
                              publisher=branch_secretary, cycle=cycle, member=member)
    services.pledge_amend(actor=member_user, pledge=pledge, reason="增加一项")
    response = overview(client, branch_secretary, branch)
    ((_member, (cell,)),) = response.context["rows"]
    assert cell.status == "draft" and cell.amending
    assert counts(response)["amending"] == 1
    assert "正在修改" in response.content.decode()
    filtered = overview(client, branch_secretary, branch, status="amending")
    assert list(statuses(filtered)) == ["王秀英"]


def test_an_in_service_member_has_a_second_pledge_at_the_residence_community(
        client, branch_secretary, branch, cycle, residence_community):
    resident = MemberFactory(organization=branch, name="孙在职", in_service=True,
                             residence_organization=residence_community)
    services.pledge_start(actor=branch_secretary, cycle=cycle, member=resident,
                          scope="residence")
    response = overview(client, branch_secretary, branch)
    ((_member, (work, residence)),) = response.context["rows"]
    assert (work.status, residence.status) == ("missing", "draft")
    assert residence.where == residence_community
    assert "西溪社区党委" in response.content.decode()


def test_the_community_lists_in_service_members_registered_there_from_elsewhere(
        client, county_admin, branch, cycle, residence_community):
    resident = MemberFactory(organization=branch, name="孙在职", in_service=True,
                             residence_organization=residence_community)
    MemberFactory(organization=residence_community, name="周社区")
    response = overview(client, county_admin, residence_community)
    rows = dict(response.context["rows"])
    assert [cell.scope for cell in rows[resident]] == ["residence"]
    assert rows[resident][0].action.post["scope"] == "residence"
    assert statuses(response) == {"周社区": ["missing"], "孙在职": ["missing"]}
    assert "在本社区报到" in response.content.decode()


def test_counts_per_status_cover_members_residence_pledges_and_the_organization(
        client, branch_secretary, branch, cycle, member, member_user, fellow_member,
        residence_community):
    MemberFactory(organization=branch, name="孙在职", in_service=True,
                  residence_organization=residence_community)
    submitted_pledge(actor=member_user, cycle=cycle, member=member)
    services.pledge_start(actor=branch_secretary, cycle=cycle, organization=branch)
    response = overview(client, branch_secretary, branch)
    assert counts(response) == {"missing": 3, "draft": 1, "submitted": 1, "returned": 0,
                                "approved": 0, "published": 0, "amending": 0}


def test_the_status_filter_keeps_members_with_a_pledge_in_that_status(
        client, branch_secretary, branch, cycle, member, member_user, fellow_member):
    submitted_pledge(actor=member_user, cycle=cycle, member=member)
    response = overview(client, branch_secretary, branch, status="missing")
    assert list(statuses(response)) == ["李建国"]
    assert counts(response)["submitted"] == 1  # counts stay those of the organization


def test_the_category_filter_keeps_leaders_only(client, branch_secretary, branch, cycle,
                                                member, fellow_member):
    MemberFactory(organization=branch, name="吴书记", holds_leadership_post=True)
    response = overview(client, branch_secretary, branch, category="leader")
    assert list(statuses(response)) == ["吴书记"]


def test_the_oral_filter_keeps_the_elderly_and_the_retired(client, branch_secretary, branch,
                                                           cycle, member):
    MemberFactory(organization=branch, name="郑老", elderly_or_low_literacy=True)
    MemberFactory(organization=branch, name="冯退", retired=True)
    response = overview(client, branch_secretary, branch, category="oral")
    assert sorted(statuses(response)) == sorted(["郑老", "冯退"])


def test_the_name_search_finds_a_member(client, branch_secretary, branch, cycle, member,
                                        fellow_member):
    response = overview(client, branch_secretary, branch, q="建国")
    assert list(statuses(response)) == ["李建国"]
    assert overview(client, branch_secretary, branch, q="无此人").context["rows"] == []


def test_a_plain_member_sees_statuses_but_only_their_own_next_step(
        client, member_user, branch, cycle, member, fellow_member, branch_secretary):
    fellow_pledge = services.pledge_start(actor=branch_secretary, cycle=cycle,
                                          member=fellow_member)
    response = overview(client, member_user, branch)
    assert response.status_code == 200
    rows = {m.name: cells for m, cells in response.context["rows"]}
    assert rows["王秀英"][0].action.post["member"] == member.pk
    assert rows["李建国"][0].action is None
    page = response.content.decode()
    assert reverse("pledges:detail", args=[fellow_pledge.pk]) not in page
    assert response.context["own"].action is None


def test_county_reviewer_reviews_but_starts_nothing(
        client, county_reviewer, branch, cycle, member, member_user, fellow_member):
    pledge = submitted_pledge(actor=member_user, cycle=cycle, member=member)
    response = overview(client, county_reviewer, branch)
    rows = {m.name: cells for m, cells in response.context["rows"]}
    assert rows["王秀英"][0].action.url == reverse("pledges:review", args=[pledge.pk])
    assert rows["李建国"][0].action is None
    assert reverse("pledges:start") not in response.content.decode()


def test_county_admin_may_start_pledges_anywhere_in_the_county(
        client, county_admin, branch, cycle, fellow_member):
    response = overview(client, county_admin, branch)
    ((_member, (cell,)),) = response.context["rows"]
    assert cell.action.url == reverse("pledges:start")


def test_other_secretary_gets_404(client, other_secretary, branch, cycle):
    assert overview(client, other_secretary, branch).status_code == 404


def test_an_administrative_level_has_no_overview(client, county_admin, county, cycle):
    assert overview(client, county_admin, county).status_code == 404


def test_without_a_cycle_the_page_says_how_one_is_opened(client, branch_secretary, branch):
    response = overview(client, branch_secretary, branch)
    assert response.status_code == 200
    assert response.context["cycle"] is None
    assert 'id="no-cycle"' in response.content.decode()


def test_another_cycle_is_chosen_by_its_number(client, county_admin, branch_secretary, branch,
                                               cycle, member, member_user):
    dates = {key: value.replace(year=value.year - 1) for key, value in cycle_dates().items()}
    last_year = cycle_services.cycle_open(actor=county_admin, organization=branch.parent,
                                          year=cycle.year - 1, **dates)
    submitted_pledge(actor=member_user, cycle=cycle, member=member)
    assert statuses(overview(client, branch_secretary, branch)) == {"王秀英": ["submitted"]}
    response = overview(client, branch_secretary, branch, cycle=last_year.pk)
    assert response.context["cycle"] == last_year
    assert statuses(response) == {"王秀英": ["missing"]}


def _populate(branch, cycle, secretary, reviewer, count, residence_community):
    """count members: a third draft, a third submitted, a third in service without pledges."""
    for n in range(count):
        if n % 3 == 2:
            MemberFactory(organization=branch, in_service=True,
                          residence_organization=residence_community)
            continue
        someone = MemberFactory(organization=branch, retired=n % 2 == 0)
        if n % 3 == 0:
            services.pledge_start(actor=secretary, cycle=cycle, member=someone)
        else:
            submitted_pledge(actor=secretary, cycle=cycle, member=someone)


def _queries(client, path):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context)


def test_the_overview_costs_the_same_queries_for_3_or_12_members(
        client, branch_secretary, county_reviewer, branch, cycle, residence_community):
    client.force_login(branch_secretary)
    path = reverse("worklists:overview", args=[branch.slug])
    _populate(branch, cycle, branch_secretary, county_reviewer, 3, residence_community)
    small = _queries(client, path)
    _populate(branch, cycle, branch_secretary, county_reviewer, 9, residence_community)
    large = _queries(client, path)
    assert len(client.get(path).context["rows"]) == 12
    assert small == large
    assert large <= 14, large


def test_starting_from_the_overview_opens_the_new_pledge(client, branch_secretary, branch,
                                                         cycle, fellow_member):
    response = overview(client, branch_secretary, branch)
    ((_member, (cell,)),) = response.context["rows"]
    started = client.post(reverse("pledges:start"),
                          {**cell.action.post, "next": response.request["PATH_INFO"]})
    assert started.status_code == 302
    assert statuses(overview(client, branch_secretary, branch)) == {"李建国": ["draft"]}


def test_the_oral_button_records_an_oral_pledge(client, branch_secretary, branch, cycle):
    elder = MemberFactory(organization=branch, name="赵大爷", retired=True)
    response = overview(client, branch_secretary, branch)
    ((_member, (cell,)),) = response.context["rows"]
    client.post(reverse("pledges:start"), {**cell.action.post, "oral": "1"})
    assert elder.pledges.get().current_version.is_oral
    assert "口头承诺" in overview(client, branch_secretary, branch).content.decode()
