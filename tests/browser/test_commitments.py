"""提诺 · 审诺 · 示诺 in the browser: a member proposes, the secretary returns it with
guidance, the member revises, the secretary approves and publishes, and a citizen sees the
commitment and its ledger fingerprint on the public board and on the member's page."""

import re

import pytest
import segno
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import tab_to, zh

pytestmark = pytest.mark.browser

VISIT = "每月走访本社区独居老人不少于5户，帮老人解决买菜、就医等实际困难"
VAGUE = "进一步提高思想认识，充分发挥先锋模范作用"
STUDY = "每周自学党章党规不少于2小时，每季度写一篇学习体会交支部"
CLEAN = "每季度组织一次楼道卫生清扫，清理楼道堆放杂物"
GUIDANCE = ("第2条太空泛：请写明学什么、多久学一次、怎样检验，并定下完成日期。"
            "第3条请写明清扫的范围。")


@pytest.fixture
def cycle(county, county_admin, branch):
    """This year's cycle for the county, opened by its admin: three items per member."""
    from chengnuo.cycles.services import cycle_open
    from chengnuo.tests.factories import cycle_dates

    dates = cycle_dates()
    return cycle_open(actor=county_admin, organization=county,
                      year=dates["commitment_deadline"].year, minimum_items=3,
                      minimum_items_leader=5, maximum_items=12, **dates)


def add_item(page, *, category, content, target="", due=None, milestone=None):
    page.locator("#add_category").select_option(label=zh(category))
    page.locator("#add_content").fill(content)
    page.locator("#add_target").fill(target)
    if due is not None:
        page.locator("#add_due_date").fill(due.isoformat())
    if milestone is not None:
        title, when = milestone
        page.locator("#add_milestone_0_title").fill(title)
        page.locator("#add_milestone_0_date").fill(when.isoformat())
    page.get_by_role("button", name=zh("Add this item")).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(zh("Item added."))


def test_member_pledges_secretary_returns_then_approves_and_publishes_and_the_public_sees_it(
        page, open_page, live_server, log_in, shoot, cycle, branch, branch_secretary,
        member_user, member, fellow_member):
    from chengnuo.pledges.models import Pledge

    q2, q4 = cycle.quarter_2_ends, cycle.quarter_4_ends

    # ---- 提诺: the member starts the work pledge and adds the minimum number of items.
    log_in(page, "member_user")
    page.get_by_role("link", name=zh("My commitments")).click()
    expect(page).to_have_url(re.compile(r"/pledges/mine/$"))
    expect(page.locator("h1")).to_have_text(zh("My pledges"))
    expect(page.locator("main")).to_contain_text(zh("Not started yet."))
    page.get_by_role("button", name=zh("Start my work pledge")).click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(r"/pledges/\d+/#add-item$"))
    expect(page.locator(".alert-success")).to_contain_text(
        zh("Pledge started. Now add the commitments."))
    pledge = Pledge.objects.get(member=member)

    add_item(page, category="Lead in serving the people", content=VISIT, target="全年走访60户次",
             due=q4, milestone=("上半年走访30户次", q2))
    add_item(page, category="Lead in learning", content=VAGUE)
    add_item(page, category="Good deeds for the people", content=CLEAN,
             target="全年清扫4次", due=q4)
    items = page.locator("#items > ol > li")
    expect(items).to_have_count(3)
    expect(items.nth(0)).to_contain_text("上半年走访30户次")
    page.locator("#add_content").fill("")
    shoot(page, "commitments-01-member-drafting", doc="member-pledge-edit")

    page.locator("#id_note").fill("请书记审核。")
    page.locator("#submit").get_by_role("button", name=zh("Submit for review")).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(zh("Submitted for review."))
    pledge.refresh_from_db()
    assert pledge.state == "submitted"

    # ---- 审诺: the secretary finds it in the queue and sees the advisor's flags.
    secretary = open_page()
    log_in(secretary, "branch_secretary")
    secretary.get_by_role("link", name=zh("Review queue")).click()
    expect(secretary).to_have_url(re.compile(r"/reviews/$"))
    row = secretary.locator(f"#pledge-{pledge.pk}")
    expect(row).to_contain_text(member.name)
    expect(row.locator("td").nth(5)).to_have_text("3")
    shoot(secretary, "commitments-02-review-queue", doc="review-queue")
    row.get_by_role("link", name=re.escape(zh("Review"))).click()
    expect(secretary).to_have_url(re.compile(rf"/pledges/{pledge.pk}/review/$"))

    advisor_items = secretary.locator("#advisor ol > li")
    expect(advisor_items).to_have_count(3)
    vague_flags = advisor_items.nth(1).locator(".advisor-flags")
    expect(vague_flags).to_contain_text("进一步")
    expect(vague_flags).to_contain_text(zh("Formalism"))
    expect(vague_flags).to_contain_text(zh(
        "There is no completion date, so progress cannot be checked against a schedule."))
    expect(advisor_items.nth(0)).to_contain_text(zh("No concerns found."))
    # A first submission has nothing to compare with.
    expect(secretary.locator("#diff")).to_have_count(0)
    secretary.get_by_label(zh("Guidance for the owner")).fill(GUIDANCE)
    shoot(secretary, "commitments-03-review-advisor", doc="review-advisor")
    secretary.get_by_role("button", name=zh("Return with guidance")).click()
    secretary.wait_for_load_state()
    expect(secretary.locator(".alert-success")).to_contain_text(zh("Decision recorded."))
    pledge.refresh_from_db()
    assert pledge.state == "returned"

    # ---- The member reads the guidance, revises (version 2) and fixes the vague item.
    page.get_by_role("link", name=zh("My commitments")).click()
    expect(page.locator("main")).to_contain_text(str(zh("Returned: read the guidance and revise.")))
    page.get_by_role("link", name=zh("Open my pledge")).click()
    guidance = page.locator("#guidance")
    expect(guidance).to_contain_text(GUIDANCE)
    shoot(page, "commitments-04-member-returned", doc="member-pledge-returned")
    guidance.get_by_role("button", name=zh("Revise")).click()
    page.wait_for_load_state()
    expect(page.locator("#items-heading")).to_contain_text("2")
    # The guidance stays in view while the member works on the new draft.
    expect(page.locator("#guidance")).to_contain_text(GUIDANCE)
    vague = page.locator("#items > ol > li").nth(1)
    expect(vague).to_contain_text(VAGUE)
    page.evaluate("window.notReloaded = true")
    vague.get_by_role("link", name=zh("Edit")).click()
    # htmx swapped the item for its form in place.
    form = page.locator("#items form").filter(has=page.get_by_role("button", name=zh("Save")))
    expect(form).to_be_visible()
    assert page.evaluate("window.notReloaded === true")
    form.locator("textarea[name=content]").fill(STUDY)
    form.locator("input[name=target]").fill("全年撰写学习体会4篇")
    form.locator("input[name=due_date]").fill(q4.isoformat())
    form.get_by_role("button", name=zh("Save")).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(zh("Item saved."))
    expect(page.locator("#items")).to_contain_text(STUDY)
    expect(page.locator("#items")).not_to_contain_text(VAGUE)
    # Item 3 only gets a sharper target: an edit of the same item, not a new one.
    page.locator("#items > ol > li").nth(2).get_by_role("link", name=zh("Edit")).click()
    form = page.locator("#items form").filter(has=page.get_by_role("button", name=zh("Save")))
    form.locator("input[name=target]").fill("全年清扫4次，覆盖全部6个楼道")
    form.get_by_role("button", name=zh("Save")).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(zh("Item saved."))
    page.locator("#submit").get_by_role("button", name=zh("Submit for review")).click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text(zh("Submitted for review."))

    # ---- The secretary sees what changed, ticks the five criteria and approves, by keyboard.
    secretary.get_by_role("link", name=zh("Review queue")).click()
    row = secretary.locator(f"#pledge-{pledge.pk}")
    expect(row).to_contain_text(zh("resubmitted"))
    row.get_by_role("link", name=re.escape(zh("Review"))).click()
    diff = secretary.locator("#diff")
    expect(diff.locator("h2")).to_contain_text(
        zh("Changes from version %(old)s to version %(new)s")
        .replace("%(old)s", "1").replace("%(new)s", "2"))
    expect(diff).to_contain_text(GUIDANCE)
    # The rewritten item reads as one removed and one added; the sharper target as a change.
    expect(diff.locator(".diff-removed")).to_have_count(1)
    expect(diff.locator(".diff-removed del")).to_have_text(VAGUE)
    expect(diff.locator(".diff-added")).to_have_count(1)
    expect(diff.locator(".diff-added ins")).to_have_text(STUDY)
    changed = diff.locator(".diff-changed")
    expect(changed).to_have_count(1)
    expect(changed).to_contain_text(CLEAN)
    expect(changed.locator("ins")).to_have_text("，覆盖全部6个楼道")
    expect(diff.locator(".diff-unchanged")).to_have_count(1)
    expect(secretary.locator("#advisor ol > li").nth(1)).to_contain_text(
        zh("No concerns found."))

    boxes = secretary.locator("#decision input[name=criteria_met]")
    expect(boxes).to_have_count(5)
    tab_to(secretary, "#decision input[name=criteria_met] >> nth=0")
    for n in range(5):
        expect(boxes.nth(n)).to_be_focused()
        secretary.keyboard.press("Space")
        secretary.keyboard.press("Tab")
    for n in range(5):
        expect(boxes.nth(n)).to_be_checked()
    shoot(secretary, "commitments-05-review-diff", doc="review-diff")
    tab_to(secretary, "#decision button[value=approved]")
    secretary.keyboard.press("Enter")
    secretary.wait_for_load_state()
    expect(secretary.locator(".alert-success")).to_contain_text(zh("Decision recorded."))
    pledge.refresh_from_db()
    assert pledge.state == "approved"
    review = pledge.current_version.review
    assert (review.decision, len(review.criteria_met), review.reviewer) == (
        "approved", 5, branch_secretary)

    # ---- 示诺: publish, recording the party-affairs bulletin board as a channel.
    publish = secretary.locator("#publish")
    publish.get_by_label(zh("Party affairs bulletin board"), exact=True).check()
    publish.get_by_label(f'{zh("Party affairs bulletin board")} {zh("Reference")}').fill(
        "社区党务公开栏第3期")
    shoot(secretary, "commitments-06-publish", doc="secretary-publish")
    publish.get_by_role("button", name=zh("Publish")).click()
    secretary.wait_for_load_state()
    expect(secretary.locator(".alert-success")).to_contain_text(
        zh("Published and recorded in the ledger."))
    pledge.refresh_from_db()
    assert pledge.state == "published"
    fingerprint = pledge.published_version.ledger_entry.fingerprint
    assert fingerprint
    publication = secretary.locator("#publication")
    expect(publication).to_contain_text(fingerprint)
    expect(publication).to_contain_text("社区党务公开栏第3期")
    channels = set(pledge.published_version.publications.values_list("channel", flat=True))
    assert "bulletin_board" in channels

    # The overview shows the member as published, with the way to the public page.
    secretary.goto(f"{live_server.url}{reverse('worklists:overview', args=[branch.slug])}")
    cell = secretary.locator(f"#member-{member.pk} .pledge-cell").first
    expect(cell).to_have_attribute("data-status", "published")
    expect(cell).to_contain_text(zh("Published"))
    expect(secretary.locator(f"#member-{fellow_member.pk} .pledge-cell").first
           ).to_have_attribute("data-status", "missing")
    shoot(secretary, "commitments-07-overview", doc="secretary-overview")

    # ---- A citizen, not logged in, opens the public board and the member's page.
    visitor = open_page()
    visitor.goto(f"{live_server.url}/p/{branch.slug}/")
    card = visitor.locator(f"#pledge-{pledge.pk}")
    expect(card).to_contain_text(member.name)
    expect(card).to_contain_text(STUDY)
    expect(card).to_contain_text(VISIT)
    expect(card).not_to_contain_text(VAGUE)
    expect(card.locator("code.fingerprint")).to_have_text(fingerprint)
    assert visitor.context.cookies() == []
    shoot(visitor, "commitments-08-public-board", doc="public-board")

    # The badge's QR code is exactly the code of the member page's address: open that.
    member_url = f"{live_server.url}{reverse('boards:member', args=[member.public_id])}"
    visitor.goto(f"{live_server.url}{reverse('boards:badge', args=[member.public_id])}")
    qr_path = visitor.locator("figure.badge-qr svg path.qrline").get_attribute("d")
    expected = segno.make(member_url, error="m", micro=False).svg_inline(scale=3, border=2)
    assert f'd="{qr_path}"' in expected, "the badge's QR code does not encode the member page"
    visitor.goto(member_url)
    expect(visitor.locator("h1")).to_have_text(member.name)
    card = visitor.locator(f"#pledge-{pledge.pk}")
    expect(card).to_contain_text(STUDY)
    expect(card.locator("code.fingerprint")).to_have_text(fingerprint)
    assert visitor.context.cookies() == []
    shoot(visitor, "commitments-09-member-public-page", doc="public-member")


def test_cycles_page_shows_the_county_cycle_to_the_branch_secretary(
        page, live_server, log_in, shoot, cycle, branch, branch_secretary):
    log_in(page, "branch_secretary")
    page.get_by_role("link", name=zh("Cycles"), exact=True).click()
    expect(page).to_have_url(re.compile(rf"/org/{branch.slug}/cycles/$"))
    table = page.locator("#covering-cycles")
    expect(table).to_contain_text(str(cycle.year))
    expect(table).to_contain_text(cycle.organization.name)
    row = table.locator(f"#cycle-{cycle.pk}")
    expect(row).to_contain_text(cycle.commitment_deadline.isoformat())
    expect(row).to_contain_text(zh("current"))
    # The county opened it, so only the county changes it: the branch gets no edit button.
    expect(row.get_by_role("link")).to_have_count(0)
    shoot(page, "commitments-10-cycles", doc="cycles")
