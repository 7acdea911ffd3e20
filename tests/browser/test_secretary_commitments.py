"""The secretary's side of the commitments in the browser: recording an oral pledge from the
overview, extending a deadline that has passed, and an amendment of a published pledge that
the public does not see until it is published again."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import zh

pytestmark = pytest.mark.browser

DAY = datetime.timedelta(days=1)
ORAL_ITEMS = [
    ("lead_integrity", "每月给小区的年轻人讲一次老党员的故事", "全年讲12次"),
    ("good_deeds", "每天早上在小区门口义务看护上学的孩子过马路", "全年不少于200天"),
    ("lead_learning", "每周听一次广播里的党课，请孙女帮忙记下体会", "全年记体会48篇"),
]
OWN_ITEMS = [
    ("lead_service", "每月走访本社区独居老人不少于5户，帮老人代买药品、陪同就医",
     "全年走访60户次"),
    ("lead_learning", "每周自学党章党规不少于2小时，每季度写一篇学习体会交支部", "全年4篇"),
    ("good_deeds", "每季度组织一次楼道卫生清扫，清理楼道堆放杂物", "全年清扫4次"),
]


def open_cycle(county, county_admin, **dates):
    from chengnuo.cycles.services import cycle_open
    from chengnuo.tests.factories import cycle_dates

    dates = {**cycle_dates(), **dates}
    return cycle_open(actor=county_admin, organization=county,
                      year=dates["commitment_deadline"].year, **dates)


def fill(pledge, *, actor, items):
    from chengnuo.pledges import services

    for category, content, target in items:
        services.item_add(actor=actor, pledge=pledge, category=category, content=content,
                          target=target, due_date=pledge.cycle.quarter_4_ends)


def test_secretary_records_an_oral_pledge_for_an_elderly_member_and_reviews_it(
        page, live_server, log_in, shoot, county, county_admin, branch, branch_secretary,
        member):
    from chengnuo.pledges.categories import Category
    from chengnuo.pledges.models import Pledge
    from chengnuo.tests.factories import MemberFactory

    open_cycle(county, county_admin)
    elderly = MemberFactory(organization=branch, name="周桂兰", elderly_or_low_literacy=True,
                            birth_date=datetime.date(1941, 3, 2))

    log_in(page, "branch_secretary")
    page.locator("#commitment-links").get_by_role(
        "link", name=zh("Commitments overview")).click()
    expect(page).to_have_url(re.compile(rf"/org/{branch.slug}/commitments/$"))
    row = page.locator(f"#member-{elderly.pk}")
    expect(row).to_contain_text(zh("may pledge orally"))
    # Only a member who may pledge orally is offered an oral pledge.
    expect(page.locator(f"#member-{member.pk}").get_by_role(
        "button", name=re.compile(zh("Record an oral pledge")))).to_have_count(0)
    shoot(page, "secretary-commitments-01-overview-start", doc="secretary-overview-start")
    row.get_by_role("button", name=re.compile(zh("Record an oral pledge"))).click()
    page.wait_for_load_state()

    pledge = Pledge.objects.get(member=elderly)
    assert pledge.current_version.is_oral
    expect(page).to_have_url(re.compile(rf"/pledges/{pledge.pk}/#add-item$"))
    expect(page.locator(".badge", has_text=zh("Oral pledge")).first).to_be_visible()
    for category, content, target in ORAL_ITEMS:
        page.locator("#add_category").select_option(label=str(Category(category).label))
        page.locator("#add_content").fill(content)
        page.locator("#add_target").fill(target)
        page.locator("#add_due_date").fill(pledge.cycle.quarter_4_ends.isoformat())
        page.get_by_role("button", name=zh("Add this item")).click()
        page.wait_for_load_state()
    expect(page.locator("#items > ol > li")).to_have_count(3)
    page.locator("#id_note").fill("周桂兰同志口述，书记代为记录。")
    page.locator("#submit").get_by_role("button", name=zh("Submit for review")).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(zh("Submitted for review."))
    shoot(page, "secretary-commitments-02-oral-submitted", doc="secretary-oral-pledge")

    # The secretary only wrote it down: the overview offers the review.
    page.goto(f"{live_server.url}{reverse('worklists:overview', args=[branch.slug])}")
    page.locator(f"#member-{elderly.pk}").get_by_role(
        "link", name=re.compile(f"^{zh('Review')}")).click()
    expect(page).to_have_url(re.compile(rf"/pledges/{pledge.pk}/review/$"))
    expect(page.locator(".badge", has_text=zh("Oral pledge")).first).to_be_visible()
    for box in page.locator("#decision input[name=criteria_met]").all():
        box.check()
    page.get_by_role("button", name=zh("Approve")).click()
    page.wait_for_load_state()
    pledge.refresh_from_db()
    assert pledge.state == "approved"


def test_after_the_deadline_the_secretary_extends_it_and_the_member_submits(
        page, open_page, live_server, log_in, shoot, county, county_admin, branch,
        branch_secretary, member_user, member):
    from django.utils import timezone

    from chengnuo.pledges import services
    from chengnuo.pledges.models import DeadlineExtension

    today = timezone.localdate()
    cycle = open_cycle(county, county_admin, solicitation_opens=today - 90 * DAY,
                       commitment_deadline=today - 10 * DAY)
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    fill(pledge, actor=member_user, items=OWN_ITEMS)
    detail = f"{live_server.url}{reverse('pledges:detail', args=[pledge.pk])}"

    log_in(page, "member_user")
    page.goto(detail)
    expect(page.locator("main dl").first).to_contain_text(zh("passed"))
    page.locator("#submit").get_by_role("button", name=zh("Submit for review")).click()
    page.wait_for_load_state()
    expect(page.locator("#submit")).to_contain_text(cycle.commitment_deadline.isoformat())
    pledge.refresh_from_db()
    assert pledge.state == "draft"
    # Only an admin over the reviewing organization extends; the member sees no such form.
    expect(page.locator("#extend")).to_have_count(0)

    secretary = open_page()
    log_in(secretary, "branch_secretary")
    secretary.goto(detail)
    extend = secretary.locator("#extend")
    until = today + 7 * DAY
    extend.get_by_label(zh("Extend until")).fill(until.isoformat())
    extend.get_by_label(zh("Reason")).fill("王秀英同志住院治疗，出院后补交")
    shoot(secretary, "secretary-commitments-03-extend", doc="secretary-extend")
    extend.get_by_role("button", name=zh("Extend the deadline")).click()
    secretary.wait_for_load_state()
    expect(secretary.locator(".alert-success")).to_contain_text(zh("Deadline extended."))
    expect(secretary.locator("main")).to_contain_text("王秀英同志住院治疗，出院后补交")
    assert DeadlineExtension.objects.get(pledge=pledge).granted_by == branch_secretary

    page.goto(detail)
    expect(page.locator("main dl").first).to_contain_text(until.isoformat())
    page.locator("#submit").get_by_role("button", name=zh("Submit for review")).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(zh("Submitted for review."))
    pledge.refresh_from_db()
    assert pledge.state == "submitted"


def test_an_amendment_is_reviewed_again_while_the_public_keeps_the_published_version(
        page, open_page, live_server, log_in, shoot, county, county_admin, branch,
        branch_secretary, member_user, member):
    from django.core.cache import cache

    from chengnuo.pledges import services
    from chengnuo.tests.factories import ALL_CRITERIA

    cycle = open_cycle(county, county_admin)
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    fill(pledge, actor=member_user, items=OWN_ITEMS)
    services.pledge_submit(actor=member_user, pledge=pledge)
    services.pledge_review(actor=branch_secretary, pledge=pledge, decision="approved",
                           criteria_met=ALL_CRITERIA)
    services.pledge_publish(actor=branch_secretary, pledge=pledge)
    pledge.refresh_from_db()
    first = pledge.published_version

    log_in(page, "member_user")
    page.goto(f"{live_server.url}{reverse('pledges:detail', args=[pledge.pk])}")
    expect(page.locator("#publication")).to_contain_text(first.ledger_entry.fingerprint)
    page.get_by_label(zh("Why the published pledge must change")).fill(
        "楼道清扫改为每月一次，居民希望更勤一些")
    shoot(page, "secretary-commitments-04-amend", doc="member-amend")
    page.get_by_role("button", name=zh("Start an amendment")).click()
    page.wait_for_load_state()
    expect(page.locator("#items-heading")).to_contain_text("2")
    cleaning = page.locator("#items > ol > li").nth(2)
    cleaning.get_by_role("link", name=zh("Edit")).click()
    form = page.locator("#items form").filter(has=page.get_by_role("button", name=zh("Save")))
    form.locator("textarea[name=content]").fill("每月组织一次楼道卫生清扫，清理楼道堆放杂物")
    form.locator("input[name=target]").fill("全年清扫12次")
    form.get_by_role("button", name=zh("Save")).click()
    page.wait_for_load_state()
    page.locator("#submit").get_by_role("button", name=zh("Submit for review")).click()
    page.wait_for_load_state()
    pledge.refresh_from_db()
    assert (pledge.state, pledge.published_version) == ("submitted", first)

    # The public still sees version 1, whatever is under review.
    cache.clear()
    visitor = open_page()
    visitor.goto(f"{live_server.url}{reverse('boards:member', args=[member.public_id])}")
    card = visitor.locator(f"#pledge-{pledge.pk}")
    expect(card).to_contain_text("每季度组织一次楼道卫生清扫")
    expect(card).not_to_contain_text("全年清扫12次")
    expect(card.locator("code.fingerprint")).to_have_text(first.ledger_entry.fingerprint)

    # The secretary's overview shows the amendment; approve and publish it.
    secretary = open_page()
    log_in(secretary, "branch_secretary")
    secretary.goto(f"{live_server.url}{reverse('worklists:overview', args=[branch.slug])}")
    expect(secretary.locator(f"#member-{member.pk}")).to_contain_text(
        zh("Amendment in progress"))
    secretary.goto(f"{live_server.url}{reverse('pledges:review', args=[pledge.pk])}")
    expect(secretary.locator("#diff .diff-changed")).to_have_count(1)
    for box in secretary.locator("#decision input[name=criteria_met]").all():
        box.check()
    secretary.get_by_role("button", name=zh("Approve")).click()
    secretary.wait_for_load_state()
    secretary.locator("#publish").get_by_role("button", name=zh("Publish")).click()
    secretary.wait_for_load_state()
    pledge.refresh_from_db()
    assert pledge.state == "published" and pledge.published_version.number == 2

    # Server and browser may keep the page for a minute; a citizen arriving later sees v2.
    cache.clear()
    visitor = open_page()
    visitor.goto(f"{live_server.url}{reverse('boards:member', args=[member.public_id])}")
    card = visitor.locator(f"#pledge-{pledge.pk}")
    expect(card).to_contain_text("全年清扫12次")
    expect(card.locator("code.fingerprint").first).to_have_text(
        pledge.published_version.ledger_entry.fingerprint)
    # The superseded version stays readable in the history, with its own fingerprint.
    history = card.locator("details.history")
    history.locator("summary").click()
    expect(history).to_contain_text("每季度组织一次楼道卫生清扫")
    expect(history).to_contain_text(first.ledger_entry.fingerprint)
    shoot(visitor, "secretary-commitments-05-public-history", doc="public-member-history")
