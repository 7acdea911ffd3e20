"""Leaving and answering suggestions (征求群众意见建议)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.suggestions.models import Outcome, Suggestion
from chengnuo.suggestions.services import (
    open_cycle_for,
    suggestion_answer,
    suggestion_leave,
    suggestion_release,
    suggestion_withhold,
)
from chengnuo.tests.factories import CycleFactory, add_items

DAY = datetime.timedelta(days=1)
TEXT = "希望支部组织党员每周清理小区楼道堆放的杂物"


@pytest.fixture
def cycle(county):
    return CycleFactory(organization=county)


def test_an_anonymous_visitor_leaves_a_suggestion_while_solicitation_is_open(
        cycle, branch, anonymous):
    suggestion = suggestion_leave(actor=anonymous, organization=branch, text=f"  {TEXT}  ",
                                  author_name=" 居民老陈 ", contact="13900001111")
    assert suggestion.cycle == cycle and suggestion.organization == branch
    assert suggestion.text == TEXT and suggestion.author_name == "居民老陈"
    assert suggestion.user is None
    assert suggestion.outcome == Outcome.PENDING


def test_a_logged_in_member_is_recorded_as_the_author(cycle, branch, member_user):
    suggestion = suggestion_leave(actor=member_user, organization=branch, text=TEXT)
    assert suggestion.user == member_user


def test_the_suggestion_goes_to_the_cycle_covering_the_organization(cycle, branch,
                                                                    anonymous):
    assert open_cycle_for(branch) == cycle


def test_a_suggestion_before_solicitation_opens_is_refused(cycle, branch, anonymous):
    with time_machine.travel(cycle.solicitation_opens - DAY, tick=False):
        with pytest.raises(ValidationError):
            suggestion_leave(actor=anonymous, organization=branch, text=TEXT)
    assert not Suggestion.objects.exists()


def test_suggestions_are_taken_on_the_first_and_last_day(cycle, branch, anonymous):
    for day in (cycle.solicitation_opens, cycle.commitment_deadline):
        with time_machine.travel(day, tick=False):
            suggestion_leave(actor=anonymous, organization=branch, text=TEXT)
    assert Suggestion.objects.count() == 2


def test_a_suggestion_after_the_commitment_deadline_is_refused(cycle, branch, anonymous):
    with time_machine.travel(cycle.commitment_deadline + DAY, tick=False):
        with pytest.raises(ValidationError):
            suggestion_leave(actor=anonymous, organization=branch, text=TEXT)
    assert not Suggestion.objects.exists()


def test_an_organization_without_a_cycle_collects_no_suggestions(cycle, other_branch,
                                                                 anonymous):
    with pytest.raises(ValidationError):
        suggestion_leave(actor=anonymous, organization=other_branch, text=TEXT)


def test_only_grassroots_organizations_collect_suggestions(cycle, county, township,
                                                           anonymous):
    for organization in (county, township):
        with pytest.raises(ValidationError):
            suggestion_leave(actor=anonymous, organization=organization, text=TEXT)
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "好", "修路", "x" * 501],
                         ids=["empty", "blank", "one-char", "two-chars", "too-long"])
def test_too_short_or_too_long_suggestions_are_refused(cycle, branch, anonymous, text):
    with pytest.raises(ValidationError) as refusal:
        suggestion_leave(actor=anonymous, organization=branch, text=text)
    assert set(refusal.value.message_dict) == {"text"}
    assert not Suggestion.objects.exists()


def test_a_suggestion_of_exactly_the_limit_is_taken(cycle, branch, anonymous):
    suggestion = suggestion_leave(actor=anonymous, organization=branch, text="修" * 500)
    assert len(suggestion.text) == 500


@pytest.mark.parametrize(("name", "contact"), [("名" * 31, ""), ("", "1" * 61)],
                         ids=["long-name", "long-contact"])
def test_a_long_name_or_contact_is_refused(cycle, branch, anonymous, name, contact):
    with pytest.raises(ValidationError):
        suggestion_leave(actor=anonymous, organization=branch, text=TEXT, author_name=name,
                         contact=contact)
    assert not Suggestion.objects.exists()


def test_script_in_a_suggestion_is_stored_as_plain_text(cycle, branch, anonymous):
    text = "<script>alert(1)</script>请修路"
    suggestion = suggestion_leave(actor=anonymous, organization=branch, text=text)
    assert suggestion.text == text  # stored verbatim; templates escape it on output


# ---- answers ------------------------------------------------------------------------------

@pytest.fixture
def suggestion(cycle, branch, anonymous):
    return suggestion_leave(actor=anonymous, organization=branch, text=TEXT)


@pytest.fixture
def member_item(cycle, member, member_user):
    from chengnuo.pledges import services

    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    return add_items(pledge, actor=member_user, count=1)[0]


def test_the_secretary_adopts_a_suggestion_into_a_named_item(
        suggestion, member_item, branch_secretary):
    answered = suggestion_answer(actor=branch_secretary, suggestion=suggestion,
                                 outcome=Outcome.ADOPTED, answer="已纳入王秀英的承诺",
                                 item=member_item)
    assert answered.outcome == Outcome.ADOPTED and answered.item == member_item
    assert answered.answered_by == branch_secretary and answered.answered_at is not None
    assert list(member_item.suggestions.all()) == [suggestion]
    event = AuditEvent.objects.get(action="suggestion.answer", subject_id=suggestion.pk)
    assert event.changes["outcome"] == [Outcome.PENDING, Outcome.ADOPTED]


def test_an_organizations_own_pledge_item_may_adopt_a_suggestion(
        cycle, suggestion, branch, branch_secretary, county_admin):
    from chengnuo.pledges import services

    pledge = services.pledge_start(actor=branch_secretary, cycle=cycle, organization=branch)
    item = add_items(pledge, actor=branch_secretary, count=1)[0]
    suggestion_answer(actor=county_admin, suggestion=suggestion, outcome=Outcome.ADOPTED,
                      item=item)
    assert list(item.suggestions.all()) == [suggestion]


def test_adopting_without_naming_an_item_is_refused(suggestion, branch_secretary):
    with pytest.raises(ValidationError) as refusal:
        suggestion_answer(actor=branch_secretary, suggestion=suggestion,
                          outcome=Outcome.ADOPTED, answer="采纳")
    assert set(refusal.value.message_dict) == {"item"}
    suggestion.refresh_from_db()
    assert suggestion.outcome == Outcome.PENDING


def test_adopting_into_another_organizations_item_is_refused(
        suggestion, other_member, other_secretary, other_county, branch_secretary):
    from chengnuo.pledges import services

    other_cycle = CycleFactory(organization=other_county)
    pledge = services.pledge_start(actor=other_secretary, cycle=other_cycle,
                                   member=other_member)
    item = add_items(pledge, actor=other_secretary, count=1)[0]
    with pytest.raises(ValidationError) as refusal:
        suggestion_answer(actor=branch_secretary, suggestion=suggestion,
                          outcome=Outcome.ADOPTED, item=item)
    assert set(refusal.value.message_dict) == {"item"}
    assert not item.suggestions.exists()


def test_adopting_into_an_item_of_another_cycle_is_refused(
        suggestion, cycle, branch, member, branch_secretary):
    from chengnuo.pledges import services

    last_year = {name: getattr(cycle, name).replace(year=getattr(cycle, name).year - 1)
                 for name in ("solicitation_opens", "commitment_deadline", "quarter_1_ends",
                              "quarter_2_ends", "quarter_3_ends", "quarter_4_ends")}
    old_cycle = CycleFactory(organization=branch, year=cycle.year - 1, **last_year)
    pledge = services.pledge_start(actor=branch_secretary, cycle=old_cycle, member=member)
    item = services.item_add(actor=branch_secretary, pledge=pledge, category="lead_service",
                             content="每月走访困难群众")
    with pytest.raises(ValidationError) as refusal:
        suggestion_answer(actor=branch_secretary, suggestion=suggestion,
                          outcome=Outcome.ADOPTED, item=item)
    assert set(refusal.value.message_dict) == {"item"}


def test_declining_needs_a_reason(suggestion, branch_secretary):
    with pytest.raises(ValidationError) as refusal:
        suggestion_answer(actor=branch_secretary, suggestion=suggestion,
                          outcome=Outcome.DECLINED, answer="   ")
    assert set(refusal.value.message_dict) == {"answer"}
    answered = suggestion_answer(actor=branch_secretary, suggestion=suggestion,
                                 outcome=Outcome.DECLINED, answer="不属于支部职责范围，已转交街道")
    assert answered.outcome == Outcome.DECLINED and answered.item is None


def test_already_covered_needs_no_item(suggestion, branch_secretary):
    answered = suggestion_answer(actor=branch_secretary, suggestion=suggestion,
                                 outcome=Outcome.COVERED, answer="已在支部承诺中")
    assert answered.outcome == Outcome.COVERED and answered.item is None


def test_an_answer_can_be_changed_from_adopted_and_drops_the_item(
        suggestion, member_item, branch_secretary):
    suggestion_answer(actor=branch_secretary, suggestion=suggestion, outcome=Outcome.ADOPTED,
                      item=member_item)
    answered = suggestion_answer(actor=branch_secretary, suggestion=suggestion,
                                 outcome=Outcome.COVERED)
    assert answered.item is None
    assert not member_item.suggestions.exists()


def test_adopting_into_a_submitted_version_leaves_its_reviewed_list_alone(
        suggestion, member_item, member_user, branch_secretary):
    from chengnuo.pledges import services

    pledge = member_item.version.pledge
    add_items(pledge, actor=member_user, count=2)
    services.pledge_submit(actor=member_user, pledge=pledge)
    answered = suggestion_answer(actor=branch_secretary, suggestion=suggestion,
                                 outcome=Outcome.ADOPTED, item=member_item)
    assert answered.item == member_item
    assert not member_item.suggestions.exists()


def test_a_padded_name_is_trimmed_before_its_length_is_checked(cycle, branch, anonymous):
    suggestion = suggestion_leave(actor=anonymous, organization=branch, text=TEXT,
                                  author_name=f"  {'陈' * 30}  ")
    assert suggestion.author_name == "陈" * 30


@pytest.mark.parametrize("outcome", ["pending", "maybe", ""])
def test_an_answer_must_be_one_of_the_three(suggestion, branch_secretary, outcome):
    with pytest.raises(ValidationError) as refusal:
        suggestion_answer(actor=branch_secretary, suggestion=suggestion, outcome=outcome,
                          answer="再研究")
    assert set(refusal.value.message_dict) == {"outcome"}


def test_a_very_long_answer_is_refused(suggestion, branch_secretary):
    with pytest.raises(ValidationError) as refusal:
        suggestion_answer(actor=branch_secretary, suggestion=suggestion,
                          outcome=Outcome.DECLINED, answer="因" * 1001)
    assert set(refusal.value.message_dict) == {"answer"}


def test_an_admin_of_another_county_cannot_answer(suggestion, other_secretary):
    with pytest.raises(OutOfReach):
        suggestion_answer(actor=other_secretary, suggestion=suggestion,
                          outcome=Outcome.COVERED)
    suggestion.refresh_from_db()
    assert suggestion.outcome == Outcome.PENDING


@pytest.mark.parametrize("who", ["county_reviewer", "member_user", "anonymous"])
def test_only_an_admin_answers(request, suggestion, who):
    with pytest.raises(OutOfReach):
        suggestion_answer(actor=request.getfixturevalue(who), suggestion=suggestion,
                          outcome=Outcome.COVERED)


def test_a_county_admin_answers_for_a_branch_below(suggestion, county_admin):
    answered = suggestion_answer(actor=county_admin, suggestion=suggestion,
                                 outcome=Outcome.COVERED)
    assert answered.answered_by == county_admin


def test_withholding_records_who_why_and_when_and_is_audited(suggestion, branch_secretary):
    withheld = suggestion_withhold(actor=branch_secretary, suggestion=suggestion,
                                   reason="  含有辱骂内容  ")
    assert withheld.withheld_reason == "含有辱骂内容" and withheld.is_withheld
    assert withheld.withheld_by == branch_secretary and withheld.withheld_at is not None
    assert AuditEvent.objects.filter(action="suggestion.withhold",
                                     subject_id=suggestion.pk).exists()


@pytest.mark.parametrize("reason", ["", "   ", "理" * 201])
def test_withholding_without_a_sensible_reason_is_refused(suggestion, branch_secretary,
                                                          reason):
    with pytest.raises(ValidationError) as refusal:
        suggestion_withhold(actor=branch_secretary, suggestion=suggestion, reason=reason)
    assert set(refusal.value.message_dict) == {"reason"}
    suggestion.refresh_from_db()
    assert not suggestion.is_withheld


@pytest.mark.parametrize("who", ["other_secretary", "member_user", "county_reviewer"])
def test_only_an_admin_over_the_organization_withholds(request, suggestion, who):
    with pytest.raises(OutOfReach):
        suggestion_withhold(actor=request.getfixturevalue(who), suggestion=suggestion,
                            reason="广告")


def test_releasing_a_suggestion_that_is_shown_is_refused(suggestion, branch_secretary):
    with pytest.raises(ValidationError):
        suggestion_release(actor=branch_secretary, suggestion=suggestion)
