"""The demo data walked in the browser, as a new user would after `make run`: the demo
member submits the draft waiting for them, the demo secretary approves and publishes it, and
a citizen finds it on the public board with its ledger fingerprint."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from chengnuo.demo.accounts import DEMO_PASSWORD
from chengnuo.pledges.models import Pledge

from .conftest import zh

pytestmark = pytest.mark.browser


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", verbosity=0)


def test_a_new_user_walks_the_demo_from_draft_to_the_public_board(
        open_page, live_server, log_in, shoot, demo):
    # The year collecting suggestions (the running year's pledge is published already).
    pledge = Pledge.objects.filter(member__user__username="member").latest("cycle__year")
    assert pledge.state == "draft"

    # The demo member finds their draft under 我的承诺 and submits it.
    member = open_page()
    log_in(member, "member", DEMO_PASSWORD)
    member.get_by_role("link", name=zh("My commitments")).click()
    member.locator(f'a[href="/pledges/{pledge.pk}/"]').first.click()
    member.locator("#submit").get_by_role("button", name=zh("Submit for review")).click()
    expect(member.locator(".alert-success")).to_contain_text(zh("Submitted for review."))

    # The demo secretary finds it in the review queue, approves and publishes it.
    secretary = open_page()
    log_in(secretary, "secretary", DEMO_PASSWORD)
    secretary.get_by_role("link", name=zh("Review queue")).click()
    secretary.locator(f"#pledge-{pledge.pk}").get_by_role("link").last.click()
    for box in secretary.locator("#decision input[name=criteria_met]").all():
        box.check()
    secretary.locator("#decision button[value=approved]").click()
    expect(secretary.locator(".alert-success")).to_contain_text(zh("Decision recorded."))
    publish = secretary.locator("#publish")
    publish.get_by_label(zh("Meeting"), exact=True).check()
    publish.get_by_role("button", name=zh("Publish")).click()
    expect(secretary.locator(".alert-success")).to_contain_text(
        zh("Published and recorded in the ledger."))
    shoot(secretary, "demo-walk-published")

    # A citizen sees it on the board, with the fingerprint of its ledger entry.
    pledge.refresh_from_db()
    fingerprint = pledge.published_version.ledger_entry.fingerprint
    visitor = open_page()
    # The board opens on the running year; the new pledge is under the next year's tab.
    visitor.goto(f"{live_server.url}/p/{pledge.organization.slug}/")
    visitor.locator("#soliciting a").click()
    card = visitor.locator(f"#pledge-{pledge.pk}")
    expect(card).to_contain_text(pledge.member.name)
    expect(card).to_contain_text(pledge.published_version.items.first().content)
    expect(card).to_contain_text(fingerprint)
