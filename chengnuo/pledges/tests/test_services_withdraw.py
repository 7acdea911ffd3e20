"""Withdrawing a submission nobody has decided on yet."""

import pytest
from django.core.exceptions import ValidationError

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.pledges import services
from chengnuo.pledges.models import State
from chengnuo.tests.factories import ALL_CRITERIA, MemberFactory, UserFactory, add_items


@pytest.fixture
def submitted(pledge, member_user):
    add_items(pledge, actor=member_user, count=3)
    return services.pledge_submit(actor=member_user, pledge=pledge)


def test_the_member_withdraws_and_edits_the_same_version_again(submitted, member_user):
    services.pledge_withdraw(actor=member_user, pledge=submitted)
    submitted.refresh_from_db()
    version = submitted.current_version
    assert submitted.state == version.state == State.DRAFT
    assert version.number == 1 and version.submitted_at is None
    item = version.items.first()
    services.item_update(actor=member_user, item=item, category=item.category,
                         content="每月走访独居老人不少于6户", target="全年72户次",
                         due_date=item.due_date)
    services.pledge_submit(actor=member_user, pledge=submitted)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED and submitted.versions.count() == 1
    assert AuditEvent.objects.filter(action="pledge.withdraw", subject_id=submitted.pk).exists()


def test_the_secretary_may_withdraw_a_members_submission(submitted, branch_secretary):
    services.pledge_withdraw(actor=branch_secretary, pledge=submitted)
    submitted.refresh_from_db()
    assert submitted.state == State.DRAFT


def test_a_decided_submission_cannot_be_withdrawn(submitted, member_user, branch_secretary):
    services.pledge_review(actor=branch_secretary, pledge=submitted, decision="approved",
                           criteria_met=ALL_CRITERIA)
    with pytest.raises(ValidationError):
        services.pledge_withdraw(actor=member_user, pledge=submitted)
    submitted.refresh_from_db()
    assert submitted.state == State.APPROVED


def test_a_draft_cannot_be_withdrawn(pledge, member_user):
    with pytest.raises(ValidationError):
        services.pledge_withdraw(actor=member_user, pledge=pledge)


def test_a_reviewer_cannot_withdraw_the_owners_submission(submitted, county_reviewer):
    with pytest.raises(ValidationError):
        services.pledge_withdraw(actor=county_reviewer, pledge=submitted)
    submitted.refresh_from_db()
    assert submitted.state == State.SUBMITTED


def test_a_secretary_of_another_county_cannot_withdraw(submitted, other_secretary):
    with pytest.raises(OutOfReach):
        services.pledge_withdraw(actor=other_secretary, pledge=submitted)


def test_a_fellow_member_cannot_withdraw(submitted, branch):
    fellow = MemberFactory(organization=branch, user=UserFactory(username="fellow_user"))
    with pytest.raises(OutOfReach):
        services.pledge_withdraw(actor=fellow.user, pledge=submitted)
