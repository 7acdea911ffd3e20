"""The public side in the browser: a citizen leaves a suggestion on the board and later reads
the organization's answer; the printed bulletin-board sheet and post badge; the board and
a member's pledges on a phone."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import answer_the_check, zh

pytestmark = pytest.mark.browser

SUGGESTION = "希望支部党员能帮小区里的独居老人代买药品、陪同就医。"
ANSWER = "已列入王秀英同志的承诺，每月走访独居老人，帮助买药就医。"
# An A4 or A3 sheet's width in CSS pixels (96 per inch): what the print preview lays out.
A4_WIDTH, A3_WIDTH = 794, 1123


@pytest.fixture
def cycle(county, county_admin, branch):
    from chengnuo.cycles.services import cycle_open
    from chengnuo.tests.factories import cycle_dates

    dates = cycle_dates()
    return cycle_open(actor=county_admin, organization=county,
                      year=dates["commitment_deadline"].year, **dates)


ITEMS = {
    "王秀英": [
        ("lead_service", "每月走访本社区独居老人不少于5户，帮老人代买药品、陪同就医",
         "全年走访60户次"),
        ("lead_learning", "每周自学党章党规不少于2小时，每季度写一篇学习体会交支部",
         "全年撰写学习体会4篇"),
        ("good_deeds", "每季度组织一次楼道卫生清扫，清理楼道堆放杂物",
         "全年清扫4次，覆盖全部6个楼道"),
    ],
    "李建国": [
        ("post_duty", "担任楼道长，每周巡查一次消防通道，发现堵塞当天劝导清理", "全年巡查52次"),
        ("lead_discipline", "每季度在支部会上讲一个身边的遵纪守法案例", "全年4次"),
        ("good_deeds", "每月义务为邻居修理小家电一次", "全年12次"),
    ],
}


def publish(*, cycle, member, secretary):
    """member's pledge, made by the member, approved and published by the secretary."""
    from chengnuo.pledges import services
    from chengnuo.tests.factories import ALL_CRITERIA

    actor = member.user or secretary
    pledge = services.pledge_start(actor=actor, cycle=cycle, member=member)
    for category, content, target in ITEMS[member.name]:
        services.item_add(actor=actor, pledge=pledge, category=category, content=content,
                          target=target, due_date=cycle.quarter_4_ends)
    services.pledge_submit(actor=actor, pledge=pledge)
    services.pledge_review(actor=secretary, pledge=pledge, decision="approved",
                           criteria_met=ALL_CRITERIA)
    services.pledge_publish(actor=secretary, pledge=pledge,
                            channels=[("bulletin_board", cycle.solicitation_opens, "")])
    pledge.refresh_from_db()
    return pledge


@pytest.fixture
def published(cycle, member_user, member, fellow_member, branch_secretary):
    """王秀英's and 李建国's published pledges; the first is the one the tests follow."""
    mine = publish(cycle=cycle, member=member, secretary=branch_secretary)
    publish(cycle=cycle, member=fellow_member, secretary=branch_secretary)
    return mine


def test_citizen_leaves_a_suggestion_and_reads_the_answer_on_the_board(
        page, browser, live_server, log_in, shoot, published, branch, branch_secretary):
    from django.core.cache import cache

    from chengnuo.suggestions.models import Suggestion

    board = f"{live_server.url}/p/{branch.slug}/"
    page.goto(board)
    page.evaluate("window.notReloaded = true")
    page.get_by_role("link", name=zh("Leave a suggestion")).click()
    form = page.locator("#suggest-form-box form")
    expect(form).to_be_visible()
    # htmx fetched the form into the page; the board itself was not reloaded.
    assert page.evaluate("window.notReloaded === true")
    expect(page).to_have_url(board)
    form.get_by_label(zh("Your suggestion")).fill(SUGGESTION)
    form.get_by_label(zh("Your name (optional)")).fill("张大妈")
    form.get_by_label(zh("Contact (optional, never published)")).fill("13900001234")
    answer_the_check(form)
    shoot(page, "public-board-01-suggestion-form", doc="public-suggestion-form")
    form.get_by_role("button", name=zh("Send suggestion")).click()

    expect(page.locator("#suggest-form-box")).to_contain_text(
        zh("Thank you for your suggestion!"))
    suggestion = Suggestion.objects.get()
    assert (suggestion.text, suggestion.author_name, suggestion.outcome) == (
        SUGGESTION, "张大妈", "pending")
    shoot(page, "public-board-02-suggestion-thanks")

    # The secretary adopts it into an item of the member's published pledge.
    secretary = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN",
                                    timezone_id="Asia/Shanghai")
    try:
        desk = secretary.new_page()
        log_in(desk, "branch_secretary")
        desk.get_by_role("link", name=zh("Suggestions from the public")).click()
        expect(desk).to_have_url(re.compile(rf"/org/{branch.slug}/suggestions/$"))
        card = desk.locator(f"#suggestion-{suggestion.pk}")
        expect(card).to_contain_text(SUGGESTION)
        # The contact is for the organization only: shown here, never on the board.
        expect(card).to_contain_text("13900001234")
        item = published.published_version.items.first()
        card.get_by_label(zh("Answer"), exact=True).select_option("adopted")
        card.get_by_label(zh("Adopted into item")).select_option(str(item.pk))
        card.get_by_label(zh("Public answer")).fill(ANSWER)
        shoot(desk, "public-board-03-suggestion-answering", doc="secretary-suggestions")
        card.get_by_role("button", name=zh("Save answer")).click()
        desk.wait_for_load_state()
        expect(desk.locator(".alert-success")).to_contain_text(
            zh("The answer is saved and shown on the public board."))
    finally:
        secretary.close()
    suggestion.refresh_from_db()
    assert (suggestion.outcome, suggestion.item) == ("adopted", item)

    # The board is served from a cache for up to a minute; let that minute pass.
    cache.clear()
    page.goto(board, wait_until="load")
    page.reload()
    answered = page.locator("#suggestions .suggestion-card").filter(has_text=SUGGESTION)
    expect(answered).to_contain_text(zh("Adopted into a commitment"))
    expect(answered).to_contain_text(ANSWER)
    expect(answered).to_contain_text(published.member.name)
    expect(page.locator("body")).not_to_contain_text("13900001234")
    page.locator("#suggestions").scroll_into_view_if_needed()
    shoot(page, "public-board-04-suggestion-answered", doc="public-suggestion-answers")


def test_the_bulletin_board_sheet_prints_on_a4_and_a3_with_the_board_qr_code(
        page, live_server, shoot, published, branch):
    sheet = f"{live_server.url}{reverse('boards:sheet', args=[branch.slug])}"
    fingerprint = published.published_version.ledger_entry.fingerprint
    item = published.published_version.items.first()

    page.goto(sheet)
    expect(page.locator("h1")).to_contain_text(branch.name)
    expect(page.locator("main")).to_contain_text(item.content)
    expect(page.locator("main")).to_contain_text(fingerprint)
    qr = page.locator(".sheet-qr svg")
    expect(qr).to_be_visible()
    expect(page.locator(".sheet-qr figcaption")).to_have_text(
        f"{live_server.url}/p/{branch.slug}/")
    expect(page.locator("body")).to_have_class(re.compile(r"\bsheet-a4\b"))
    toolbar = page.get_by_role("toolbar")
    expect(toolbar).to_be_visible()

    page.set_viewport_size({"width": A4_WIDTH, "height": 1123})
    page.emulate_media(media="print")
    # On paper the toolbar disappears and only the sheet is left.
    expect(toolbar).to_be_hidden()
    expect(qr).to_be_visible()
    shoot(page, "print-01-sheet-a4", doc="print-sheet")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    assert pdf.startswith(b"%PDF")

    page.emulate_media(media="screen")
    page.goto(f"{sheet}?size=a3")
    expect(page.locator("body")).to_have_class(re.compile(r"\bsheet-a3\b"))
    page.set_viewport_size({"width": A3_WIDTH, "height": 1587})
    page.emulate_media(media="print")
    expect(page.locator(".sheet-qr svg")).to_be_visible()
    expect(page.locator("main")).to_contain_text(item.content)
    shoot(page, "print-02-sheet-a3")
    assert page.pdf(prefer_css_page_size=True).startswith(b"%PDF")


def test_the_post_badge_prints_with_the_members_commitments_and_qr_code(
        page, live_server, shoot, published, member):
    page.set_viewport_size({"width": A4_WIDTH, "height": 1123})
    page.goto(f"{live_server.url}{reverse('boards:badge', args=[member.public_id])}")
    badge = page.locator(".badge-card")
    expect(badge.locator(".badge-name")).to_have_text(member.name)
    expect(badge).to_contain_text(member.organization.name)
    items = badge.locator(".badge-commitments li")
    expect(items).to_have_count(published.published_version.items.count())
    expect(badge.locator(".badge-qr svg path.qrline")).to_have_count(1)
    page.emulate_media(media="print")
    expect(page.get_by_role("toolbar")).to_be_hidden()
    shoot(page, "print-03-badge", doc="print-badge")
    assert page.pdf(prefer_css_page_size=True).startswith(b"%PDF")


def test_every_badge_of_the_organization_prints_at_once(page, live_server, shoot,
                                                        published, branch, member):
    page.set_viewport_size({"width": A4_WIDTH, "height": 1123})
    page.goto(f"{live_server.url}{reverse('boards:badges', args=[branch.slug])}")
    cards = page.locator(".badge-card")
    expect(cards).to_have_count(2)  # 王秀英 and 李建国, in name order
    expect(cards.locator(".badge-name")).to_have_text(["李建国", member.name])
    expect(cards.locator(".badge-qr svg path.qrline")).to_have_count(2)
    page.emulate_media(media="print")
    shoot(page, "print-04-badges")
    assert page.pdf(prefer_css_page_size=True).startswith(b"%PDF")


def page_overflows(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth")


def test_public_board_and_my_commitments_fit_a_phone(
        phone_page, live_server, log_in, shoot, published, branch, member):
    phone_page.goto(f"{live_server.url}/p/{branch.slug}/")
    card = phone_page.locator(f"#pledge-{published.pk}")
    expect(card).to_contain_text(member.name)
    expect(card.locator("code.fingerprint")).to_have_text(
        published.published_version.ledger_entry.fingerprint)
    assert not page_overflows(phone_page)
    shoot(phone_page, "phone-04-public-board", doc="phone-public-board")

    log_in(phone_page, "member_user")
    phone_page.goto(f"{live_server.url}{reverse('pledges:mine')}")
    expect(phone_page.locator("h1")).to_have_text(zh("My pledges"))
    expect(phone_page.locator("main")).to_contain_text(
        str(zh("Published: the public can see it.")))
    assert not page_overflows(phone_page)
    shoot(phone_page, "phone-05-my-commitments", doc="phone-my-commitments")
