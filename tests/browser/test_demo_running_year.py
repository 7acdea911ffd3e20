"""The demo's running year walked in Chinese, two quarters into its fulfilment, as a new user
would after `make run`: the demo member reports progress with a photo on an item that is
behind; the demo secretary reads the branch's quarterly reviews (the first one corrected),
verifies the resident's report waiting in the queue and answers the county's open
rectification order with a photo; the county admin reads the overdue view (late items and
milestones, the branch that filed no quarterly review) and accepts the answer; a citizen
reads the branch's board for the running year: the criticism with both orders' results,
every item's status and bar, the stars, and a member page with verified deeds.

Seeding the demo takes a while, so the walk is one test of named steps on one seeded
database; each step is a person at their own computer.
"""

import math
import re
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from chengnuo.demo.accounts import DEMO_PASSWORD, SHOWCASE_BRANCH, SHOWCASE_COMMUNITY
from chengnuo.demo.fulfilment_texts import (
    ACCEPT_RESULT,
    CORRECTION_REASON,
    CRITICISM_TITLE,
    DEED_ADDENDUM,
    MEMBER_ORDER,
    ORGANIZATION_ORDER,
    QUARTER_SUMMARIES,
)
from chengnuo.demo.geography import SHOWCASE_COUNTY

from .conftest import zh

pytestmark = pytest.mark.browser

SILENT_BRANCH = f"{SHOWCASE_COMMUNITY}第二党支部"  # filed no quarterly review at all
# The msgid of each status (chengnuo.progress.schedule.Status).
STATUS = {"on_schedule": "On schedule", "at_risk": "At risk", "overdue": "Past due",
          "done": "Done"}

# Whatever item is behind today: the member catches up on it.
REPORT = "按进度表补上了落下的进度：本月集中开展了三次，现场照片已上传，居民已签字确认。"
ANSWER = ("支部召开专题会议制定补救计划：逐项明确责任人和完成时间，设岗定责名单已张榜公布，"
          "新增投放点本月底前全部投入使用；整改结果已在党务公开栏公布。")
RESULT = "经核查，补救计划和责任人明确，设岗定责已张榜公布，整改到位。"


@dataclass
class Year:
    """What the seeded running year holds for the walk, read from the database."""

    cycle: object
    branch: object
    county: object
    pledge: object  # the demo member's published pledge of the running year
    waiting_deed: object  # the resident's report the secretary has not decided yet
    open_order: object  # the county's order for the branch itself
    closed_order: object  # the order for a member, answered and accepted


@pytest.fixture
def year(transactional_db, settings, tmp_path):
    """The demo seeded as `make run` does, its photos in a folder of the test's own."""
    from chengnuo.cycles.models import Cycle
    from chengnuo.deeds.models import Deed
    from chengnuo.notices.models import Rectification
    from chengnuo.organizations.models import Organization
    from chengnuo.pledges.models import Pledge

    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)
    cycle = Cycle.objects.order_by("year").first()  # the older one is being fulfilled
    assert Cycle.objects.filter(year=cycle.year + 1).exists()
    branch = Organization.objects.get(name=SHOWCASE_BRANCH)
    orders = Rectification.objects.filter(notice__organizations=branch).distinct()
    return Year(
        cycle=cycle, branch=branch, county=Organization.objects.get(name=SHOWCASE_COUNTY),
        pledge=Pledge.objects.get(cycle=cycle, member__user__username="member",
                                  state="published"),
        waiting_deed=Deed.objects.select_related("member").get(organization=branch,
                                                               state="reported"),
        open_order=orders.get(organization=branch, state="open"),
        closed_order=orders.select_related("member").get(member__isnull=False,
                                                         state="accepted"))


def person(open_page, log_in, username):
    """A demo user at their own computer, logged in with the published demo password."""
    page = open_page()
    log_in(page, username, DEMO_PASSWORD)
    return page


def citizen_at(open_page, url):
    """A citizen reading a public page; the minute-long cache is let pass first."""
    cache.clear()
    page = open_page()
    page.goto(url)
    return page


def item_behind(pledge):
    """The first item not done whose dates are all still ahead (at risk first), with its
    schedule today, and the status it will have at the percent the member reports."""
    from chengnuo.progress import schedule

    today = timezone.localdate()
    started = schedule.started_on(pledge)
    items = pledge.published_version.items.prefetch_related("milestones").order_by("position")
    plans = [(item, schedule.item_schedule(item, today, started_on=started,
                                           cycle_ends=pledge.cycle.ends)) for item in items]
    candidates = sorted((p for p in plans if p[1].status in ("at_risk", "on_schedule")),
                        key=lambda p: p[1].status != "at_risk")
    assert candidates, [p[1].status for p in plans]
    item, plan = candidates[0]
    # Catch up with the pace (in steps of five, as people report), short of finishing.
    percent = min(95, 5 * math.ceil(max(plan.expected, item.percent + 10) / 5))
    after = schedule.status_of(percent=percent, done_on=None, due_on=plan.due_on,
                               next_milestone_on=schedule.next_milestone_on(item),
                               started_on=started, today=today)
    return item, plan, percent, after


# ---- 1. The member: 我的承诺, an item behind, a report with a photo --------------------------

def the_member_finds_the_running_year_in_my_commitments(page, shoot, year, item, plan):
    page.get_by_role("link", name=zh("My commitments")).first.click()
    section = page.locator(f"section[aria-labelledby=cycle-{year.cycle.pk}]")
    expect(section.locator("h2")).to_contain_text(str(year.cycle.year))
    expect(section).to_contain_text(zh("Published"))
    expect(section).to_contain_text(zh("Published commitments and their progress"))
    row = section.locator(".mine-items li").filter(has_text=item.content[:30])
    expect(row).to_contain_text(zh("%(percent)s%% done") % {"percent": item.percent})
    # Next year's draft waits above it, under its own year.
    expect(page.locator("section").first.locator("h2")).to_contain_text(
        str(year.cycle.year + 1))
    shoot(page, "demo-year-01-my-commitments")
    row.get_by_role("link", name=re.compile(zh("Report progress"))).click()
    expect(page).to_have_url(re.compile(rf"/items/{item.pk}/progress/$"))
    expect(page.locator("#item-status")).to_have_text(zh(STATUS[plan.status]))
    expect(page.locator("#schedule")).to_contain_text(
        zh("%(percent)s%% done; the schedule expects %(expected)s%% by now.")
        % {"percent": plan.percent, "expected": plan.expected})


def the_member_reports_progress_with_a_photo(page, shoot, item, percent, after, photo):
    reports = page.locator("#history [id^=report-]")
    before = reports.count()
    form = page.locator("#report form")
    expect(form.get_by_label(zh("Date of the progress"))).to_have_value(
        timezone.localdate().isoformat())
    form.get_by_label(zh("Percent done")).fill(str(percent))
    form.get_by_label(zh("What was done")).fill(REPORT)
    form.get_by_label(zh("Photos or documents")).set_input_files(str(photo))
    shoot(page, "demo-year-02-report-form", doc="demo-year-report-form")
    form.get_by_role("button", name=zh("Report progress")).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(
        zh("Progress reported. The public board shows it."))
    expect(reports).to_have_count(before + 1)  # the new one on top of the year's earlier ones
    latest = reports.first
    expect(latest).to_contain_text(REPORT[:20])
    expect(latest).to_contain_text(f"{percent}%")
    image = latest.locator(".evidence-list img")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    expect(page.locator("#item-status")).to_have_text(zh(STATUS[after]))
    shoot(page, "demo-year-03-reported")


def the_public_member_page_shows_the_report(citizen, shoot, year, item, percent, after):
    expect(citizen.locator("h1")).to_contain_text(year.pledge.member.name)
    # Their chart is of the running year (next year's pledge is still a draft).
    expect(citizen.locator(f"#progress-member-{year.pledge.member_id}-title")).to_contain_text(
        str(year.cycle.year))
    card = citizen.locator(f"#pledge-{year.pledge.pk} .pledge-item").filter(
        has_text=item.content)
    expect(card.locator(".status-badge")).to_have_text(zh(STATUS[after]))
    expect(card.get_by_role("progressbar")).to_have_attribute("aria-valuenow", str(percent))
    expect(card).to_contain_text(REPORT[:20])
    expect(card.locator(".evidence-list img").first).to_be_visible()
    card.scroll_into_view_if_needed()
    shoot(citizen, "demo-year-04-public-member")


# ---- 2. The secretary: quarterly reviews, the deeds queue, the open order ------------------

def the_secretary_reads_both_quarters_and_the_correction(page, shoot, year):
    from chengnuo.supervision.models import QuarterlyReview

    page.locator("#supervision-links").get_by_role(
        "link", name=zh("Quarterly reviews")).click()
    expect(page).to_have_url(re.compile(rf"/org/{year.branch.slug}/quarters/$"))
    # The year being fulfilled, not the one collecting suggestions.
    expect(page.locator("h1 + div")).to_contain_text(
        zh("%(year)s cycle") % {"year": year.cycle.year})
    for number, versions in ((1, 2), (2, 1)):
        latest = (QuarterlyReview.objects.filter(organization=year.branch, cycle=year.cycle,
                                                 quarter=number)
                  .select_related("filed_by").latest("number"))
        assert latest.number == versions
        quarter = page.locator(f"#quarter-{number}")
        expect(quarter).to_contain_text(zh("Filed"))
        expect(quarter).to_contain_text(
            zh("Filed %(when)s by %(who)s · version %(number)s") % {
                "when": timezone.localdate(latest.filed_at).isoformat(),
                "who": latest.filed_by.get_full_name(), "number": versions})
    shoot(page, "demo-year-05-quarters")

    page.locator("#quarter-1").get_by_role("link", name=zh("Quarter %(n)s") % {"n": 1}).click()
    expect(page.locator("#facts-table")).to_be_visible()
    expect(page.locator("#versions li")).to_have_count(2)
    expect(page.locator("#filed-review")).to_contain_text(CORRECTION_REASON)
    expect(page.locator("#filed-summary")).to_contain_text(QUARTER_SUMMARIES[1][:20])
    expect(page.locator("#filed-comments")).to_contain_text(DEED_ADDENDUM)
    shoot(page, "demo-year-06-first-quarter-corrected", doc="demo-year-quarter-corrected")
    page.locator("#versions").get_by_role("link", name=re.compile("1")).click()
    expect(page.locator("#superseded-note")).to_be_visible()
    expect(page.locator("#filed-comments")).not_to_contain_text("补记")

    page.goto(page.url.split("/quarters/")[0] + f"/quarters/{year.cycle.year}/2/")
    expect(page.locator("#versions li")).to_have_count(1)
    expect(page.locator("#filed-summary")).to_contain_text(QUARTER_SUMMARIES[2][:20])


def the_secretary_verifies_the_residents_report(page, shoot, year, organization_url):
    deed = year.waiting_deed
    page.goto(organization_url)
    page.get_by_role("link", name=re.compile(zh("Shining deeds to verify"))).click()
    expect(page).to_have_url(re.compile(rf"/org/{year.branch.slug}/deeds/$"))
    expect(page.locator("#waiting")).to_contain_text("1")
    card = page.locator(f"#deed-{deed.pk}")
    expect(card).to_contain_text(deed.description)
    expect(card).to_contain_text(deed.member.name)
    expect(card).to_contain_text(deed.reporter_name)
    shoot(page, "demo-year-07-deeds-queue")
    card.get_by_role("button", name=zh("Verify"), exact=True).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(deed.member.name)
    expect(page.locator("#waiting")).to_contain_text("0")
    deed.refresh_from_db()
    assert deed.state == "verified"


def the_secretary_answers_the_open_order_from_the_inbox(page, shoot, year, organization_url,
                                                        photo):
    order = year.open_order
    page.goto(organization_url)
    page.locator("#notice-links").get_by_role("link", name=zh("Rectification orders")).click()
    row = page.locator(f"#order-{order.pk}")
    expect(row).to_contain_text(zh("Awaiting rectification"))
    expect(row).to_contain_text(order.deadline.isoformat())
    expect(page.locator("#order-table")).not_to_contain_text(MEMBER_ORDER[:10])  # closed
    shoot(page, "demo-year-08-open-orders")

    page.locator("#inbox-link").click()
    told = page.get_by_role("link", name=re.compile(re.escape(
        zh("Rectification order from %(issuer)s, due %(deadline)s")
        % {"issuer": year.county.name, "deadline": order.deadline.isoformat()})))
    expect(told).to_be_visible()
    told.click()
    expect(page).to_have_url(re.compile(rf"/rectifications/{order.pk}/$"))
    expect(page.locator("#order-requirement")).to_contain_text(ORGANIZATION_ORDER)
    answer = page.locator("#answer")
    answer.get_by_label(zh("What was done to fix it")).fill(ANSWER)
    answer.get_by_label(zh("Photos or documents")).set_input_files(str(photo))
    shoot(page, "demo-year-09-answer", doc="demo-year-answer")
    answer.get_by_role("button", name=zh("Send the answer")).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(
        zh("Your answer has been sent to the issuer."))
    expect(page.locator("#answer-1")).to_contain_text(ANSWER[:20])
    expect(page.locator("#answer-1 img")).to_have_count(1)
    expect(page.locator("#decision")).to_have_count(0)


# ---- 3. The county: the overdue view and the decision ---------------------------------------

def the_county_reads_the_overdue_view(page, shoot, year):
    from chengnuo.supervision.models import OverdueRecord

    def missing(name):
        return OverdueRecord.objects.filter(kind="quarterly_review", organization__name=name,
                                            cycle=year.cycle, resolved_on=None).count()

    page.get_by_role("link", name=zh("Overdue in this subtree")).click()
    expect(page).to_have_url(re.compile(rf"/org/{year.county.slug}/overdue/$"))
    for kind in ("item", "milestone", "quarterly_review"):
        assert int(page.locator(f"#count-{kind} .badge").inner_text()) > 0, kind
    # The second branch filed none of the quarters that have ended (two, or three once
    # the third has ended too); the showcase branch filed both of the first two.
    silent = missing(SILENT_BRANCH)
    assert silent >= 2
    reviews = page.locator("#missing-reviews li")
    expect(reviews.filter(has_text=SILENT_BRANCH)).to_contain_text(
        zh("quarters missing: %(n)s") % {"n": silent})
    expect(reviews.filter(has_text=SHOWCASE_BRANCH)).to_have_count(
        1 if missing(SHOWCASE_BRANCH) else 0)
    shoot(page, "demo-year-10-overdue")

    page.locator("#count-milestone").click()
    late = (OverdueRecord.objects.filter(cycle=year.cycle, organization=year.branch,
                                         kind="milestone", resolved_on=None)
            .order_by("pk"))
    assert late.exists()
    for record in late:
        expect(page.locator(f"#record-{record.pk}")).to_contain_text(record.description)
    shoot(page, "demo-year-10-overdue-milestones", doc="demo-year-overdue")
    page.locator("#count-quarterly_review").click()
    expect(page.locator("#overdue-records tbody tr").filter(has_text=SILENT_BRANCH)
           ).to_have_count(silent)


def the_county_accepts_the_answer(page, shoot, year):
    order = year.open_order
    page.goto(page.url.split("/overdue/")[0] + "/")
    page.locator("#notice-links").get_by_role("link", name=zh("Rectification orders")).click()
    page.get_by_role("link", name=zh("Reported"), exact=True).click()
    row = page.locator(f"#order-{order.pk}")
    expect(row).to_contain_text(year.branch.name)
    row.get_by_role("link").click()
    expect(page.locator("#answer-1")).to_contain_text(ANSWER[:20])
    decision = page.locator("#decision")
    decision.get_by_label(zh("Result, or what is still missing")).fill(RESULT)
    shoot(page, "demo-year-11-decision")
    decision.get_by_role("button", name=zh("Accept and close")).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success[role=alert]")).to_contain_text(
        zh("The order has been closed with its result."))
    expect(page.locator("#order-result")).to_contain_text(RESULT)
    order.refresh_from_db()
    assert order.state == "accepted"


# ---- 4. A citizen: the branch's board for the running year, a member page ------------------

def the_board_shows_the_criticism_the_statuses_and_the_stars(citizen, shoot, year):
    from django.db.models import F

    from chengnuo.deeds.models import DeedStar
    from chengnuo.pledges.models import PledgeItem

    expect(citizen.locator("h1")).to_contain_text(year.branch.name)
    expect(citizen.locator("h1")).to_contain_text(
        zh("%(year)s public commitments") % {"year": year.cycle.year})
    notices = citizen.locator("#notices")
    criticism = notices.locator("article").filter(
        has_text=CRITICISM_TITLE.format(name=year.branch.name))
    expect(criticism).to_contain_text(zh("Criticism"))
    own = criticism.locator(f"#public-order-{year.open_order.pk}")
    expect(own).to_contain_text(zh("Accepted"))
    expect(own).to_contain_text(RESULT)
    members = criticism.locator(f"#public-order-{year.closed_order.pk}")
    expect(members).to_contain_text(year.closed_order.member.name)
    expect(members).to_contain_text(ACCEPT_RESULT)
    expect(notices).to_contain_text(zh("Commendation"))

    # Every item published for the year with its status and its bar (earlier versions,
    # folded away below a pledge, have neither).
    published = PledgeItem.objects.filter(
        version__pledge__cycle=year.cycle, version__pledge__organization=year.branch,
        version__pledge__published_version=F("version")).count()
    assert published > 10
    badges = citizen.locator(".pledge-item .status-badge")
    expect(badges).to_have_count(published)
    expect(citizen.locator(".pledge-item").get_by_role("progressbar")).to_have_count(published)
    shown = {text.strip() for text in badges.all_inner_texts()}
    # Late ones from the sweep and the member's item finished for the rectification, at least.
    assert {zh("Past due"), zh("Done")} <= shown <= {zh(m) for m in STATUS.values()}, shown
    expect(citizen.locator(f"#progress-summary-{year.branch.pk} svg")).to_have_count(1)

    stars = citizen.locator("#stars")
    for star in DeedStar.objects.filter(organization=year.branch, cycle=year.cycle
                                        ).select_related("member"):
        expect(stars).to_contain_text(star.citation)
        expect(stars).to_contain_text(zh("Quarter %(n)s") % {"n": star.quarter})
    expect(stars.get_by_role("link", name=re.compile(SHOWCASE_COUNTY))).to_be_visible()
    shoot(citizen, "demo-year-12-board")
    assert not citizen.context.cookies()


def the_member_page_shows_the_verified_deeds(citizen, shoot, year):
    deed = year.waiting_deed
    expect(citizen.locator("h1")).to_contain_text(deed.member.name)
    deeds = citizen.locator("#deeds")
    expect(deeds).to_contain_text(deed.description)
    expect(deeds).to_contain_text(zh("Verified by the organization"))
    expect(citizen.locator("body")).not_to_contain_text(deed.reporter_name)
    deeds.scroll_into_view_if_needed()
    shoot(citizen, "demo-year-13-member-deeds")


def the_ledger_still_verifies():
    from chengnuo.ledger.services import ledger_verify

    count, broken = ledger_verify()
    assert count > 0 and broken is None, broken


# ---- the walk ------------------------------------------------------------------------------

def test_the_demo_year_is_walked_through_two_quarters_in_chinese(
        open_page, live_server, log_in, shoot, photo, year):
    item, plan, percent, after = item_behind(year.pledge)
    board = live_server.url + reverse("organizations:public", args=[year.branch.slug])

    # 1. The member catches up on an item that is behind.
    member = person(open_page, log_in, "member")
    the_member_finds_the_running_year_in_my_commitments(member, shoot, year, item, plan)
    the_member_reports_progress_with_a_photo(member, shoot, item, percent, after, photo)
    the_public_member_page_shows_the_report(
        citizen_at(open_page, live_server.url + reverse(
            "boards:member", args=[year.pledge.member.public_id])),
        shoot, year, item, percent, after)

    # 2. The secretary of the showcase branch, who lands on the branch's page.
    secretary = person(open_page, log_in, "secretary")
    organization_url = secretary.url
    the_secretary_reads_both_quarters_and_the_correction(secretary, shoot, year)
    the_secretary_verifies_the_residents_report(secretary, shoot, year, organization_url)
    the_secretary_answers_the_open_order_from_the_inbox(secretary, shoot, year,
                                                        organization_url, photo)

    # 3. The county admin.
    county = person(open_page, log_in, "county_admin")
    the_county_reads_the_overdue_view(county, shoot, year)
    the_county_accepts_the_answer(county, shoot, year)

    # 4. Citizens.
    the_board_shows_the_criticism_the_statuses_and_the_stars(
        citizen_at(open_page, f"{board}?year={year.cycle.year}"), shoot, year)
    the_member_page_shows_the_verified_deeds(
        citizen_at(open_page, live_server.url + reverse(
            "boards:member", args=[year.waiting_deed.member.public_id])), shoot, year)
    the_ledger_still_verifies()
