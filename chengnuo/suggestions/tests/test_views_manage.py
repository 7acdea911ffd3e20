import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chengnuo.cycles.services import cycle_open
from chengnuo.pledges import services as pledge_services
from chengnuo.suggestions import services
from chengnuo.suggestions.models import Outcome, Suggestion
from chengnuo.tests.factories import cycle_dates, published_pledge


@pytest.fixture
def cycle(county_admin, county):
    dates = cycle_dates()
    return cycle_open(actor=county_admin, organization=county,
                      year=dates["commitment_deadline"].year, **dates)


def suggest(branch, text="请多组织义诊活动，方便老人看病。"):
    return services.suggestion_leave(actor=AnonymousUser(), organization=branch, text=text,
                                     contact="13900002222")


@pytest.fixture
def item(branch_secretary, county_reviewer, cycle, branch):
    pledge = published_pledge(actor=branch_secretary, reviewer=county_reviewer,
                              publisher=branch_secretary, cycle=cycle, organization=branch)
    return pledge.published_version.items.first()


def answer_url(suggestion):
    return reverse("suggestions:answer", args=[suggestion.pk])


def test_the_secretary_sees_suggestions_with_the_contact_and_an_answer_form(
        client, branch_secretary, branch, cycle, item):
    suggestion = suggest(branch)
    client.force_login(branch_secretary)
    page = client.get(reverse("suggestions:manage", args=[branch.slug])).content.decode()
    assert "请多组织义诊活动" in page and "13900002222" in page
    assert answer_url(suggestion) in page
    assert f'value="{item.pk}"' in page  # the published item is on offer


def test_the_list_filters_by_outcome(client, branch_secretary, branch, cycle):
    pending = suggest(branch, "第一条待答复的建议")
    covered = suggest(branch, "第二条已答复的建议")
    services.suggestion_answer(actor=branch_secretary, suggestion=covered, outcome="covered")
    client.force_login(branch_secretary)
    page = client.get(reverse("suggestions:manage", args=[branch.slug]),
                      {"outcome": "pending"}).content.decode()
    assert pending.text in page and covered.text not in page


def test_adopting_names_an_item_and_the_board_shows_it(client, branch_secretary, branch,
                                                       cycle, item):
    suggestion = suggest(branch)
    client.force_login(branch_secretary)
    prefix = f"s{suggestion.pk}"
    response = client.post(answer_url(suggestion), {f"{prefix}-outcome": "adopted",
                                                    f"{prefix}-item": item.pk,
                                                    f"{prefix}-answer": "已纳入承诺"})
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.outcome == Outcome.ADOPTED and suggestion.item == item
    client.logout()
    page = client.get(reverse("organizations:public", args=[branch.slug])).content.decode()
    assert "已纳入第一党支部的承诺" in page and item.content[:20] in page
    assert "13900002222" not in page


def test_declining_without_a_reason_is_refused_and_nothing_changes(client, branch_secretary,
                                                                   branch, cycle):
    suggestion = suggest(branch)
    client.force_login(branch_secretary)
    prefix = f"s{suggestion.pk}"
    response = client.post(answer_url(suggestion), {f"{prefix}-outcome": "declined",
                                                    f"{prefix}-answer": ""})
    assert response.status_code == 400
    assert "请说明不采纳的理由" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.outcome == Outcome.PENDING


def test_adopting_without_an_item_is_refused(client, branch_secretary, branch, cycle):
    suggestion = suggest(branch)
    client.force_login(branch_secretary)
    prefix = f"s{suggestion.pk}"
    response = client.post(answer_url(suggestion), {f"{prefix}-outcome": "adopted"})
    assert response.status_code == 400
    assert "请选择采纳该建议的承诺事项" in response.content.decode()
    assert Suggestion.objects.get().outcome == Outcome.PENDING


def test_a_declined_answer_with_reason_is_public(client, branch_secretary, branch, cycle):
    suggestion = suggest(branch)
    client.force_login(branch_secretary)
    prefix = f"s{suggestion.pk}"
    client.post(answer_url(suggestion), {f"{prefix}-outcome": "declined",
                                         f"{prefix}-answer": "不属于本支部职责，已转交卫生院"})
    client.logout()
    page = client.get(reverse("organizations:public", args=[branch.slug])).content.decode()
    assert "未采纳" in page and "已转交卫生院" in page


def test_a_secretary_of_another_county_cannot_see_or_answer(client, other_secretary, branch,
                                                            cycle):
    suggestion = suggest(branch)
    client.force_login(other_secretary)
    assert client.get(reverse("suggestions:manage", args=[branch.slug])).status_code == 404
    prefix = f"s{suggestion.pk}"
    response = client.post(answer_url(suggestion), {f"{prefix}-outcome": "covered"})
    assert response.status_code == 404
    assert Suggestion.objects.get().outcome == Outcome.PENDING


def test_a_plain_member_cannot_manage_suggestions(client, member_user, branch, cycle):
    client.force_login(member_user)
    assert client.get(reverse("suggestions:manage", args=[branch.slug])).status_code == 404


def test_the_list_query_count_does_not_grow_with_suggestions(client, branch_secretary, branch,
                                                             cycle, item):
    url = reverse("suggestions:manage", args=[branch.slug])
    client.force_login(branch_secretary)
    suggest(branch)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(6):
        suggest(branch, f"第{n}条建议：多办实事")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_board_query_count_does_not_grow_with_suggestions(client, branch, cycle):
    from django.core.cache import cache

    url = reverse("organizations:public", args=[branch.slug])
    suggest(branch)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(6):
        suggest(branch, f"第{n}条建议：多办实事")
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_a_draft_amendment_item_is_not_named_on_the_board(client, branch_secretary, branch,
                                                          cycle, item):
    pledge = item.version.pledge
    draft = pledge_services.pledge_amend(actor=branch_secretary, pledge=pledge, reason="补充")
    new = pledge_services.item_add(actor=branch_secretary, pledge=pledge,
                                   category="practical_service", content="草稿中的新增事项")
    suggestion = suggest(branch)
    services.suggestion_answer(actor=branch_secretary, suggestion=suggestion,
                               outcome="adopted", item=new)
    page = client.get(reverse("organizations:public", args=[branch.slug])).content.decode()
    assert draft.state == "draft"
    assert "草稿中的新增事项" not in page and "将纳入第一党支部的承诺" in page


def withhold_url(suggestion):
    return reverse("suggestions:withhold", args=[suggestion.pk])


def test_a_withheld_suggestion_shows_on_the_board_only_as_withheld_with_the_reason(
        client, branch_secretary, branch, cycle):
    suggestion = suggest(branch, "某某家的电话是13900001234，赶紧处理")
    client.force_login(branch_secretary)
    response = client.post(withhold_url(suggestion), {"reason": "含有居民个人信息"})
    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("organizations:public", args=[branch.slug])).content.decode()
    assert "13900001234" not in page
    assert "这条意见建议未予公开" in page and "含有居民个人信息" in page


def test_withholding_needs_a_reason_and_changes_nothing_without_one(
        client, branch_secretary, branch, cycle):
    suggestion = suggest(branch)
    client.force_login(branch_secretary)
    response = client.post(withhold_url(suggestion), {"reason": "  "}, follow=True)
    assert "请说明不予公开的理由" in response.content.decode()
    suggestion.refresh_from_db()
    assert not suggestion.is_withheld


def test_a_withheld_suggestion_can_be_shown_again(client, branch_secretary, branch, cycle):
    suggestion = suggest(branch)
    services.suggestion_withhold(actor=branch_secretary, suggestion=suggestion,
                                 reason="广告")
    client.force_login(branch_secretary)
    client.post(withhold_url(suggestion), {"release": "1"})
    suggestion.refresh_from_db()
    assert not suggestion.is_withheld
    client.logout()
    page = client.get(reverse("organizations:public", args=[branch.slug])).content.decode()
    assert "请多组织义诊活动" in page


def test_a_secretary_of_another_county_cannot_withhold(client, other_secretary, branch,
                                                       cycle):
    suggestion = suggest(branch)
    client.force_login(other_secretary)
    assert client.post(withhold_url(suggestion), {"reason": "x"}).status_code == 404
    suggestion.refresh_from_db()
    assert not suggestion.is_withheld
