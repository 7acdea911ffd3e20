"""Two filings of the same quarter at once, on PostgreSQL (row locks are a no-op on
SQLite): exactly one is kept, the other is told it was filed already."""

import datetime

import pytest

from chengnuo.cycles import services as cycle_services
from chengnuo.supervision.models import MemberComment, QuarterlyReview
from chengnuo.supervision.services import quarterly_review_correct, quarterly_review_file
from chengnuo.tests.concurrency import POSTGRESQL_ONLY, one_refused, race

from .conftest import DATES

pytestmark = POSTGRESQL_ONLY


@pytest.fixture
def running_cycle(county, county_admin):
    # The real clock: worker threads do not share a frozen one. Quarters around today.
    today = datetime.date.today()
    dates = {name: day.replace(year=today.year) for name, day in DATES.items()}
    return cycle_services.cycle_open(actor=county_admin, organization=county,
                                     year=today.year, **dates)


def _filing(actor, branch, cycle, quarter, summary):
    comments = {m.pk: ("good", summary) for m in branch.members.all()}
    return lambda: quarterly_review_file(actor=actor, organization=branch, cycle=cycle,
                                         quarter=quarter, summary=summary,
                                         comments=comments)


def test_two_filings_of_the_same_quarter_at_once_keep_exactly_one(
        branch, branch_secretary, county_admin, running_cycle, member, fellow_member):
    today = datetime.date.today()
    quarter = next(n for n, first, last in running_cycle.quarters() if first <= today <= last)
    # A few rounds, so one lucky schedule does not pass the test by itself.
    for _round in range(4):
        QuarterlyReview.objects.all().delete()
        results, errors = race(
            _filing(branch_secretary, branch, running_cycle, quarter, "书记提交"),
            _filing(county_admin, branch, running_cycle, quarter, "县里提交"))
        assert QuarterlyReview.objects.filter(quarter=quarter).count() == 1
        assert one_refused(errors).messages == ["本季度督诺已经提交，如需更正请提交更正。"]
        kept = QuarterlyReview.objects.get()
        # The winner's comments, none of the loser's.
        assert set(MemberComment.objects.values_list("words", flat=True)) == {kept.summary}


def test_two_corrections_of_the_same_version_at_once_make_one_new_version(
        branch, branch_secretary, county_admin, running_cycle, member):
    today = datetime.date.today()
    quarter = next(n for n, first, last in running_cycle.quarters() if first <= today <= last)
    first = _filing(branch_secretary, branch, running_cycle, quarter, "第一版")()
    comments = {member.pk: ("average", "更正")}
    _results, errors = race(
        lambda: quarterly_review_correct(actor=branch_secretary, review=first,
                                         summary="更正甲", comments=comments, reason="甲"),
        lambda: quarterly_review_correct(actor=county_admin, review=first,
                                         summary="更正乙", comments=comments, reason="乙"))
    assert list(QuarterlyReview.objects.order_by("number").values_list(
        "number", flat=True)) == [1, 2]
    assert one_refused(errors).messages == ["该版本已经更正过，请更正最新版本。"]
