"""The pledge pages: my pledges, starting, the pledge page and each of its actions, for
each role. State is built through the services, as the pages build it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chengnuo.cycles.models import Cycle
from chengnuo.pledges import services
from chengnuo.pledges.models import Pledge, PledgeItem, Publication, Scope, State
from chengnuo.suggestions.models import Suggestion
from chengnuo.tests.factories import MemberFactory, OrganizationFactory, UserFactory

TODAY = timezone.localdate()


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


@pytest.fixture
def cycle(county):
    return Cycle.objects.create(
        organization=county, year=TODAY.year, solicitation_opens=day(-30),
        commitment_deadline=day(30), quarter_1_ends=day(60), quarter_2_ends=day(120),
        quarter_3_ends=day(180), quarter_4_ends=day(240), minimum_items=2,
        minimum_items_leader=3, maximum_items=8)


GOOD = [
    ("lead_learning", "每月参加支部学习一次，撰写心得体会", "全年12次"),
    ("lead_service", "每周到社区服务站值班半天，接待群众来访", "全年值班40次"),
    ("good_deeds", "结对帮扶困难老人2户，每月上门探望", "全年探望24次"),
]


def add_items(pledge, actor, count=2, offset=0):
    for n in range(count):
        category, content, target = GOOD[(n + offset) % len(GOOD)]
        services.item_add(actor=actor, pledge=pledge, category=category,
                          content=f"{content}（第{n + offset + 1}项）", target=target,
                          due_date=day(100))


def refreshed(pledge) -> Pledge:
    return Pledge.objects.select_related("current_version", "member", "cycle").get(
        pk=pledge.pk)


@pytest.fixture
def draft(cycle, member, member_user):
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    add_items(pledge, member_user)
    return refreshed(pledge)


@pytest.fixture
def submitted(draft, member_user):
    services.pledge_submit(actor=member_user, pledge=draft, note="请审核")
    return refreshed(draft)


@pytest.fixture
def returned(submitted, branch_secretary):
    services.pledge_review(actor=branch_secretary, pledge=submitted, decision="returned",
                           guidance="第二项请写明服务对象和次数")
    return refreshed(submitted)


@pytest.fixture
def approved(submitted, branch_secretary):
    services.pledge_review(actor=branch_secretary, pledge=submitted, decision="approved",
                           criteria_met=["scientific", "advanced", "helps_work", "fits_post",
                                         "people_want"])
    return refreshed(submitted)


@pytest.fixture
def published(approved, branch_secretary):
    services.pledge_publish(actor=branch_secretary, pledge=approved,
                            channels=[("meeting", TODAY, "支部党员大会")])
    return refreshed(approved)


def login(client, user):
    client.force_login(user)
    return client


def detail(pledge, **query):
    url = reverse("pledges:detail", args=[pledge.pk])
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return url


def action(name, pledge, *args):
    return reverse(f"pledges:{name}", args=[pledge.pk, *args])


# ---- my pledges -----------------------------------------------------------------------------

def test_my_pledges_offers_to_start_the_work_pledge(client, cycle, member_user):
    page = login(client, member_user).get(reverse("pledges:mine"))
    assert page.status_code == 200
    assert "开始我的岗位承诺" in page.content.decode()
    assert str(cycle.year) in page.content.decode()


def test_my_pledges_offers_the_residence_pledge_to_an_in_service_member(
        client, cycle, branch, committee):
    residence = OrganizationFactory(name="北山社区第二党支部", kind="branch",
                                    sector="community", parent=committee)
    worker = MemberFactory(organization=branch, in_service=True,
                           residence_organization=residence,
                           user=UserFactory(username="worker"))
    page = login(client, worker.user).get(reverse("pledges:mine")).content.decode()
    assert "开始我的岗位承诺" in page and "开始我的居住社区承诺" in page
    assert "北山社区第二党支部" in page


def test_my_pledges_shows_the_state_and_the_next_action(client, returned, member_user):
    page = login(client, member_user).get(reverse("pledges:mine")).content.decode()
    assert "已退回修改" in page
    assert "请阅读审核意见并修改" in page
    assert "开始我的岗位承诺" not in page


def test_my_pledges_tells_a_user_without_a_member_record(client, branch_secretary):
    page = login(client, branch_secretary).get(reverse("pledges:mine"))
    assert page.status_code == 200 and "没有关联党员档案" in page.content.decode()


def test_my_pledges_needs_a_login(client):
    assert client.get(reverse("pledges:mine")).status_code == 302


# ---- starting -------------------------------------------------------------------------------

def test_a_member_starts_their_work_pledge_and_lands_on_it(client, cycle, member,
                                                           member_user):
    response = login(client, member_user).post(reverse("pledges:start"), {
        "cycle": cycle.pk, "member": member.pk, "scope": "work"})
    pledge = Pledge.objects.get(member=member)
    assert response.status_code == 302 and response.url.startswith(detail(pledge))
    assert pledge.scope == Scope.WORK and not pledge.current_version.is_oral


def test_the_secretary_starts_an_oral_pledge_for_an_elderly_member(client, cycle, branch,
                                                                    branch_secretary):
    elderly = MemberFactory(organization=branch, elderly_or_low_literacy=True)
    response = login(client, branch_secretary).post(reverse("pledges:start"), {
        "cycle": cycle.pk, "member": elderly.pk, "scope": "work", "oral": "on"})
    pledge = Pledge.objects.get(member=elderly)
    assert response.status_code == 302 and pledge.current_version.is_oral


def test_an_oral_pledge_for_an_ineligible_member_is_refused_in_chinese(
        client, cycle, fellow_member, branch_secretary):
    response = login(client, branch_secretary).post(reverse("pledges:start"), {
        "cycle": cycle.pk, "member": fellow_member.pk, "oral": "on",
        "next": reverse("pledges:mine")}, follow=True)
    assert not Pledge.objects.exists()
    assert "只有年老体弱、文化程度低或离退休的党员可以口头承诺" in response.content.decode()


def test_the_secretary_starts_the_organization_pledge(client, cycle, branch,
                                                      branch_secretary):
    response = login(client, branch_secretary).post(reverse("pledges:start"), {
        "cycle": cycle.pk, "organization": branch.slug})
    pledge = Pledge.objects.get(owner_organization=branch)
    assert response.status_code == 302 and pledge.reviewing_organization == branch.parent


def test_starting_twice_leads_to_the_pledge_already_started(client, draft, cycle, member,
                                                            member_user):
    response = login(client, member_user).post(reverse("pledges:start"), {
        "cycle": cycle.pk, "member": member.pk}, follow=True)
    assert response.redirect_chain[-1][0] == detail(draft)
    assert "已经开始" in response.content.decode()
    assert Pledge.objects.count() == 1


def test_a_secretary_cannot_start_a_pledge_for_another_countys_member(
        client, cycle, other_member, branch_secretary):
    response = login(client, branch_secretary).post(reverse("pledges:start"), {
        "cycle": cycle.pk, "member": other_member.pk})
    assert response.status_code == 404 and not Pledge.objects.exists()


def test_a_community_admin_starts_the_residence_pledge_of_a_member_from_elsewhere(
        client, cycle, township, branch):
    from chengnuo.accounts.models import Role
    from chengnuo.tests.factories import OrganizationFactory, RoleGrantFactory, UserFactory

    community = OrganizationFactory(name="北山社区第二党支部", kind="branch",
                                    sector="community", parent=township)
    admin = RoleGrantFactory(organization=community, role=Role.ADMIN,
                             user=UserFactory(username="community_admin")).user
    organ = OrganizationFactory(name="区机关党支部", kind="branch", sector="government",
                                parent=township)
    resident = MemberFactory(organization=organ, in_service=True,
                             residence_organization=community)
    response = login(client, admin).post(reverse("pledges:start"), {
        "cycle": cycle.pk, "member": resident.pk, "scope": "residence"})
    pledge = Pledge.objects.get(member=resident)
    assert response.status_code == 302
    assert pledge.scope == Scope.RESIDENCE and pledge.reviewing_organization == community
    # The same admin reaches no other member of that home organization.
    stranger = MemberFactory(organization=organ)
    response = client.post(reverse("pledges:start"), {
        "cycle": cycle.pk, "member": stranger.pk, "scope": "residence"})
    assert response.status_code == 404


def test_start_is_post_only(client, member_user):
    assert login(client, member_user).get(reverse("pledges:start")).status_code == 405


# ---- the pledge page, by role ---------------------------------------------------------------

@pytest.mark.parametrize("role, status", [
    ("member_user", 200), ("branch_secretary", 200), ("county_reviewer", 200),
    ("other_secretary", 404)])
def test_who_may_open_the_pledge_page(client, request, submitted, role, status):
    user = request.getfixturevalue(role)
    assert login(client, user).get(detail(submitted)).status_code == status


def test_a_fellow_member_cannot_open_another_members_pledge(client, submitted, branch):
    fellow = MemberFactory(organization=branch, user=UserFactory(username="fellow"))
    assert login(client, fellow.user).get(detail(submitted)).status_code == 404


def test_the_pledge_page_shows_owner_reviewer_rules_deadline_and_items(client, draft,
                                                                       member_user):
    page = login(client, member_user).get(detail(draft)).content.decode()
    for text in ("王秀英", "第一党支部", "草稿", "每月参加支部学习一次", "全年12次",
                 "带头学习提高", draft.cycle.commitment_deadline.isoformat()):
        assert text in page
    assert f'action="{action("item_add", draft)}"' in page
    assert f'action="{action("submit", draft)}"' in page


def test_a_reviewer_sees_no_editing_forms_on_a_members_draft(client, draft,
                                                             county_reviewer):
    page = login(client, county_reviewer).get(detail(draft)).content.decode()
    assert action("item_add", draft) not in page and action("submit", draft) not in page


def test_the_member_adds_an_item_with_milestones_and_a_suggestion(client, draft, member_user,
                                                                  branch, cycle):
    suggestion = Suggestion.objects.create(organization=branch, cycle=cycle,
                                           text="希望多组织环境整治")
    response = login(client, member_user).post(action("item_add", draft), {
        "category": "lead_service", "content": "每月组织一次楼道环境整治",
        "target": "全年12次", "due_date": day(100).isoformat(),
        "milestone_0_title": "完成上半年6次", "milestone_0_date": day(50).isoformat(),
        "suggestions": [suggestion.pk]})
    assert response.status_code == 302
    item = PledgeItem.objects.get(content="每月组织一次楼道环境整治")
    assert [m.title for m in item.milestones.all()] == ["完成上半年6次"]
    assert list(item.suggestions.all()) == [suggestion]
    page = client.get(detail(draft)).content.decode()
    assert "希望多组织环境整治" in page and "完成上半年6次" in page


def test_an_item_due_outside_the_cycle_is_refused_on_the_page(client, draft, member_user):
    response = login(client, member_user).post(action("item_add", draft), {
        "category": "lead_service", "content": "每月组织一次楼道环境整治",
        "due_date": day(400).isoformat()})
    assert response.status_code == 200
    assert "完成日期必须在本年度" in response.content.decode()
    assert draft.current_version.items.count() == 2


def test_a_half_filled_milestone_is_refused_and_nothing_changes(client, draft, member_user):
    response = login(client, member_user).post(action("item_add", draft), {
        "category": "lead_service", "content": "每月组织一次楼道环境整治",
        "due_date": day(100).isoformat(), "milestone_1_title": "只有标题"})
    assert "每个节点都需要" in response.content.decode()
    assert draft.current_version.items.count() == 2


def test_the_item_edit_form_loads_inline_for_htmx(client, draft, member_user):
    item = draft.current_version.items.first()
    response = login(client, member_user).get(action("item_edit", draft, item.pk),
                                              HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert f'id="item-{item.pk}"' in body and item.content in body


def test_the_item_edit_page_works_without_javascript(client, draft, member_user):
    item = draft.current_version.items.first()
    login(client, member_user)
    assert "<html" in client.get(action("item_edit", draft, item.pk)).content.decode()
    response = client.post(action("item_edit", draft, item.pk), {
        "category": "lead_learning", "content": "每月参加支部学习两次", "target": "全年24次",
        "due_date": day(90).isoformat()})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.content == "每月参加支部学习两次" and item.due_date == day(90)


def test_editing_a_submitted_version_is_refused_on_the_page(client, submitted, member_user):
    item = submitted.current_version.items.first()
    response = login(client, member_user).post(action("item_edit", submitted, item.pk), {
        "category": "lead_learning", "content": "偷偷改掉", "due_date": day(90).isoformat()})
    assert response.status_code == 200 and "只有草稿可以修改" in response.content.decode()
    item.refresh_from_db()
    assert item.content != "偷偷改掉"


def test_the_member_removes_an_item(client, draft, member_user):
    item = draft.current_version.items.first()
    login(client, member_user).post(action("item_remove", draft, item.pk))
    assert not PledgeItem.objects.filter(pk=item.pk).exists()


def test_another_countys_secretary_cannot_remove_an_item(client, draft, other_secretary):
    item = draft.current_version.items.first()
    response = login(client, other_secretary).post(action("item_remove", draft, item.pk))
    assert response.status_code == 404 and PledgeItem.objects.filter(pk=item.pk).exists()


def test_the_member_submits_with_a_note(client, draft, member_user):
    response = login(client, member_user).post(action("submit", draft), {"note": "请审核"})
    assert response.status_code == 302
    assert refreshed(draft).state == State.SUBMITTED
    assert refreshed(draft).current_version.note == "请审核"


def test_too_few_items_are_refused_on_submit_in_chinese(client, cycle, member, member_user):
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    add_items(pledge, member_user, count=1)
    response = login(client, member_user).post(action("submit", pledge), {"note": ""})
    assert response.status_code == 200
    assert "至少承诺2项" in response.content.decode()
    assert refreshed(pledge).state == State.DRAFT


def test_a_returned_pledge_shows_the_guidance_and_a_revise_button(client, returned,
                                                                  member_user):
    page = login(client, member_user).get(detail(returned)).content.decode()
    assert "第二项请写明服务对象和次数" in page
    assert f'action="{action("revise", returned)}"' in page


def test_revising_makes_a_new_draft_that_still_shows_the_guidance(client, returned,
                                                                  member_user):
    response = login(client, member_user).post(action("revise", returned))
    assert response.status_code == 302
    pledge = refreshed(returned)
    assert pledge.state == State.DRAFT and pledge.current_version.number == 2
    page = client.get(detail(pledge)).content.decode()
    assert "第二项请写明服务对象和次数" in page and action("item_add", pledge) in page


def test_the_member_withdraws_an_undecided_submission_from_the_page(client, submitted,
                                                                     member_user):
    page = login(client, member_user).get(detail(submitted)).content.decode()
    assert f'action="{action("withdraw", submitted)}"' in page
    response = client.post(action("withdraw", submitted), follow=True)
    assert "已撤回提交" in response.content.decode()
    assert refreshed(submitted).state == State.DRAFT


def test_a_decided_submission_offers_no_withdrawal(client, approved, member_user):
    page = login(client, member_user).get(detail(approved)).content.decode()
    assert action("withdraw", approved) not in page
    response = client.post(action("withdraw", approved), follow=True)
    assert "只有尚未审核的提交才能撤回" in response.content.decode()
    assert refreshed(approved).state == State.APPROVED


def test_revising_a_draft_is_refused_on_the_page(client, draft, member_user):
    response = login(client, member_user).post(action("revise", draft), follow=True)
    assert "只有被退回的承诺才能修改" in response.content.decode()
    assert refreshed(draft).current_version.number == 1


def test_an_older_version_can_be_viewed(client, returned, member_user):
    services.pledge_revise(actor=member_user, pledge=returned)
    page = login(client, member_user).get(detail(returned, version=1)).content.decode()
    assert "您正在查看第1版" in page and "已退回修改" in page
    assert client.get(detail(returned, version=9)).status_code == 404


def test_the_secretary_publishes_with_channels_and_sees_the_fingerprint(
        client, approved, branch_secretary):
    login(client, branch_secretary)
    page = client.get(detail(approved)).content.decode()
    for label in ("会议", "文件", "党务公开栏", "报刊", "电视", "网络"):
        assert label in page
    response = client.post(action("publish", approved), {
        "meeting_used": "on", "meeting_date": TODAY.isoformat(),
        "meeting_reference": "支部党员大会", "document_date": TODAY.isoformat()})
    assert response.status_code == 302
    pledge = refreshed(approved)
    assert pledge.state == State.PUBLISHED
    channels = set(Publication.objects.values_list("channel", flat=True))
    assert channels == {"meeting", "internet"}
    page = client.get(detail(pledge)).content.decode()
    assert pledge.current_version.ledger_entry.fingerprint in page
    assert "支部党员大会" in page


def test_a_publication_dated_in_the_future_is_refused_on_the_page(client, approved,
                                                                  branch_secretary):
    response = login(client, branch_secretary).post(action("publish", approved), {
        "meeting_used": "on", "meeting_date": day(3).isoformat()})
    assert response.status_code == 200 and "不能为空或在未来" in response.content.decode()
    assert refreshed(approved).state == State.APPROVED


def test_the_member_cannot_publish(client, approved, member_user):
    page = login(client, member_user).get(detail(approved)).content.decode()
    assert action("publish", approved) not in page
    response = client.post(action("publish", approved), {})
    assert response.status_code == 404 and refreshed(approved).state == State.APPROVED


def test_the_secretary_records_another_channel(client, published, branch_secretary):
    response = login(client, branch_secretary).post(action("publication", published), {
        "channel": "bulletin_board", "date": TODAY.isoformat(), "reference": "社区公开栏"})
    assert response.status_code == 302
    assert Publication.objects.filter(channel="bulletin_board").exists()


def test_recording_a_channel_in_the_future_is_refused(client, published, branch_secretary):
    response = login(client, branch_secretary).post(action("publication", published), {
        "channel": "bulletin_board", "date": day(5).isoformat()})
    assert "不能为空或在未来" in response.content.decode()
    assert not Publication.objects.filter(channel="bulletin_board").exists()


def test_the_member_amends_a_published_pledge_with_a_reason(client, published, member_user):
    page = login(client, member_user).get(detail(published)).content.decode()
    assert action("amend", published) in page
    response = client.post(action("amend", published), {"reason": "岗位调整"})
    assert response.status_code == 302
    pledge = refreshed(published)
    assert pledge.state == State.DRAFT and pledge.published_version.number == 1


def test_amending_a_draft_is_refused_on_the_page(client, draft, member_user):
    response = login(client, member_user).post(action("amend", draft), {"reason": "岗位调整"})
    assert response.status_code == 200 and "只有已公开的承诺才能修订" in response.content.decode()
    assert refreshed(draft).versions.count() == 1


# ---- deadline extension --------------------------------------------------------------------

@pytest.fixture
def late_draft(draft, cycle):
    Cycle.objects.filter(pk=cycle.pk).update(solicitation_opens=day(-60),
                                              commitment_deadline=day(-1))
    return refreshed(draft)


def test_after_the_deadline_the_reviewing_admin_sees_extend(client, late_draft,
                                                           branch_secretary, member_user):
    page = login(client, branch_secretary).get(detail(late_draft)).content.decode()
    assert action("extend", late_draft) in page
    page = login(client, member_user).get(detail(late_draft)).content.decode()
    assert action("extend", late_draft) not in page


def test_submitting_after_the_deadline_is_refused_until_extended(client, late_draft,
                                                                 branch_secretary,
                                                                 member_user):
    response = login(client, member_user).post(action("submit", late_draft), {"note": ""})
    assert "已过" in response.content.decode()
    assert refreshed(late_draft).state == State.DRAFT
    response = login(client, branch_secretary).post(action("extend", late_draft), {
        "until": day(7).isoformat(), "reason": "住院治疗"})
    assert response.status_code == 302
    page = client.get(detail(late_draft)).content.decode()
    assert "住院治疗" in page and day(7).isoformat() in page
    login(client, member_user).post(action("submit", late_draft), {"note": ""})
    assert refreshed(late_draft).state == State.SUBMITTED


def test_an_extension_into_the_past_is_refused_on_the_page(client, late_draft,
                                                           branch_secretary):
    response = login(client, branch_secretary).post(action("extend", late_draft), {
        "until": day(-3).isoformat(), "reason": "补交"})
    assert response.status_code == 200 and "今天或以后" in response.content.decode()
    assert refreshed(late_draft).extended_until is None


# ---- the member page -----------------------------------------------------------------------

def test_the_member_page_lists_their_pledges(client, submitted, branch_secretary, member):
    page = login(client, branch_secretary).get(
        reverse("members:detail", args=[member.pk])).content.decode()
    assert detail(submitted) in page and "已提交待审" in page


# ---- an organization's pledge ---------------------------------------------------------------

def test_the_organization_pledge_offers_the_five_goods_and_is_reviewed_above(
        client, cycle, branch, branch_secretary, county_reviewer):
    pledge = services.pledge_start(actor=branch_secretary, cycle=cycle, organization=branch)
    page = login(client, branch_secretary).get(detail(pledge)).content.decode()
    assert "领导班子好" in page and "为群众办实事" in page and "带头学习提高" not in page
    assert "北山社区党委" in page
    response = client.post(action("item_add", pledge), {
        "category": "leadership_team", "content": "每季度召开一次班子民主生活会",
        "target": "全年4次", "due_date": day(100).isoformat()})
    assert response.status_code == 302
    assert PledgeItem.objects.filter(version__pledge=pledge).count() == 1
    assert login(client, county_reviewer).get(
        reverse("pledges:review", args=[pledge.pk])).status_code == 200


def test_an_oral_pledge_is_edited_by_the_secretary_not_the_member(client, cycle, branch,
                                                                  branch_secretary):
    elderly = MemberFactory(organization=branch, retired=True,
                            user=UserFactory(username="elderly"))
    pledge = services.pledge_start(actor=branch_secretary, cycle=cycle, member=elderly,
                                   oral=True)
    page = login(client, elderly.user).get(detail(pledge)).content.decode()
    assert "口头承诺" in page and action("item_add", pledge) not in page
    mine = client.get(reverse("pledges:mine")).content.decode()
    assert "由书记代您记录" in mine
    page = login(client, branch_secretary).get(detail(pledge)).content.decode()
    assert action("item_add", pledge) in page


def test_removing_an_item_of_a_submitted_version_is_refused_on_the_page(client, submitted,
                                                                       member_user):
    item = submitted.current_version.items.first()
    response = login(client, member_user).post(action("item_remove", submitted, item.pk),
                                               follow=True)
    assert "只有草稿可以修改" in response.content.decode()
    assert PledgeItem.objects.filter(pk=item.pk).exists()
