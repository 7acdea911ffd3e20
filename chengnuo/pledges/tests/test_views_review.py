"""The reviewer's page (审诺): who may open it, the quality advisor's flags, the changes
since the previous submission, approve and return with their refusals, and fixed query
counts on the pledge pages."""
# The fixtures come from test_views; pytest injects them by argument name, which ruff reads
# as redefinitions.
# ruff: noqa: F811

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chengnuo.pledges import diff, services
from chengnuo.pledges.models import State
from chengnuo.tests.factories import MemberFactory, UserFactory

from .test_views import (  # noqa: F401  (fixtures shared with the pledge page tests)
    action,
    add_items,
    approved,
    cycle,
    day,
    detail,
    draft,
    login,
    refreshed,
    returned,
    submitted,
)

ALL_CRITERIA = ["scientific", "advanced", "helps_work", "fits_post", "people_want"]


def review_url(pledge):
    return reverse("pledges:review", args=[pledge.pk])


@pytest.mark.parametrize("role, status", [
    ("branch_secretary", 200), ("county_reviewer", 200), ("county_admin", 200),
    ("member_user", 404), ("other_secretary", 404)])
def test_who_may_open_the_review_page(client, request, submitted, role, status):
    user = request.getfixturevalue(role)
    assert login(client, user).get(review_url(submitted)).status_code == status


def test_the_review_page_shows_the_five_criteria_and_the_items(client, submitted,
                                                               branch_secretary):
    page = login(client, branch_secretary).get(review_url(submitted)).content.decode()
    for text in ("符合科学发展观要求", "体现先进性", "有利于工作", "体现岗位职责特点",
                 "符合群众意愿", "每月参加支部学习一次", "请审核"):
        assert text in page
    assert "领导职务党员的更高标准" not in page


def test_the_reviewer_is_sent_from_the_pledge_page(client, submitted, county_reviewer,
                                                   member_user):
    assert review_url(submitted) in login(client, county_reviewer).get(
        detail(submitted)).content.decode()
    assert review_url(submitted) not in login(client, member_user).get(
        detail(submitted)).content.decode()


# ---- the quality advisor --------------------------------------------------------------------

@pytest.fixture
def vague(cycle, member, member_user, branch_secretary, fellow_member):
    """A member's pledge with a slogan item, and a near copy of a fellow member's item."""
    fellow_pledge = services.pledge_start(actor=branch_secretary, cycle=cycle,
                                          member=fellow_member)
    services.item_add(actor=branch_secretary, pledge=fellow_pledge, category="lead_service",
                      content="每周三下午到社区服务站值班，帮助老人办理医保报销手续",
                      target="全年值班40次", due_date=day(100))
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    services.item_add(actor=member_user, pledge=pledge, category="lead_learning",
                      content="进一步提高思想认识，充分发挥先锋模范作用")
    services.item_add(actor=member_user, pledge=pledge, category="lead_service",
                      content="每周三下午到社区服务站值班，帮助老人办理医保报销手续",
                      target="全年值班40次", due_date=day(100))
    services.pledge_submit(actor=member_user, pledge=pledge)
    return refreshed(pledge)


def test_the_advisor_flags_each_weak_item_with_its_reason(client, vague, branch_secretary):
    page = login(client, branch_secretary).get(review_url(vague)).content.decode()
    assert "不可操作" in page and "形式主义" in page
    assert "没有可衡量的目标" in page
    assert "没有完成时限" in page
    assert "“进一步”" in page


def test_the_advisor_names_the_fellow_member_whose_item_is_copied(client, vague,
                                                                  branch_secretary):
    page = login(client, branch_secretary).get(review_url(vague)).content.decode()
    assert "与李建国的承诺" in page and "相似度100%" in page


def test_the_advisor_flags_too_few_items_for_the_pledge(client, cycle, member, member_user,
                                                         branch_secretary):
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    add_items(pledge, member_user, count=2)
    services.pledge_submit(actor=member_user, pledge=pledge)
    member.holds_leadership_post = True
    member.save()
    page = login(client, branch_secretary).get(review_url(pledge)).content.decode()
    assert "本年度要求至少3项" in page


def test_a_good_item_has_no_concerns(client, submitted, branch_secretary):
    page = login(client, branch_secretary).get(review_url(submitted)).content.decode()
    assert "未发现问题" in page


# ---- deciding -------------------------------------------------------------------------------

def test_the_secretary_approves_with_all_five_criteria(client, submitted, branch_secretary):
    response = login(client, branch_secretary).post(review_url(submitted), {
        "decision": "approved", "criteria_met": ALL_CRITERIA})
    assert response.status_code == 302 and response.url == detail(submitted)
    assert refreshed(submitted).state == State.APPROVED


def test_approving_without_every_criterion_is_refused_on_the_page(client, submitted,
                                                                  branch_secretary):
    response = login(client, branch_secretary).post(review_url(submitted), {
        "decision": "approved", "criteria_met": ALL_CRITERIA[:4]})
    assert response.status_code == 200
    assert "五条标准全部符合才能通过" in response.content.decode()
    assert refreshed(submitted).state == State.SUBMITTED


def test_returning_needs_guidance(client, submitted, branch_secretary):
    login(client, branch_secretary)
    response = client.post(review_url(submitted), {"decision": "returned"})
    assert "退回承诺时请写明需要修改的地方" in response.content.decode()
    assert refreshed(submitted).state == State.SUBMITTED
    response = client.post(review_url(submitted), {"decision": "returned",
                                                   "guidance": "请写明次数"})
    assert response.status_code == 302 and refreshed(submitted).state == State.RETURNED


def test_a_leaders_pledge_asks_for_the_higher_standard(client, cycle, branch,
                                                       branch_secretary):
    leader = MemberFactory(organization=branch, holds_leadership_post=True,
                           user=UserFactory(username="leader"))
    pledge = services.pledge_start(actor=leader.user, cycle=cycle, member=leader)
    add_items(pledge, leader.user, count=3)
    services.pledge_submit(actor=leader.user, pledge=pledge)
    login(client, branch_secretary)
    page = client.get(review_url(pledge)).content.decode()
    assert "领导职务党员的更高标准" in page
    response = client.post(review_url(pledge), {"decision": "approved",
                                                "criteria_met": ALL_CRITERIA})
    assert "通过前请确认承诺达到更高标准" in response.content.decode()
    assert refreshed(pledge).state == State.SUBMITTED
    client.post(review_url(pledge), {"decision": "approved", "criteria_met": ALL_CRITERIA,
                                     "higher_standard_confirmed": "on"})
    assert refreshed(pledge).state == State.APPROVED


def test_an_already_decided_submission_says_so(client, approved, county_reviewer):
    login(client, county_reviewer)
    page = client.get(review_url(approved)).content.decode()
    assert "该次提交已经审核过了" in page and 'value="approved"' not in page
    response = client.post(review_url(approved), {"decision": "returned",
                                                  "guidance": "再改改"})
    assert "该次提交已经审核过了" in response.content.decode()
    assert refreshed(approved).state == State.APPROVED


def test_a_draft_is_not_reviewable(client, draft, branch_secretary):
    page = login(client, branch_secretary).get(review_url(draft)).content.decode()
    assert "该承诺尚未提交审核" in page and 'value="approved"' not in page


# ---- the diff between versions --------------------------------------------------------------

@pytest.fixture
def resubmitted(returned, member_user):
    """Version 2 keeps item 1, changes item 2's target, removes nothing yet adds one."""
    services.pledge_revise(actor=member_user, pledge=returned)
    pledge = refreshed(returned)
    first, second = list(pledge.current_version.items.all())
    services.item_update(actor=member_user, item=second, category=second.category,
                         content=second.content, target="全年值班48次", due_date=day(100))
    services.item_remove(actor=member_user, item=first)
    services.item_add(actor=member_user, pledge=pledge, category="good_deeds",
                      content="为社区独居老人代购生活用品", target="每月4次",
                      due_date=day(90))
    services.pledge_submit(actor=member_user, pledge=pledge)
    return refreshed(pledge)


def test_the_review_page_shows_what_changed_since_the_returned_version(
        client, resubmitted, branch_secretary):
    page = login(client, branch_secretary).get(review_url(resubmitted)).content.decode()
    assert "第1版到第2版的变化" in page
    assert "新增1项，修改1项，删除1项，未变0项" in page
    assert "为社区独居老人代购生活用品</ins>" in page and "diff-added" in page
    assert "每月参加支部学习一次，撰写心得体会（第1项）</del>" in page and "diff-removed" in page
    assert "<del>40</del><ins>48</ins>" in page


def test_a_first_submission_has_no_diff(client, submitted, branch_secretary):
    page = login(client, branch_secretary).get(review_url(submitted)).content.decode()
    assert "的变化" not in page


def test_highlighting_compares_chinese_by_character_and_latin_by_word():
    segments = diff.highlight("每月走访4户 visit homes", "每月走访6户 visit families")
    assert [(s.op, s.text) for s in segments if s.op != "equal"] == [
        ("delete", "4"), ("insert", "6"), ("delete", "homes"), ("insert", "families")]
    rebuilt_old = "".join(s.text for s in segments if s.op != "insert")
    assert rebuilt_old == "每月走访4户 visit homes"


def test_diff_text_is_escaped(client, cycle, member, member_user, branch_secretary):
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    add_items(pledge, member_user, count=2)
    services.pledge_submit(actor=member_user, pledge=pledge)
    services.pledge_review(actor=branch_secretary, pledge=pledge, decision="returned",
                           guidance="改")
    services.pledge_revise(actor=member_user, pledge=pledge)
    pledge = refreshed(pledge)
    services.item_add(actor=member_user, pledge=pledge, category="good_deeds",
                      content="<script>alert(1)</script>每月一次", due_date=day(90))
    services.pledge_submit(actor=member_user, pledge=pledge)
    page = login(client, branch_secretary).get(review_url(pledge)).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


# ---- query counts ---------------------------------------------------------------------------

def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def build(cycle, owner, actor, *, items, rounds, reviewer):
    """A pledge with items items, returned and revised rounds times, then submitted."""
    pledge = services.pledge_start(actor=actor, cycle=cycle, member=owner)
    add_items(pledge, actor, count=items)
    for _ in range(rounds):
        services.pledge_submit(actor=actor, pledge=refreshed(pledge))
        services.pledge_review(actor=reviewer, pledge=refreshed(pledge), decision="returned",
                               guidance="请修改")
        services.pledge_revise(actor=actor, pledge=refreshed(pledge))
    services.pledge_submit(actor=actor, pledge=refreshed(pledge))
    return refreshed(pledge)


@pytest.fixture
def small_and_large(cycle, branch, branch_secretary):
    small_owner = MemberFactory(organization=branch, user=UserFactory(username="small"))
    large_owner = MemberFactory(organization=branch, user=UserFactory(username="large"))
    small = build(cycle, small_owner, small_owner.user, items=3, rounds=1,
                  reviewer=branch_secretary)
    large = build(cycle, large_owner, large_owner.user, items=12, rounds=4,
                  reviewer=branch_secretary)
    assert small.versions.count() == 2 and large.versions.count() == 5
    return small, large


def test_the_pledge_page_query_count_does_not_grow_with_items_or_versions(
        client, small_and_large, branch_secretary):
    small, large = small_and_large
    login(client, branch_secretary)
    small_count = count_queries(client, detail(small))
    assert count_queries(client, detail(large)) == small_count
    assert small_count <= 14, small_count
    assert count_queries(client, detail(small, version=1)) == count_queries(
        client, detail(large, version=1))


def test_an_editable_draft_page_query_count_does_not_grow(client, cycle, branch,
                                                         branch_secretary):
    one = MemberFactory(organization=branch, user=UserFactory(username="one"))
    two = MemberFactory(organization=branch, user=UserFactory(username="two"))
    small = services.pledge_start(actor=one.user, cycle=cycle, member=one)
    add_items(small, one.user, count=3)
    large = services.pledge_start(actor=two.user, cycle=cycle, member=two)
    add_items(large, two.user, count=12)
    login(client, one.user)
    small_count = count_queries(client, detail(small))
    login(client, two.user)
    assert count_queries(client, detail(large)) == small_count


def test_the_review_page_query_count_does_not_grow(client, small_and_large,
                                                   branch_secretary):
    small, large = small_and_large
    login(client, branch_secretary)
    small_count = count_queries(client, review_url(small))
    assert count_queries(client, review_url(large)) == small_count
    assert small_count <= 14, small_count


def test_my_pledges_query_count_does_not_grow_with_pledges(client, small_and_large):
    small, large = small_and_large
    login(client, small.member.user)
    small_count = count_queries(client, reverse("pledges:mine"))
    login(client, large.member.user)
    assert count_queries(client, reverse("pledges:mine")) == small_count
