"""The year between publication and evaluation, walked in Chinese as one story (履诺 · 督诺).

Early in March 王秀英 reports progress on her visits with a photo from her phone; the
secretary of 第一党支部 files the first quarter's review with a comment on each member.
Three weeks later the daily sweep finds her stairway clean-up and the branch's own
stairway lights past their dates; she is told, and the public board says 已逾期. The county
criticises the branch citing the late lights, with a rectification order; the branch
answers with its report, the county accepts it, and the branch's board shows the notice
with the result. The ledger still verifies.

The clock is the walk's: it starts on a Monday morning and is moved on between chapters.
The live server answers from another thread of this process, so it lives on the same clock.
"""

import datetime
import io
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from .conftest import comment_by_keyboard, tab_to, zh

pytestmark = pytest.mark.browser

START = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
DAY = datetime.timedelta(days=1)
FIRST_DAY = START.date()

VISITS = "每月走访辖区独居老人不少于5户，帮老人代买药品、陪同就医"
HEADCOUNT = "完成辖区独居老人摸底登记"
STAIRWAYS = "三月下旬前带领本楼栋党员清理楼道堆放杂物，消除消防隐患"
TALKS = "为社区老人讲解防范电信诈骗知识不少于4次"
LIGHTS = "三月下旬前为北山小区三栋老楼更换楼道照明灯"

REPORT = "摸底登记了辖区18户独居老人，已走访其中11户，帮张奶奶代买降压药，陪李大爷去社区医院复查。"
SUMMARY = ("第一季度支部承诺和党员承诺均已公开，走访独居老人进展较快；"
           "楼道照明和楼道清理两项要在三月下旬前完成，支部将逐项督促。")
TITLE = "关于第一党支部楼道照明承诺逾期未完成的通报"
BODY = "经查，第一党支部承诺的“为北山小区三栋老楼更换楼道照明灯”事项未按期完成，现予通报批评。"
REQUIREMENT = "两周内完成三栋老楼楼道照明灯更换，并向居民公示完成情况。"
DONE = "已为三栋老楼更换楼道照明灯42盏，完成情况已在小区公示栏公示，附验收单。"
RESULT = "整改到位：照明灯已全部更换，现场抽查属实。"


@pytest.fixture(autouse=True)
def clock(time_machine):
    """The walk's clock, ticking from its first morning; set before anything is made."""
    time_machine.move_to(START, tick=True)
    return time_machine


def publish(*, cycle, author, reviewer, publisher, items, member=None, organization=None):
    """A pledge of the given (category, content, due, milestones) items, submitted by its
    author, approved by its reviewer and published, through the pledge services."""
    from chengnuo.pledges import services
    from chengnuo.tests.factories import ALL_CRITERIA

    pledge = services.pledge_start(actor=author, cycle=cycle, member=member,
                                   organization=organization)
    for category, content, due, milestones in items:
        services.item_add(actor=author, pledge=pledge, category=category, content=content,
                          due_date=due, milestones=milestones)
    services.pledge_submit(actor=author, pledge=pledge)
    services.pledge_review(actor=reviewer, pledge=pledge, decision="approved",
                           criteria_met=ALL_CRITERIA, higher_standard_confirmed=True)
    services.pledge_publish(actor=publisher, pledge=pledge)
    pledge.refresh_from_db()
    return pledge


@pytest.fixture
def pledges(cycle, member, member_user, branch, branch_secretary, county_reviewer):
    """王秀英's pledge and the branch's own, published, with items due in the first
    quarter (her visits with a milestone) and one later in the year each."""
    her_pledge = publish(cycle=cycle, author=member_user, reviewer=branch_secretary,
                   publisher=branch_secretary, member=member, items=[
                       ("lead_service", VISITS, FIRST_DAY + 55 * DAY,
                        [(HEADCOUNT, FIRST_DAY + 14 * DAY)]),
                       ("lead_service", STAIRWAYS, FIRST_DAY + 20 * DAY, []),
                       ("lead_service", TALKS, FIRST_DAY + 240 * DAY, [])])
    branch_pledge = publish(cycle=cycle, author=branch_secretary, reviewer=county_reviewer,
                      publisher=branch_secretary, organization=branch, items=[
                          ("practical_service", LIGHTS, FIRST_DAY + 20 * DAY, []),
                          ("practical_service", "每季度开展一次“敲门行动”，上门听取居民意见",
                           FIRST_DAY + 150 * DAY, []),
                          ("practical_service", "年内建成楼栋党员志愿服务队3支",
                           FIRST_DAY + 240 * DAY, [])])
    return her_pledge, branch_pledge


def item_of(pledge, content):
    return pledge.published_version.items.get(content=content)


def person(open_page, log_in, username):
    """Someone at their own computer, logged in (again: a session lasts two weeks, and the
    walk's clock moves further than that)."""
    page = open_page()
    log_in(page, username)
    return page


def citizen_at(open_page, url):
    """A citizen reading a public page in a browser of their own: nothing cached there."""
    page = open_page()
    page.goto(url)
    return page


def unread(user) -> int:
    from chengnuo.notifications.models import Notification

    return Notification.objects.filter(recipient=user, read_at=None).count()


# ---- 1. Early March: progress with a photo, and the first quarter's review ------------------

def the_member_reports_progress_on_her_visits_with_a_photo(page, shoot, pledge, photo):
    page.get_by_role("link", name=zh("My commitments")).first.click()
    page.get_by_role("link", name=zh("Open my pledge")).click()
    visits = item_of(pledge, VISITS)
    page.locator(f"#item-{visits.pk}").get_by_role("link", name=zh("Report progress")).click()
    expect(page.locator("#item-status")).to_have_text(zh("On schedule"))

    form = page.locator("#report form")
    expect(form.get_by_label(zh("Date of the progress"))).to_have_value(FIRST_DAY.isoformat())
    form.get_by_label(zh("Percent done")).fill("60")
    form.get_by_label(zh("Milestone reached")).select_option(
        label=f"{FIRST_DAY + 14 * DAY:%Y-%m-%d} {HEADCOUNT}")
    form.get_by_label(zh("What was done")).fill(REPORT)
    form.get_by_label(zh("Photos or documents")).set_input_files(str(photo))
    shoot(page, "walk-01-progress-form")
    # Sent from the keyboard: from the file field Tab on to the button, then Enter.
    form.get_by_label(zh("Photos or documents")).focus()
    tab_to(page, "#report button[type=submit]", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page.locator(".alert-success")).to_contain_text(
        zh("Progress reported. The public board shows it."))
    expect(page.locator("#history")).to_contain_text(REPORT[:20])
    expect(page.locator("#schedule .milestone-reached")).to_contain_text(HEADCOUNT)
    expect(page.locator("#item-status")).to_have_text(zh("On schedule"))
    shoot(page, "walk-02-progress-reported")


def the_public_member_page_shows_the_status_and_a_photo_without_its_location(
        citizen, shoot, live_server):
    from PIL import Image

    visits = citizen.locator(".pledge-item").filter(has_text=VISITS)
    expect(visits.locator(".status-badge")).to_have_text(zh("On schedule"))
    expect(visits.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "60")
    expect(visits).to_contain_text(REPORT[:20])
    thumbnail = visits.locator(".evidence-list img")
    expect(thumbnail).to_be_visible()
    assert thumbnail.evaluate("img => img.complete && img.naturalWidth > 0")
    visits.scroll_into_view_if_needed()
    shoot(citizen, "walk-03-public-member-page")

    # What is stored and served is the re-encoded photo: no EXIF, so no location.
    served = citizen.request.get(live_server.url + thumbnail.get_attribute("src")).body()
    image = Image.open(io.BytesIO(served))
    assert image.format == "JPEG" and not image.getexif() and "exif" not in image.info


def the_stored_photo_carries_no_exif(photo):
    from PIL import Image

    from chengnuo.evidence.models import Evidence

    assert Image.open(photo).getexif().get_ifd(0x8825)  # the phone's photo had a position
    stored = Evidence.objects.get()
    with stored.file.open("rb") as file:
        image = Image.open(io.BytesIO(file.read()))
    assert not image.getexif() and "exif" not in image.info


def the_secretary_files_the_first_quarter_by_keyboard(page, shoot, comments):
    page.locator("#supervision-links").get_by_role(
        "link", name=zh("Quarterly reviews")).click()
    page.locator("#quarter-1").get_by_role("link", name=zh("Write the review")).click()
    expect(page.locator("#facts-table")).to_be_visible()
    shoot(page, "walk-04-quarter-facts")

    # Keyboard only: the summary, then per member, in the page's order, a rating (Space on
    # 好, arrows onwards) and the words after the prepared facts.
    tab_to(page, "#id_summary")
    page.keyboard.type(SUMMARY)
    order = page.locator("fieldset.member-comment").evaluate_all(
        "sets => sets.map(s => Number(s.id.replace('comment-form-', '')))")
    assert sorted(order) == sorted(comments)
    for member_id in order:
        comment_by_keyboard(page, member_id, *comments[member_id])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page.get_by_role("alert")).to_contain_text(zh("The quarterly review is filed."))
    expect(page.locator("#filed-summary")).to_contain_text(SUMMARY[:20])
    for member_id, (_arrows, words) in comments.items():
        expect(page.locator(f"#filed-comments #comment-{member_id}")).to_contain_text(words)
    expect(page.locator("#versions li")).to_have_count(1)
    shoot(page, "walk-05-quarter-filed")


# ---- 2. Three weeks on: the sweep finds what is late ---------------------------------------

def the_sweep_marks_the_stairways_and_the_lights_late(branch_pledge):
    from chengnuo.notifications.models import Notification
    from chengnuo.supervision.models import OverdueRecord

    call_command("sweep_overdue", date=timezone.localdate(), stdout=io.StringIO())
    late = set(OverdueRecord.objects.filter(resolved_on=None).values_list("item__content",
                                                                            flat=True))
    # The visits are ahead of their pace and their milestone was reported reached.
    assert late == {STAIRWAYS, LIGHTS}
    told = Notification.objects.count()
    call_command("sweep_overdue", date=timezone.localdate(), stdout=io.StringIO())
    assert (OverdueRecord.objects.count(), Notification.objects.count()) == (2, told)
    return OverdueRecord.objects.get(subject_key=f"item:{item_of(branch_pledge, LIGHTS).key}")


def the_member_is_told_in_her_inbox(page, shoot, member_user, pledge):
    # One thing to tell her: the stairways (her comment was not a poor one, which alone
    # would be sent to her).
    assert unread(member_user) == 1
    expect(page.locator("#inbox-unread")).to_have_text("1")
    shoot(page, "walk-06-member-badge")
    page.locator("#inbox-link").click()
    told = page.get_by_role("link", name=re.compile(STAIRWAYS[:12]))
    expect(told).to_contain_text(zh("Commitment item past its due date"))
    expect(told).to_contain_text(zh("Unread"))
    shoot(page, "walk-07-member-inbox")
    told.click()
    expect(page).to_have_url(re.compile(rf"/pledges/{pledge.pk}/$"))
    expect(page.locator("#inbox-unread")).to_have_count(0)


def the_board_says_the_stairways_are_past_due(citizen, shoot, pledge):
    items = citizen.locator(f"#pledge-{pledge.pk} .pledge-item")
    stairways = items.filter(has_text=STAIRWAYS)
    expect(stairways.locator(".status-badge")).to_have_text("已逾期")
    expect(items.filter(has_text=VISITS).locator(".status-badge")).to_have_text(
        zh("On schedule"))
    stairways.scroll_into_view_if_needed()
    shoot(citizen, "walk-08-board-past-due")


# ---- 3. The county criticises, the branch rectifies ----------------------------------------

def the_county_criticises_the_branch_citing_the_lights(page, shoot, live_server, county,
                                                       branch, record, deadline):
    from chengnuo.notices.models import Notice

    page.goto(live_server.url + reverse("organizations:detail", args=[county.slug]))
    page.locator("#supervision-links").get_by_role(
        "link", name=zh("Overdue in this subtree")).click()
    row = page.locator(f"#record-{record.pk}")
    expect(row).to_contain_text(LIGHTS)
    expect(page.locator("#overdue-records")).to_contain_text(STAIRWAYS)
    row.get_by_role("checkbox").check()
    shoot(page, "walk-09-overdue-view")
    page.get_by_role("button", name=zh("Issue a criticism citing the selected records")
                     ).click()

    form = page.locator("#notice-form")
    expect(form.get_by_label(zh("Criticism"))).to_be_checked()
    expect(form.locator("#cited-records")).to_contain_text(LIGHTS)
    target = form.locator(f"#target-organization-{branch.pk}")
    expect(target.get_by_role("checkbox")).to_be_checked()
    form.get_by_label(zh("Title")).fill(TITLE)
    form.get_by_label(zh("Text of the notice")).fill(BODY)
    target.locator("summary").click()
    target.get_by_label(zh("What must be fixed")).fill(REQUIREMENT)
    target.get_by_label(zh("Rectify by")).fill(deadline.isoformat())
    shoot(page, "walk-10-criticism-form")
    form.get_by_role("button", name=zh("Issue the notice")).click()
    page.wait_for_load_state()

    expect(page.locator(".alert-success")).to_contain_text(
        zh("The notice has been issued and sent."))
    order = Notice.objects.get(title=TITLE).rectifications.get()
    expect(page.locator(f"#order-{order.pk}")).to_contain_text(REQUIREMENT)
    expect(page.locator(f"#order-{order.pk}")).to_contain_text(zh("Awaiting rectification"))
    shoot(page, "walk-11-criticism-issued")
    return order


def the_branch_answers_the_order_with_its_report(page, shoot, order, report):
    from chengnuo.notifications.models import Notification

    told = Notification.objects.get(kind="rectification.order", recipient__username=(
        "branch_secretary"))
    page.locator("#inbox-link").click()
    page.get_by_role("link", name=told.title).click()
    expect(page).to_have_url(re.compile(rf"/rectifications/{order.pk}/$"))
    expect(page.locator("#order-requirement")).to_contain_text(REQUIREMENT)
    answer = page.locator("#answer")
    answer.get_by_label(zh("What was done to fix it")).fill(DONE)
    answer.get_by_label(zh("Photos or documents")).set_input_files(str(report))
    shoot(page, "walk-12-answer-form")
    answer.get_by_role("button", name=zh("Send the answer")).click()
    page.wait_for_load_state()

    expect(page.locator(".alert-success")).to_contain_text(
        zh("Your answer has been sent to the issuer."))
    expect(page.locator("#answer-1")).to_contain_text(DONE)
    expect(page.locator("#answer-1").get_by_role("link", name=report.name)).to_be_visible()
    expect(page.locator("#decision")).to_have_count(0)  # the branch does not judge itself
    shoot(page, "walk-13-answered")


def the_county_accepts_with_its_result(page, shoot, order):
    page.locator("#inbox-link").click()
    page.get_by_role("link", name=re.compile(
        zh("%(target)s reported on a rectification order") % {"target": order.target_name}
    )).click()
    expect(page.locator("#answer-1")).to_contain_text(DONE)
    decision = page.locator("#decision")
    decision.get_by_label(zh("Result, or what is still missing")).fill(RESULT)
    shoot(page, "walk-14-decision")
    decision.get_by_role("button", name=zh("Accept and close")).click()
    page.wait_for_load_state()
    expect(page.locator("#order-result")).to_contain_text(RESULT)
    order.refresh_from_db()
    assert order.state == "accepted"
    shoot(page, "walk-15-accepted")


def the_board_shows_the_notice_and_its_result(citizen, shoot, order):
    notices = citizen.locator("#notices")
    expect(notices).to_contain_text(TITLE)
    expect(notices).to_contain_text(zh("Criticism"))
    result = notices.locator(f"#public-order-{order.pk}")
    expect(result).to_contain_text(zh("Accepted"))
    expect(result).to_contain_text(RESULT)
    notices.scroll_into_view_if_needed()
    shoot(citizen, "walk-16-board-notice")
    assert not citizen.context.cookies()


def the_ledger_verifies():
    from chengnuo.ledger.models import LedgerEntry
    from chengnuo.ledger.services import ledger_verify

    kinds = list(LedgerEntry.objects.order_by("sequence").values_list("kind", flat=True))
    assert kinds == ["pledge.publish", "pledge.publish", "progress.report", "notice.issue",
                     "rectification.accept"]
    assert ledger_verify() == (len(kinds), None)


# ---- the walk ------------------------------------------------------------------------------

def test_a_quarter_of_fulfilment_from_a_progress_photo_to_an_accepted_rectification(
        open_page, live_server, log_in, shoot, clock, tmp_path, photo, pledges, county,
        branch, member, fellow_member, member_user):
    from chengnuo.evidence.tests.files import PDF

    her_pledge, branch_pledge = pledges
    board = live_server.url + reverse("organizations:public", args=[branch.slug])
    member_page = live_server.url + reverse("boards:member", args=[member.public_id])

    # Monday 2 March.
    she = person(open_page, log_in, "member_user")
    the_member_reports_progress_on_her_visits_with_a_photo(she, shoot, her_pledge, photo)
    the_public_member_page_shows_the_status_and_a_photo_without_its_location(
        citizen_at(open_page, member_page), shoot, live_server)
    the_stored_photo_carries_no_exif(photo)
    the_secretary_files_the_first_quarter_by_keyboard(
        person(open_page, log_in, "branch_secretary"), shoot, comments={
            member.pk: (1, "走访进展快，楼道清理要抓紧。"),
            fellow_member.pk: (0, "积极参加支部活动，带头作用明显。")})

    # Monday 23 March: the stairway items were due on Sunday.
    clock.move_to(START + 21 * DAY)
    record = the_sweep_marks_the_stairways_and_the_lights_late(branch_pledge)
    the_member_is_told_in_her_inbox(person(open_page, log_in, "member_user"), shoot,
                                    member_user, her_pledge)
    the_board_says_the_stairways_are_past_due(citizen_at(open_page, board), shoot, her_pledge)

    county_desk = person(open_page, log_in, "county_admin")
    order = the_county_criticises_the_branch_citing_the_lights(
        county_desk, shoot, live_server, county, branch, record,
        deadline=timezone.localdate() + 14 * DAY)

    # Thursday 26 March: the branch has done it and answers; Friday the county checks.
    clock.move_to(START + 24 * DAY)
    report = tmp_path / "楼道照明整改验收单.pdf"
    report.write_bytes(PDF)
    the_branch_answers_the_order_with_its_report(
        person(open_page, log_in, "branch_secretary"), shoot, order, report)
    clock.move_to(START + 25 * DAY)
    the_county_accepts_with_its_result(county_desk, shoot, order)

    the_board_shows_the_notice_and_its_result(citizen_at(open_page, board), shoot, order)
    the_ledger_verifies()
