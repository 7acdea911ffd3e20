"""Concurrent decisions on PostgreSQL (select_for_update is a no-op on SQLite)."""

from chengnuo.pledges import services
from chengnuo.pledges.models import Pledge, Review
from chengnuo.tests.concurrency import POSTGRESQL_ONLY, one_refused, race
from chengnuo.tests.factories import (
    ALL_CRITERIA,
    CycleFactory,
    MemberFactory,
    UserFactory,
    submitted_pledge,
)

pytestmark = POSTGRESQL_ONLY


def test_two_reviewers_deciding_at_once_record_exactly_one_decision(
        county, branch, branch_secretary, county_reviewer):
    cycle = CycleFactory(organization=county)
    # A few rounds, so one lucky schedule does not pass the test by itself.
    for _round in range(4):
        owner = MemberFactory(organization=branch, user=UserFactory())
        pledge = submitted_pledge(actor=owner.user, cycle=cycle, member=owner)
        _results, errors = race(
            lambda p=pledge: services.pledge_review(
                actor=branch_secretary, pledge=p, decision="approved",
                criteria_met=ALL_CRITERIA),
            lambda p=pledge: services.pledge_review(
                actor=county_reviewer, pledge=p, decision="returned",
                guidance="请具体一些"))
        assert Review.objects.filter(version__pledge=pledge).count() == 1
        assert one_refused(errors).messages == ["该次提交已经审核过了。"]
        review = Review.objects.get(version__pledge=pledge)
        pledge.refresh_from_db()
        assert pledge.state == pledge.current_version.state == review.decision


def test_two_starts_of_the_same_members_pledge_make_one_pledge(county, member, member_user,
                                                                branch_secretary):
    cycle = CycleFactory(organization=county)
    _results, errors = race(
        lambda: services.pledge_start(actor=member_user, cycle=cycle, member=member),
        lambda: services.pledge_start(actor=branch_secretary, cycle=cycle, member=member))
    assert Pledge.objects.filter(member=member).count() == 1
    one_refused(errors)
    pledge = Pledge.objects.get(member=member)
    assert pledge.versions.count() == 1 and pledge.current_version.number == 1


def test_a_withdrawal_and_a_decision_at_once_leave_one_consistent_outcome(
        county, branch, branch_secretary):
    cycle = CycleFactory(organization=county)
    for _round in range(4):
        owner = MemberFactory(organization=branch, user=UserFactory())
        pledge = submitted_pledge(actor=owner.user, cycle=cycle, member=owner)
        _results, errors = race(
            lambda p=pledge, u=owner.user: services.pledge_withdraw(actor=u, pledge=p),
            lambda p=pledge: services.pledge_review(
                actor=branch_secretary, pledge=p, decision="approved",
                criteria_met=ALL_CRITERIA))
        one_refused(errors)
        pledge.refresh_from_db()
        decided = Review.objects.filter(version__pledge=pledge).exists()
        assert pledge.state == ("approved" if decided else "draft")
        assert pledge.current_version.state == pledge.state
