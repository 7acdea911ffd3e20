"""The organization pages: reach, forms, and a query count that does not grow with rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chengnuo.organizations.models import Organization
from chengnuo.tests.factories import MemberFactory, OrganizationFactory, PostFactory


def test_branch_secretary_sees_their_organization_in_chinese(client, branch_secretary, branch,
                                                             member):
    client.force_login(branch_secretary)
    response = client.get(reverse("organizations:detail", args=[branch.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "第一党支部" in page and "王秀英" in page and "党员" in page


def test_login_lands_on_the_top_of_the_users_reach(client, county_admin, county):
    client.force_login(county_admin)
    response = client.get(reverse("accounts:home"))
    assert response.url == reverse("organizations:detail", args=[county.slug])


def test_a_member_lands_on_their_own_organization(client, member_user, branch):
    client.force_login(member_user)
    response = client.get(reverse("accounts:home"))
    assert response.url == reverse("organizations:detail", args=[branch.slug])


@pytest.mark.parametrize("name", ["organizations:detail", "organizations:members",
                                  "organizations:edit", "organizations:create_child",
                                  "organizations:post_create", "members:create"])
def test_pages_of_another_county_are_404(client, other_secretary, branch, name):
    client.force_login(other_secretary)
    assert client.get(reverse(name, args=[branch.slug])).status_code == 404


@pytest.mark.parametrize("name", ["organizations:edit", "organizations:create_child",
                                  "organizations:post_create", "members:create"])
def test_a_reviewer_cannot_open_management_pages(client, county_reviewer, committee, name):
    client.force_login(county_reviewer)
    assert client.get(reverse(name, args=[committee.slug])).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, branch):
    response = client.get(reverse("organizations:detail", args=[branch.slug]))
    assert response.status_code == 302 and reverse("accounts:login") in response.url


def test_edit_form_shows_the_error_beside_the_field_and_changes_nothing(client, county_admin,
                                                                       township):
    committee = OrganizationFactory(kind="committee", sector="rural", parent=township,
                                    name="原名")
    client.force_login(county_admin)
    response = client.post(reverse("organizations:edit", args=[committee.slug]),
                           {"name": "", "sector": "rural"})
    assert response.status_code == 200
    assert "这个字段是必填项" in response.content.decode()
    committee.refresh_from_db()
    assert committee.name == "原名"


def test_picking_a_secretary_from_another_county_by_tampering_is_refused(
        client, branch_secretary, branch, other_member):
    client.force_login(branch_secretary)
    response = client.post(reverse("organizations:edit", args=[branch.slug]),
                           {"name": branch.name, "sector": branch.sector,
                            "secretary": other_member.pk})
    assert response.status_code == 200
    branch.refresh_from_db()
    assert branch.secretary is None


def test_county_admin_adds_a_subordinate_organization_through_the_page(client, county_admin,
                                                                      township):
    client.force_login(county_admin)
    response = client.post(reverse("organizations:create_child", args=[township.slug]),
                           {"name": "新建村党支部", "kind": "branch", "sector": "rural"})
    child = Organization.objects.get(name="新建村党支部")
    assert response.url == reverse("organizations:detail", args=[child.slug])
    assert child.parent == township


def test_a_kind_not_allowed_under_the_parent_is_refused_by_the_form(client, county_admin,
                                                                    township):
    client.force_login(county_admin)
    response = client.post(reverse("organizations:create_child", args=[township.slug]),
                           {"name": "错位", "kind": "city"})
    assert response.status_code == 200
    assert not Organization.objects.filter(name="错位").exists()


def test_a_post_of_another_organization_cannot_be_edited_through_this_one(
        client, branch_secretary, branch, other_branch):
    foreign = PostFactory(organization=other_branch)
    client.force_login(branch_secretary)
    url = reverse("organizations:post_edit", args=[branch.slug, foreign.pk])
    assert client.get(url).status_code == 404


def _count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["organizations:detail", "organizations:members"])
def test_query_count_does_not_grow_with_members(client, county_admin, branch, name,
                                                django_assert_num_queries):
    client.force_login(county_admin)
    url = reverse(name, args=[branch.slug])
    PostFactory(organization=branch)
    MemberFactory.create_batch(3, organization=branch)
    few = _count_queries(client, url)
    posts = PostFactory.create_batch(5, organization=branch)
    MemberFactory.create_batch(60, organization=branch, without_post=True, post=posts[0])
    with django_assert_num_queries(few):
        client.get(url)


def test_subtree_query_count_does_not_grow_with_children(client, county_admin, county,
                                                         django_assert_num_queries):
    client.force_login(county_admin)
    url = reverse("organizations:detail", args=[county.slug])
    OrganizationFactory(kind="township", parent=county)
    few = _count_queries(client, url)
    for _ in range(20):
        town = OrganizationFactory(kind="township", parent=county)
        MemberFactory(organization=OrganizationFactory(kind="branch", parent=town))
    with django_assert_num_queries(few):
        client.get(url)


def test_member_list_filters_by_category_and_whole_subtree(client, county_admin, county,
                                                           branch):
    MemberFactory(organization=branch, name="退休老党员", retired=True)
    MemberFactory(organization=branch, name="在职党员", in_service=True)
    client.force_login(county_admin)
    page = client.get(reverse("organizations:members", args=[county.slug]),
                      {"scope": "subtree", "category": "retired"}).content.decode()
    assert "退休老党员" in page and "在职党员" not in page


def test_member_list_is_paginated(client, county_admin, branch):
    MemberFactory.create_batch(55, organization=branch)
    client.force_login(county_admin)
    response = client.get(reverse("organizations:members", args=[branch.slug]))
    assert len(response.context["page"].object_list) == 50
    assert response.context["page"].paginator.num_pages == 2


def test_public_page_opens_without_login_and_masks_nothing_private(client, branch, member):
    branch.secretary = member
    branch.save()
    response = client.get(reverse("organizations:public", args=[branch.slug]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "第一党支部" in page and "王秀英" in page
    assert member.phone not in page


def test_public_page_sets_no_cookie_and_does_not_vary_on_cookie(client, branch):
    response = client.get(reverse("organizations:public", args=[branch.slug]))
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_public_page_of_an_unknown_slug_is_404(client, db):
    assert client.get(reverse("organizations:public", args=["nope"])).status_code == 404


def test_search_finds_organizations_only_inside_the_subtree(client, county_admin, county,
                                                            branch, other_branch):
    client.force_login(county_admin)
    page = client.get(reverse("organizations:detail", args=[county.slug]),
                      {"q": "支部"}).content.decode()
    assert "第一党支部" in page and "良渚村党支部" not in page


def test_managers_see_the_organizations_change_history(client, county_admin, township):
    from chengnuo.organizations import services

    committee = services.organization_create(actor=county_admin, parent=township,
                                             name="历史党委", kind="committee", sector="rural")
    client.force_login(county_admin)
    page = client.get(reverse("organizations:detail", args=[committee.slug])).content.decode()
    assert "修改记录" in page and "county_admin" in page


def test_a_plain_member_sees_fellow_members_without_links_to_their_pages(client, member_user,
                                                                        branch, fellow_member):
    client.force_login(member_user)
    page = client.get(reverse("organizations:detail", args=[branch.slug])).content.decode()
    assert "李建国" in page
    assert reverse("members:detail", args=[fellow_member.pk]) not in page
    assert reverse("members:detail", args=[member_user.member.pk]) in page


def test_public_page_is_cacheable_and_served_from_the_cache(client, branch,
                                                           django_assert_num_queries):
    url = reverse("organizations:public", args=[branch.slug])
    first = client.get(url)
    assert "public" in first["Cache-Control"] and "max-age=60" in first["Cache-Control"]
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content


def test_deleting_a_non_empty_organization_explains_why(client, county_admin, branch, member):
    client.force_login(county_admin)
    response = client.post(reverse("organizations:delete", args=[branch.slug]), follow=True)
    assert "只有没有下级组织和党员的组织才能删除" in response.content.decode()
    assert Organization.objects.filter(pk=branch.pk).exists()


def test_deleting_an_empty_organization_returns_to_its_superior(client, county_admin, committee):
    empty = OrganizationFactory(kind="branch", parent=committee)
    client.force_login(county_admin)
    response = client.post(reverse("organizations:delete", args=[empty.slug]))
    assert response.url == reverse("organizations:detail", args=[committee.slug])
    assert not Organization.objects.filter(pk=empty.pk).exists()


def test_delete_needs_a_post_request(client, county_admin, committee):
    empty = OrganizationFactory(kind="branch", parent=committee)
    client.force_login(county_admin)
    assert client.get(reverse("organizations:delete", args=[empty.slug])).status_code == 405


def test_a_post_is_deleted_through_its_page(client, branch_secretary, branch):
    post = PostFactory(organization=branch)
    client.force_login(branch_secretary)
    client.post(reverse("organizations:post_delete", args=[branch.slug, post.pk]))
    assert not branch.posts.exists()


def test_the_filter_form_gets_only_the_results_through_htmx(client, county_admin, branch,
                                                            member):
    client.force_login(county_admin)
    url = reverse("organizations:members", args=[branch.slug])
    partial = client.get(url, {"q": "王"}, HTTP_HX_REQUEST="true").content.decode()
    assert "王秀英" in partial and "<html" not in partial
    assert "<html" in client.get(url, {"q": "王"}).content.decode()


def test_breadcrumbs_link_only_ancestors_within_reach(client, county_admin, city, county,
                                                      branch):
    client.force_login(county_admin)
    page = client.get(reverse("organizations:detail", args=[branch.slug])).content.decode()
    assert reverse("organizations:detail", args=[county.slug]) in page
    assert "杭州市" in page
    assert reverse("organizations:detail", args=[city.slug]) not in page
