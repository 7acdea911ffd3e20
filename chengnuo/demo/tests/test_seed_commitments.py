"""The demo's first half-year: a cycle open today, suggestions answered and pending, and
pledges in every state, all made through the services by actors allowed to make them."""

import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from chengnuo.accounts.permissions import Need
from chengnuo.audit.models import AuditEvent
from chengnuo.cycles.models import Cycle
from chengnuo.demo import pledge_texts as texts
from chengnuo.demo.accounts import PLACES
from chengnuo.demo.commitments import cycle_dates, organization_at
from chengnuo.ledger.models import LedgerEntry
from chengnuo.ledger.services import ledger_verify
from chengnuo.members.models import Member
from chengnuo.pledges.access import pledges_for
from chengnuo.pledges.advisor import ItemText, OtherItem, advise
from chengnuo.pledges.models import Channel, Pledge, PledgeItem, PledgeVersion, Scope, State
from chengnuo.pledges.services import pledge_submit
from chengnuo.suggestions.models import Outcome, Suggestion

User = get_user_model()


def branch():
    return organization_at(PLACES["branch"])


def next_year() -> Cycle:
    """The cycle collecting suggestions today (the running year's is older)."""
    return Cycle.objects.select_related("organization").order_by("-year").first()


def pledge_with(content: str) -> Pledge:
    """The pledge of the next year whose current version holds an item with content."""
    item = PledgeItem.objects.select_related("version__pledge").get(
        content=content, version__pledge__current_version=F("version"),
        version__pledge__cycle=next_year())
    return item.version.pledge


def every_day_of(year: int):
    day = datetime.date(year, 1, 1)
    while day.year == year:
        yield day
        day += datetime.timedelta(days=1)


# ---- the cycle's dates ------------------------------------------------------------------

@pytest.mark.parametrize("year", [2026, 2028])
def test_the_cycle_dates_are_valid_whatever_day_the_seed_runs(year):
    for today in every_day_of(year):
        dates = cycle_dates(today)
        cycle = Cycle(year=dates.year, **dates.fields())
        cycle.clean()
        assert cycle.solicitation_is_open(today)
        assert dates.commitment_deadline > today
        assert dates.quarter_ends[0] >= dates.commitment_deadline + datetime.timedelta(days=30)
        assert [d.year for d in dates.quarter_ends].count(dates.year) >= 2


@pytest.mark.parametrize(("today", "year", "first_quarter_ends"), [
    (datetime.date(2026, 11, 28), 2027, datetime.date(2027, 3, 31)),
    (datetime.date(2026, 12, 20), 2027, datetime.date(2027, 3, 31)),
    (datetime.date(2027, 1, 5), 2027, datetime.date(2027, 3, 31)),
    (datetime.date(2027, 6, 15), 2027, datetime.date(2027, 9, 30)),
    (datetime.date(2027, 8, 20), 2028, datetime.date(2027, 12, 31)),
])
def test_seeded_in_november_the_cycle_is_next_years(today, year, first_quarter_ends):
    dates = cycle_dates(today)
    assert dates.year == year
    assert dates.quarter_ends[0] == first_quarter_ends
    assert dates.solicitation_opens == today - datetime.timedelta(days=30)
    assert dates.commitment_deadline == today + datetime.timedelta(days=21)


# ---- what the seed makes ----------------------------------------------------------------

def test_the_next_years_cycle_at_the_province_collects_suggestions_today(seeded_year):
    cycle = next_year()
    assert Cycle.objects.count() == 2  # and the running year's, two quarters in
    assert cycle.organization.name == "浙江省"
    assert cycle.opened_by.username == "admin"
    assert cycle.solicitation_is_open(timezone.localdate())
    assert cycle.year == cycle_dates(timezone.localdate()).year
    assert "承诺" in seeded_year


def test_suggestions_are_adopted_covered_declined_and_pending_on_both_showcase_pages(
        seeded_year):
    showcase = branch()
    for organization in (showcase, showcase.parent):
        outcomes = set(Suggestion.objects.filter(organization=organization)
                       .values_list("outcome", flat=True))
        assert outcomes == set(Outcome.values), organization
    for suggestion in Suggestion.objects.exclude(outcome=Outcome.PENDING):
        assert suggestion.answer and suggestion.answered_by is not None
    for suggestion in Suggestion.objects.filter(outcome=Outcome.ADOPTED).select_related(
            "item__version__pledge"):
        pledge = suggestion.item.version.pledge
        assert pledge.organization_id == suggestion.organization_id
        assert pledge.published_version_id == suggestion.item.version_id
        assert suggestion in suggestion.item.suggestions.all()


def test_pledges_come_in_every_state_and_some_members_have_none(seeded_year):
    states = set(Pledge.objects.values_list("state", flat=True))
    assert {State.DRAFT, State.SUBMITTED, State.RETURNED, State.APPROVED,
            State.PUBLISHED} <= states
    assert Member.objects.filter(organization=branch(), pledges__isnull=True).exists()
    # Beyond the showcase city the province is left blank, as superiors would find it.
    city = organization_at(PLACES["city"])
    assert not Pledge.objects.exclude(organization__path__startswith=city.path).exists()
    assert Member.objects.filter(pledges__isnull=False).distinct().count() < 30


def test_a_returned_pledge_was_revised_and_resubmitted_so_the_review_shows_a_diff(
        seeded_year):
    pledge = pledge_with(texts.LEADER_REVISIONS[1].content)
    first, second = pledge.versions.order_by("number")
    assert (first.state, second.state, pledge.state) == (
        State.RETURNED, State.SUBMITTED, State.SUBMITTED)
    assert first.review.guidance == texts.LEADER_RETURN_GUIDANCE
    assert first.review.reviewer.username == "secretary"
    changed = {i.content for i in second.items.all()} - {i.content for i in first.items.all()}
    assert len(changed) == 3
    assert pledge.member.holds_leadership_post and second.items.count() >= 5


def test_a_published_pledge_has_its_channels_and_an_amendment_under_review(seeded_year):
    pledge = pledge_with(texts.AMENDMENT_REVISIONS[1].content)
    assert pledge.state == State.SUBMITTED
    published = pledge.published_version
    assert published.state == State.PUBLISHED and published.number == 1
    assert pledge.current_version.number == 2 and pledge.current_version.note
    channels = set(published.publications.values_list("channel", flat=True))
    assert {Channel.MEETING, Channel.BULLETIN_BOARD, Channel.INTERNET} <= channels
    assert published.ledger_entry is not None


def test_the_leaders_pledges_meet_the_higher_standard(seeded_year):
    secretary = User.objects.get(username="secretary").member
    pledge = Pledge.objects.get(member=secretary, cycle=next_year())
    assert pledge.state == State.PUBLISHED
    review = pledge.current_version.review
    assert review.higher_standard_confirmed and review.reviewer.username != "secretary"
    assert pledge.current_version.items.count() >= pledge.cycle.minimum_items_leader


def test_oral_pledges_are_recorded_by_a_secretary_for_eligible_members_only(seeded_year):
    oral = PledgeVersion.objects.filter(is_oral=True).select_related("pledge__member")
    assert oral.count() >= 2
    assert oral.filter(state=State.PUBLISHED).exists()
    for version in oral:
        assert version.pledge.member.may_pledge_orally
        assert version.created_by != version.pledge.member.user
        assert version.created_by.role_grants.filter(role="admin").exists()


def test_in_service_members_have_a_work_and_a_residence_pledge(seeded_year):
    residence = Pledge.objects.filter(scope=Scope.RESIDENCE).select_related(
        "member", "reviewing_organization")
    assert residence.count() >= 2
    community = branch().parent
    for pledge in residence:
        assert pledge.reviewing_organization == community
        assert Pledge.objects.filter(member=pledge.member, scope=Scope.WORK).exists()
    assert residence.filter(state=State.PUBLISHED).exists()


def test_members_without_a_post_commit_through_their_duty_post(seeded_year):
    without = Pledge.objects.filter(member__without_post=True).exclude(state=State.DRAFT)
    assert without.exists()
    for pledge in without.select_related("current_version", "post"):
        assert pledge.post is not None and pledge.current_version.post_name == pledge.post.name
        assert pledge.current_version.items.filter(category="post_duty").exists()


def test_the_advisor_flags_the_weak_pledge_waiting_for_review(seeded_year):
    pledge = pledge_with(texts.WEAK_ITEMS[1].content)
    assert pledge.state == State.SUBMITTED
    items = list(pledge.current_version.items.all())
    others = [OtherItem(str(item.version.pledge.member), item.content, item.target)
              for item in PledgeItem.objects.filter(
                  version__pledge__cycle=pledge.cycle,
                  version__pledge__member__isnull=False).exclude(
                  version__pledge=pledge).select_related("version__pledge__member")]
    advice = advise([ItemText(str(i.pk), i.content, i.target, i.due_date) for i in items],
                    minimum_items=3, maximum_items=12, others=others,
                    cycle_end=pledge.cycle.ends)
    codes = {flag.code for flags in advice.item_flags.values() for flag in flags}
    assert {"near_copy", "stock_phrases", "no_due_date"} <= codes


def test_published_items_fall_within_the_cycle_with_dates_and_targets(seeded_year):
    for pledge in Pledge.objects.for_board().select_related("cycle", "published_version"):
        for item in pledge.published_version.items.prefetch_related("milestones"):
            assert item.target and item.due_date
            assert pledge.cycle.solicitation_opens <= item.due_date <= pledge.cycle.ends
            for milestone in item.milestones.all():
                assert milestone.due_date <= item.due_date


def test_the_ledger_holds_every_publication_and_verifies(seeded_year):
    checked, broken = ledger_verify()
    assert broken is None
    assert checked == LedgerEntry.objects.count()
    published = PledgeVersion.objects.filter(ledger_entry__isnull=False)
    assert published.filter(pledge__cycle=next_year()).count() >= 8
    assert LedgerEntry.objects.filter(kind="pledge.publish").count() == published.count()


# ---- the browser walk continues ---------------------------------------------------------

def test_the_member_account_has_a_draft_it_can_submit(seeded_year):
    user = User.objects.get(username="member")
    pledge = Pledge.objects.get(member=user.member, cycle=next_year())
    assert pledge.state == State.DRAFT
    pledge_submit(actor=user, pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.state == State.SUBMITTED


def test_the_secretary_has_pledges_to_review_that_others_submitted(seeded_year):
    secretary = User.objects.get(username="secretary")
    queue = pledges_for(secretary, Need.REVIEW).filter(state=State.SUBMITTED).exclude(
        current_version__submitted_by=secretary)
    assert queue.count() >= 3
    reviewer = User.objects.get(username="reviewer")
    assert pledges_for(reviewer, Need.REVIEW).filter(state=State.SUBMITTED).count() \
        > queue.count()


def test_the_acting_members_cannot_log_in(seeded_year, client):
    helpers = User.objects.filter(username__startswith="demo-")
    assert helpers.exists()
    for user in helpers:
        assert not user.has_usable_password() and user.member.name == user.first_name


# ---- running again ------------------------------------------------------------------------

def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count()
            for model in (Cycle, Suggestion, Pledge, PledgeVersion, PledgeItem, LedgerEntry,
                          AuditEvent, User)}


def test_a_second_run_adds_nothing(seeded_year):
    before = counts()
    out = io.StringIO()
    call_command("seed_commitments", stdout=out)
    call_command("seed_demo", if_empty=True, stdout=io.StringIO())
    assert counts() == before
    assert "已有" in out.getvalue()
