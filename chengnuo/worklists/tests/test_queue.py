"""The reviewer's queue: submitted pledges within the user's review reach, oldest first."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chengnuo.pledges import services
from chengnuo.pledges.models import PledgeVersion
from chengnuo.tests.factories import MemberFactory, add_items, submitted_pledge

pytestmark = pytest.mark.django_db


def queue(client, user, **params):
    client.force_login(user)
    return client.get(reverse("worklists:queue"), params)


def owners(response):
    return [pledge.owner_label for pledge in response.context["page"]]


def test_county_reviewer_sees_every_submission_in_the_county_oldest_first(
        client, county_reviewer, branch_secretary, branch, cycle, member, member_user,
        fellow_member):
    first = submitted_pledge(actor=member_user, cycle=cycle, member=member)
    second = submitted_pledge(actor=branch_secretary, cycle=cycle, member=fellow_member,
                              items=4)
    own = submitted_pledge(actor=branch_secretary, cycle=cycle, organization=branch)
    # Make the order independent of the clock's resolution.
    PledgeVersion.objects.filter(pk=first.current_version_id).update(
        submitted_at=timezone.now() - datetime.timedelta(days=2))
    PledgeVersion.objects.filter(pk=own.current_version_id).update(
        submitted_at=timezone.now() - datetime.timedelta(days=1))
    response = queue(client, county_reviewer)
    assert response.status_code == 200
    assert owners(response) == ["王秀英", "第一党支部", "李建国"]
    items = {p.pk: p.item_count for p in response.context["page"]}
    assert items == {first.pk: 3, own.pk: 3, second.pk: 4}
    page = response.content.decode()
    assert reverse("pledges:review", args=[first.pk]) in page


def test_a_resubmission_shows_its_version_number(
        client, county_reviewer, branch_secretary, branch, cycle, member, member_user):
    pledge = submitted_pledge(actor=member_user, cycle=cycle, member=member)
    services.pledge_review(actor=branch_secretary, pledge=pledge, decision="returned",
                           guidance="目标要可衡量")
    services.pledge_revise(actor=member_user, pledge=pledge)
    add_items(pledge, actor=member_user, count=1)
    services.pledge_submit(actor=member_user, pledge=pledge)
    response = queue(client, county_reviewer)
    (shown,) = response.context["page"]
    assert shown.current_version.number == 2 and shown.item_count == 4
    assert "重新提交" in response.content.decode()


def test_decided_pledges_leave_the_queue(client, county_reviewer, branch_secretary, cycle,
                                         member, member_user):
    pledge = submitted_pledge(actor=member_user, cycle=cycle, member=member)
    services.pledge_review(actor=branch_secretary, pledge=pledge, decision="returned",
                           guidance="目标要可衡量")
    assert owners(queue(client, county_reviewer)) == []


def test_branch_secretary_reviews_members_but_not_the_branchs_own_pledge(
        client, branch_secretary, branch, cycle, member, member_user):
    submitted_pledge(actor=member_user, cycle=cycle, member=member)
    submitted_pledge(actor=branch_secretary, cycle=cycle, organization=branch)
    assert owners(queue(client, branch_secretary)) == ["王秀英"]


def test_an_organizations_pledge_the_reviewer_submitted_is_marked_for_someone_else(
        client, county_admin, cycle, branch):
    pledge = submitted_pledge(actor=county_admin, cycle=cycle, organization=branch)
    response = queue(client, county_admin)
    assert owners(response) == ["第一党支部"]
    assert reverse("pledges:review", args=[pledge.pk]) not in response.content.decode()


def test_a_members_pledge_the_secretary_entered_is_theirs_to_review(
        client, branch_secretary, cycle, fellow_member):
    pledge = submitted_pledge(actor=branch_secretary, cycle=cycle, member=fellow_member)
    response = queue(client, branch_secretary)
    assert owners(response) == ["李建国"]
    assert reverse("pledges:review", args=[pledge.pk]) in response.content.decode()


def test_a_member_has_nothing_to_review_and_is_told_who_reviews(
        client, member_user, cycle, member, fellow_member, branch_secretary):
    submitted_pledge(actor=branch_secretary, cycle=cycle, member=fellow_member)
    response = queue(client, member_user)
    assert owners(response) == []
    page = response.content.decode()
    assert 'id="queue-empty"' in page and "上级党组织审核" in page


def test_a_reviewer_holding_a_member_record_never_sees_their_own_pledge(
        client, branch, branch_secretary, cycle):
    secretary_as_member = MemberFactory(organization=branch, name="书记本人",
                                        user=branch_secretary)
    submitted_pledge(actor=branch_secretary, cycle=cycle, member=secretary_as_member)
    assert owners(queue(client, branch_secretary)) == []


def test_other_secretary_does_not_see_the_countys_submissions(
        client, other_secretary, cycle, member, member_user):
    submitted_pledge(actor=member_user, cycle=cycle, member=member)
    response = queue(client, other_secretary)
    assert owners(response) == []
    assert "良渚村党支部" in response.content.decode()  # where they do review


def test_the_queue_filters_by_subtree_and_kind(client, county_reviewer, branch_secretary,
                                               branch, township, cycle, member, member_user,
                                               other_branch):
    submitted_pledge(actor=member_user, cycle=cycle, member=member)
    submitted_pledge(actor=branch_secretary, cycle=cycle, organization=branch)
    assert owners(queue(client, county_reviewer, kind="organization")) == ["第一党支部"]
    assert owners(queue(client, county_reviewer, kind="member")) == ["王秀英"]
    assert len(owners(queue(client, county_reviewer, under=branch.slug))) == 2
    assert len(owners(queue(client, county_reviewer, under=township.slug))) == 2
    # Outside the reviewer's reach the filter is ignored rather than revealing anything.
    response = queue(client, county_reviewer, under=other_branch.slug)
    assert response.context["under"] is None


def test_the_queue_costs_the_same_queries_for_2_or_8_pledges(
        client, county_reviewer, branch_secretary, branch, cycle):
    client.force_login(county_reviewer)
    path = reverse("worklists:queue")

    def submit(count):
        for _n in range(count):
            submitted_pledge(actor=branch_secretary, cycle=cycle,
                             member=MemberFactory(organization=branch))

    def measure():
        with CaptureQueriesContext(connection) as context:
            assert client.get(path).status_code == 200
        return len(context)

    submit(2)
    small = measure()
    submit(6)
    large = measure()
    assert len(client.get(path).context["page"]) == 8
    assert small == large
    assert large <= 10, large


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("worklists:queue"))
    assert response.status_code == 302
