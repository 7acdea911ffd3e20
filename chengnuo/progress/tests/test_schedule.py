"""The schedule's judgement of an item, on plain objects: no database."""

import datetime
from types import SimpleNamespace

import pytest

from chengnuo.progress.schedule import (
    AT_RISK_MARGIN,
    NEAR_DAYS,
    Status,
    count_by_status,
    expected_percent,
    item_schedule,
    item_status,
    started_on,
)

START = datetime.date(2026, 1, 1)
DUE = datetime.date(2026, 11, 1)  # 304 days after START
DAY = datetime.timedelta(days=1)


class Milestones(list):
    def all(self):
        return self


def item(*, percent=0, done_on=None, due_date=DUE, milestones=()):
    return SimpleNamespace(percent=percent, done_on=done_on, due_date=due_date,
                           milestones=Milestones(
                               SimpleNamespace(due_date=d, reached_on=r, title="节点")
                               for d, r in milestones))


def status(today, **kwargs):
    return item_status(item(**kwargs), today, started_on=START,
                       cycle_ends=datetime.date(2026, 12, 31))


# ---- expected pace --------------------------------------------------------------------

@pytest.mark.parametrize(("on", "expected"), [
    (START - 10 * DAY, 0), (START, 0), (START + 152 * DAY, 50), (START + 76 * DAY, 25),
    (DUE - DAY, 100), (DUE, 100), (DUE + 30 * DAY, 100)])
def test_the_expected_percent_grows_evenly_from_the_start_to_the_due_date(on, expected):
    assert expected_percent(started_on=START, due_on=DUE, on=on) == pytest.approx(
        expected, abs=1)


def test_an_item_due_on_the_day_it_starts_is_expected_done_that_day():
    assert expected_percent(started_on=START, due_on=START, on=START) == 100
    assert expected_percent(started_on=START, due_on=START, on=START - DAY) == 0


# ---- done ------------------------------------------------------------------------------

def test_an_item_with_a_done_date_is_done_even_late_and_with_milestones_missed():
    assert status(DUE + 40 * DAY, percent=100, done_on=DUE + 20 * DAY,
                  milestones=[(START + 30 * DAY, None)]) == Status.DONE


def test_an_item_at_99_percent_is_not_done():
    assert status(START + 10 * DAY, percent=99) != Status.DONE


# ---- overdue ---------------------------------------------------------------------------

def test_an_item_is_overdue_the_day_after_its_due_date():
    assert status(DUE, percent=80) == Status.AT_RISK
    assert status(DUE + DAY, percent=80) == Status.OVERDUE


def test_a_missed_milestone_makes_the_item_overdue_even_when_the_percent_is_ahead():
    assert status(START + 100 * DAY, percent=90,
                  milestones=[(START + 99 * DAY, None)]) == Status.OVERDUE


def test_a_milestone_reached_late_does_not_keep_the_item_overdue():
    assert status(START + 100 * DAY, percent=40,
                  milestones=[(START + 99 * DAY, START + 100 * DAY)]) == Status.ON_SCHEDULE


def test_a_milestone_is_not_missed_on_its_own_date():
    assert status(START + 99 * DAY, percent=40,
                  milestones=[(START + 99 * DAY, None)]) != Status.OVERDUE


def test_an_item_without_a_due_date_is_judged_against_the_cycle_end():
    end = datetime.date(2026, 12, 31)
    assert status(end, due_date=None, percent=90) == Status.AT_RISK
    assert status(end + DAY, due_date=None, percent=90) == Status.OVERDUE
    assert status(START + 30 * DAY, due_date=None, percent=5) == Status.ON_SCHEDULE


def test_an_item_without_any_end_is_on_schedule_until_done():
    plain = item(due_date=None)
    assert item_status(plain, START + 300 * DAY, started_on=START) == Status.ON_SCHEDULE


# ---- at risk ---------------------------------------------------------------------------

def test_an_item_just_within_the_margin_behind_the_pace_is_on_schedule():
    today = START + 152 * DAY  # the pace expects 50%
    assert status(today, percent=50 - AT_RISK_MARGIN) == Status.ON_SCHEDULE


def test_an_item_more_than_the_margin_behind_the_pace_is_at_risk():
    today = START + 152 * DAY
    assert status(today, percent=50 - AT_RISK_MARGIN - 1) == Status.AT_RISK


def test_an_untouched_item_is_on_schedule_early_in_the_year():
    assert status(START + 20 * DAY, percent=0) == Status.ON_SCHEDULE


def test_an_item_near_its_due_date_with_much_left_is_at_risk():
    today = DUE - NEAR_DAYS * DAY
    assert status(today, percent=70) == Status.AT_RISK
    assert status(today, percent=80) == Status.ON_SCHEDULE


def test_the_margin_near_a_date_shrinks_to_nothing_on_the_day():
    assert status(DUE - 7 * DAY, percent=90) == Status.ON_SCHEDULE
    assert status(DUE - 7 * DAY, percent=85) == Status.AT_RISK
    assert status(DUE, percent=99) == Status.AT_RISK


def test_a_milestone_due_today_and_not_reached_is_at_risk_when_behind_the_pace():
    today = START + 152 * DAY  # the pace expects 50%
    assert status(today, percent=45, milestones=[(today, None)]) == Status.AT_RISK
    assert status(today, percent=55, milestones=[(today, None)]) == Status.ON_SCHEDULE


def test_far_from_its_due_date_the_same_gap_to_done_is_no_risk():
    # 300 days to go and far from done, but the pace does not expect more yet.
    assert status(START + 4 * DAY, percent=0) == Status.ON_SCHEDULE


def test_a_near_milestone_with_the_work_far_behind_its_pace_is_at_risk():
    # The milestone in 10 days falls where the pace expects 66%; 36% is far from that,
    # 50% close enough (10 days out the margin is 25 × 10/14 ≈ 18 points).
    today = START + 190 * DAY
    milestones = [(today + 10 * DAY, None)]
    assert status(today, percent=36, milestones=milestones) == Status.AT_RISK
    assert status(today, percent=50, milestones=milestones) == Status.ON_SCHEDULE
    # The same work with the milestone further away is not flagged by the near rule.
    assert status(today, percent=45, milestones=[(today + 40 * DAY, None)]) \
        == Status.ON_SCHEDULE


def test_a_reached_milestone_is_not_the_next_one():
    today = START + 190 * DAY
    assert status(today, percent=45, milestones=[(today + 5 * DAY, today)]) \
        == Status.ON_SCHEDULE


# ---- the page's view of a schedule ------------------------------------------------------

def test_the_item_schedule_marks_each_milestone_reached_missed_or_ahead():
    today = START + 100 * DAY
    plan = item_schedule(item(percent=20, milestones=[
        (START + 50 * DAY, START + 49 * DAY), (START + 90 * DAY, None),
        (START + 200 * DAY, None)]), today, started_on=START)
    assert [m.key for m in plan.milestones] == ["reached", "missed", "ahead"]
    assert plan.status == Status.OVERDUE
    assert plan.expected == expected_percent(started_on=START, due_on=DUE, on=today)
    assert plan.behind == plan.expected - 20
    assert not plan.due_missed


def test_a_done_item_expects_nothing_more_and_is_not_behind():
    plan = item_schedule(item(percent=100, done_on=START + 10 * DAY), START + 20 * DAY,
                         started_on=START)
    assert plan.status == Status.DONE and plan.expected == 100 and plan.behind == 0


def test_the_due_date_is_marked_missed_once_it_passed_undone():
    plan = item_schedule(item(percent=60), DUE + DAY, started_on=START)
    assert plan.due_missed and plan.status == Status.OVERDUE


def test_counts_by_status_name_every_status_even_when_none_has_it():
    counts = count_by_status([Status.DONE, Status.DONE, Status.OVERDUE])
    assert counts == {"overdue": 1, "at_risk": 0, "on_schedule": 0, "done": 2}


def test_the_schedule_starts_at_the_first_publication_else_the_cycle_start():
    import zoneinfo

    cycle = SimpleNamespace(solicitation_opens=START)
    moment = datetime.datetime(2026, 3, 1, 20, 0, tzinfo=datetime.UTC)  # 04:00 in Beijing
    later = SimpleNamespace(published_at=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC))
    amended = SimpleNamespace(first_published_at=moment, published_version_id=2,
                              published_version=later, cycle=cycle)
    assert started_on(amended) == moment.astimezone(
        zoneinfo.ZoneInfo("Asia/Shanghai")).date() == datetime.date(2026, 3, 2)
    plain = SimpleNamespace(published_version_id=2, published_version=later, cycle=cycle)
    assert started_on(plain) == datetime.date(2026, 6, 1)
    never = SimpleNamespace(published_version_id=None, cycle=cycle)
    assert started_on(never) == START
