import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from chengnuo.pledges import services
from chengnuo.pledges.categories import Category
from chengnuo.tests.factories import (
    ALL_CRITERIA,
    MemberFactory,
    UserFactory,
    add_items,
    submitted_pledge,
)


def board(client, branch, **params):
    return client.get(reverse("organizations:public", args=[branch.slug]), params)


def test_board_shows_the_published_items_and_the_ledger_fingerprint(client, branch, member,
                                                                    publish):
    pledge = publish(member=member)
    page = board(client, branch).content.decode()
    version = pledge.published_version
    assert "王秀英" in page and "每月走访困难群众不少于2户" in page
    assert "全年走访24户次" in page
    assert version.ledger_entry.fingerprint in page
    assert str(Category.LEAD_SERVICE.label) in page


def test_board_names_the_channels_the_pledge_was_made_public_through(
        client, branch, member, publish, branch_secretary):
    import datetime

    pledge = publish(member=member)
    services.publication_record(actor=branch_secretary, pledge=pledge,
                                channel="bulletin_board", date=datetime.date.today(),
                                reference="社区党群服务中心门口公开栏")
    page = board(client, branch).content.decode()
    assert "公开渠道" in page and "党务公开栏" in page and "社区党群服务中心门口公开栏" in page


def test_board_shows_the_organizations_own_pledge_first(client, branch, member, publish):
    theirs = publish(member=member)
    ours = publish(organization=branch)
    page = board(client, branch).content.decode()
    assert str(Category.PRACTICAL_SERVICE.label) in page
    assert page.index(f'id="pledge-{ours.pk}"') < page.index(f'id="pledge-{theirs.pk}"')


def test_drafts_and_submissions_never_reach_the_board(client, branch, member, fellow_member,
                                                      branch_secretary, cycle):
    draft = services.pledge_start(actor=branch_secretary, cycle=cycle, member=fellow_member)
    services.item_add(actor=branch_secretary, pledge=draft, category="lead_learning",
                      content="草稿里的承诺不公开")
    submitted_pledge(actor=branch_secretary, cycle=cycle, member=member)
    page = board(client, branch).content.decode()
    assert "草稿里的承诺不公开" not in page
    assert "每月走访困难群众" not in page


def test_an_amendment_stays_hidden_until_published_then_history_shows_the_old_version(
        client, branch, member, branch_secretary, county_reviewer, publish):
    pledge = publish(member=member)
    old_fingerprint = pledge.published_version.ledger_entry.fingerprint
    services.pledge_amend(actor=branch_secretary, pledge=pledge, reason="增加一项")
    add_items(pledge, actor=branch_secretary, count=1, category="lead_learning")
    pledge.refresh_from_db()
    amended_text = pledge.current_version.items.order_by("-position")[0].content
    services.item_update(actor=branch_secretary,
                         item=pledge.current_version.items.order_by("-position")[0],
                         category="lead_learning", content="修订后新增的学习承诺")
    services.pledge_submit(actor=branch_secretary, pledge=pledge)
    page = board(client, branch).content.decode()
    assert "修订后新增的学习承诺" not in page and amended_text
    assert "第 1 版" in page or "第1版" in page

    services.pledge_review(actor=county_reviewer, pledge=pledge, decision="approved",
                           criteria_met=ALL_CRITERIA)
    from django.core.cache import cache
    cache.clear()  # the board is cached for a minute; a new visitor after that sees:
    page = board(client, branch).content.decode()
    assert "修订后新增的学习承诺" not in page  # approved, not yet published

    services.pledge_publish(actor=branch_secretary, pledge=pledge)
    cache.clear()
    page = board(client, branch).content.decode()
    assert "修订后新增的学习承诺" in page
    assert "<details" in page and "此前公开的版本" in page
    assert old_fingerprint in page


def test_board_of_an_earlier_year_is_picked_with_the_year_parameter(client, branch, member,
                                                                    publish, cycle):
    publish(member=member)
    page = board(client, branch, year=cycle.year - 5).content.decode()
    assert "每月走访困难群众" not in page
    page = board(client, branch, year=cycle.year).content.decode()
    assert "每月走访困难群众" in page


def test_anonymous_board_sets_no_cookie_and_has_no_csrf_token(client, branch, member,
                                                              publish):
    publish(member=member)
    response = board(client, branch)
    assert not response.cookies and "Set-Cookie" not in response
    assert "Cookie" not in response.get("Vary", "")
    page = response.content.decode()
    assert "csrfmiddlewaretoken" not in page
    assert 'hx-get="' + reverse("suggestions:form", args=[branch.slug]) in page


def test_pledge_text_with_a_script_is_escaped(client, branch, member, branch_secretary,
                                              county_reviewer, cycle):
    pledge = services.pledge_start(actor=branch_secretary, cycle=cycle, member=member)
    add_items(pledge, actor=branch_secretary, count=2)
    services.item_add(actor=branch_secretary, pledge=pledge, category="lead_learning",
                      content="<script>alert('x')</script>学习")
    services.pledge_submit(actor=branch_secretary, pledge=pledge)
    services.pledge_review(actor=county_reviewer, pledge=pledge, decision="approved",
                           criteria_met=ALL_CRITERIA)
    services.pledge_publish(actor=branch_secretary, pledge=pledge)
    for url in (reverse("organizations:public", args=[branch.slug]),
                reverse("boards:member", args=[member.public_id]),
                reverse("boards:sheet", args=[branch.slug]),
                reverse("boards:badge", args=[member.public_id])):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page, url
        assert "&lt;script&gt;" in page, url


def _count(client, url) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["organizations:public", "boards:sheet"])
def test_board_query_count_does_not_grow_with_members(client, branch, publish, name):
    url = reverse(name, args=[branch.slug])
    publish(organization=branch)
    publish(member=MemberFactory(organization=branch))
    few = _count(client, url)
    for _ in range(4):
        publish(member=MemberFactory(organization=branch), items=5)
    assert _count(client, url) == few
    # +1: the notices concerning the organization; +2: progress (the items' latest reports,
    # the status summary); +2: the quarter's stars and star lists.
    assert few <= 16


def test_board_query_count_does_not_grow_with_progress_reports(client, branch, publish,
                                                               time_machine):
    import datetime

    from django.utils import timezone

    from chengnuo.progress.services import progress_report

    url = reverse("organizations:public", args=[branch.slug])
    member = MemberFactory(organization=branch, user=UserFactory())
    pledge = publish(member=member)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=3), tick=False)
    items = list(pledge.published_version.items.all())

    def report(item, percent):
        progress_report(actor=member.user, item=item, reported_on=timezone.localdate(),
                        percent=percent, narrative=f"完成了{percent}%")

    report(items[0], 10)
    few = _count(client, url)  # +1 over an empty history: the reports' evidence
    for item in items:
        for percent in (20, 40, 60, 80, 100):
            report(item, percent)
    publish(member=MemberFactory(organization=branch), items=5)
    assert _count(client, url) == few


def test_long_boards_are_paginated(client, branch, publish, settings):
    from chengnuo.boards import views

    for _ in range(3):
        publish(member=MemberFactory(organization=branch))
    views.BOARD_PAGE_SIZE, saved = 2, views.BOARD_PAGE_SIZE
    try:
        page = board(client, branch).content.decode()
    finally:
        views.BOARD_PAGE_SIZE = saved
    assert "page=2" in page
