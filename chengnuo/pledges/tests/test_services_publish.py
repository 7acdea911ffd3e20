"""Publication (示诺) and amendment: only approved pledges, on the ledger, never silently
changed."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.ledger.models import LedgerEntry
from chengnuo.ledger.services import ledger_verify
from chengnuo.pledges import services
from chengnuo.pledges.models import Channel, Publication, State
from chengnuo.tests.assertions import chinese
from chengnuo.tests.factories import (
    ALL_CRITERIA,
    RoleGrantFactory,
    UserFactory,
    add_items,
    approved_pledge,
    published_pledge,
    submitted_pledge,
)

DAY = datetime.timedelta(days=1)


@pytest.fixture
def approved(cycle, member, member_user, branch_secretary):
    return approved_pledge(actor=member_user, reviewer=branch_secretary, cycle=cycle,
                           member=member)


def test_the_secretary_publishes_an_approved_pledge_to_the_ledger(approved, branch_secretary,
                                                                  member):
    today = timezone.localdate()
    version = services.pledge_publish(
        actor=branch_secretary, pledge=approved,
        channels=[(Channel.MEETING, today, " 支部党员大会 "),
                  (Channel.BULLETIN_BOARD, today - DAY, "社区党务公开栏")])
    approved.refresh_from_db()
    assert approved.state == version.state == State.PUBLISHED
    assert approved.published_version == version == approved.current_version
    assert version.published_at is not None
    entry = version.ledger_entry
    assert LedgerEntry.objects.count() == 1 and entry.kind == "pledge.publish"
    assert entry.subject == f"pledge:{approved.pk}"
    assert len(entry.fingerprint) == 12 and entry.hash.startswith(entry.fingerprint)
    assert entry.payload["member"] == member.public_id
    assert [item["content"] for item in entry.payload["items"]] == list(
        version.items.values_list("content", flat=True))
    assert ledger_verify() == (1, None)
    channels = {(p.channel, p.reference) for p in version.publications.all()}
    assert channels == {
        (Channel.MEETING, "支部党员大会"), (Channel.BULLETIN_BOARD, "社区党务公开栏"),
        (Channel.INTERNET, reverse("boards:member", args=[member.public_id]))}
    event = AuditEvent.objects.get(action="pledge.publish", subject_id=approved.pk)
    assert event.changes["ledger"] == [None, entry.fingerprint]


def test_publishing_records_the_internet_channel_once_when_given(approved,
                                                                 branch_secretary):
    today = timezone.localdate()
    version = services.pledge_publish(actor=branch_secretary, pledge=approved,
                                      channels=[(Channel.INTERNET, today, "区委网站")])
    assert list(version.publications.values_list("channel", "reference")) == [
        (Channel.INTERNET, "区委网站")]


def test_an_organization_pledge_points_to_the_organizations_public_board(
        cycle, branch, branch_secretary, county_reviewer):
    pledge = approved_pledge(actor=branch_secretary, reviewer=county_reviewer, cycle=cycle,
                             organization=branch)
    version = services.pledge_publish(actor=branch_secretary, pledge=pledge)
    assert version.publications.get().reference == reverse("organizations:public",
                                                           args=[branch.slug])
    assert version.ledger_entry.payload["member"] is None


@pytest.mark.parametrize("stage", ["draft", "submitted", "returned"])
def test_only_an_approved_pledge_is_published(cycle, member, member_user, branch_secretary,
                                              stage):
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    add_items(pledge, actor=member_user, count=3)
    if stage != "draft":
        services.pledge_submit(actor=member_user, pledge=pledge)
    if stage == "returned":
        services.pledge_review(actor=branch_secretary, pledge=pledge, decision="returned",
                               guidance="请具体")
    with pytest.raises(ValidationError):
        services.pledge_publish(actor=branch_secretary, pledge=pledge)
    pledge.refresh_from_db()
    assert pledge.published_version is None
    assert not LedgerEntry.objects.exists() and not Publication.objects.exists()


def test_the_refusal_to_publish_a_draft_is_in_chinese(cycle, member, member_user,
                                                      branch_secretary):
    pledge = services.pledge_start(actor=member_user, cycle=cycle, member=member)
    with pytest.raises(ValidationError) as refusal:
        services.pledge_publish(actor=branch_secretary, pledge=pledge)
    assert chinese(refusal.value), refusal.value.messages


def test_a_published_pledge_cannot_be_published_again(approved, branch_secretary):
    services.pledge_publish(actor=branch_secretary, pledge=approved)
    with pytest.raises(ValidationError):
        services.pledge_publish(actor=branch_secretary, pledge=approved)
    assert LedgerEntry.objects.count() == 1


@pytest.mark.parametrize("who", ["other_secretary", "county_reviewer", "county_inspector",
                                 "member_user"])
def test_only_an_admin_where_the_pledge_is_made_publishes(request, approved, who):
    with pytest.raises(OutOfReach):
        services.pledge_publish(actor=request.getfixturevalue(who), pledge=approved)
    approved.refresh_from_db()
    assert approved.state == State.APPROVED and not LedgerEntry.objects.exists()


def test_a_county_admin_may_publish_for_a_branch_below(approved, county_admin):
    version = services.pledge_publish(actor=county_admin, pledge=approved)
    approved.refresh_from_db()
    assert approved.state == State.PUBLISHED and approved.published_version == version


@pytest.mark.parametrize(("channel", "when"), [
    ("carrier_pigeon", "today"), (Channel.MEETING, "tomorrow"), (Channel.MEETING, None),
], ids=["unknown-channel", "future-date", "no-date"])
def test_bad_channels_are_refused_and_nothing_is_published(approved, branch_secretary,
                                                           channel, when):
    today = timezone.localdate()
    dates = {"today": today, "tomorrow": today + DAY, None: None}
    with pytest.raises(ValidationError) as refusal:
        services.pledge_publish(actor=branch_secretary, pledge=approved,
                                channels=[(channel, dates[when], "")])
    assert set(refusal.value.message_dict) == {"channels"}
    approved.refresh_from_db()
    assert approved.state == State.APPROVED and approved.published_version is None
    assert not LedgerEntry.objects.exists()


# ---- more channels later -----------------------------------------------------------------

def test_the_secretary_records_another_channel_after_publishing(approved, branch_secretary):
    version = services.pledge_publish(actor=branch_secretary, pledge=approved)
    publication = services.publication_record(
        actor=branch_secretary, pledge=approved, channel=Channel.NEWSPAPER,
        date=timezone.localdate(), reference="西湖日报第3版")
    assert publication.version == version and publication.recorded_by == branch_secretary
    assert version.publications.count() == 2
    assert AuditEvent.objects.filter(action="pledge.publication").exists()


def test_channels_are_recorded_only_for_a_published_pledge(approved, branch_secretary):
    with pytest.raises(ValidationError):
        services.publication_record(actor=branch_secretary, pledge=approved,
                                    channel=Channel.MEETING, date=timezone.localdate())
    assert not Publication.objects.exists()


def test_an_outsider_cannot_record_a_channel(approved, branch_secretary, other_secretary):
    services.pledge_publish(actor=branch_secretary, pledge=approved)
    with pytest.raises(OutOfReach):
        services.publication_record(actor=other_secretary, pledge=approved,
                                    channel=Channel.MEETING, date=timezone.localdate())


def test_a_future_channel_date_is_refused_later_too(approved, branch_secretary):
    services.pledge_publish(actor=branch_secretary, pledge=approved)
    with pytest.raises(ValidationError):
        services.publication_record(actor=branch_secretary, pledge=approved,
                                    channel=Channel.TELEVISION,
                                    date=timezone.localdate() + DAY)


# ---- amendment --------------------------------------------------------------------------------

@pytest.fixture
def published(cycle, member, member_user, branch_secretary):
    return published_pledge(actor=member_user, reviewer=branch_secretary,
                            publisher=branch_secretary, cycle=cycle, member=member)


def test_an_amendment_is_a_new_draft_while_the_public_keeps_the_published_version(
        published, member_user):
    old = published.published_version
    draft = services.pledge_amend(actor=member_user, pledge=published, reason=" 岗位调整 ")
    published.refresh_from_db()
    old.refresh_from_db()
    assert draft.number == 2 and draft.state == State.DRAFT and draft.note == "岗位调整"
    assert published.current_version == draft and published.state == State.DRAFT
    assert published.published_version == old and old.state == State.PUBLISHED
    assert draft.items.count() == old.items.count() == 3
    event = AuditEvent.objects.get(action="pledge.amend")
    assert event.changes["reason"] == [None, "岗位调整"]


def test_publishing_the_amendment_supersedes_the_old_version(published, member_user,
                                                             branch_secretary):
    old = published.published_version
    draft = services.pledge_amend(actor=member_user, pledge=published, reason="岗位调整")
    add_items(published, actor=member_user, count=1)
    services.pledge_submit(actor=member_user, pledge=published)
    services.pledge_review(actor=branch_secretary, pledge=published, decision="approved",
                           criteria_met=ALL_CRITERIA)
    services.pledge_publish(actor=branch_secretary, pledge=published)
    published.refresh_from_db()
    old.refresh_from_db()
    draft.refresh_from_db()
    assert old.state == State.SUPERSEDED
    assert published.published_version == draft and draft.state == State.PUBLISHED
    assert draft.ledger_entry != old.ledger_entry
    assert draft.items.count() == 4 and old.items.count() == 3
    assert LedgerEntry.objects.count() == 2 and ledger_verify() == (2, None)
    assert list(published.versions.values_list("state", flat=True)) == [
        State.SUPERSEDED, State.PUBLISHED]


def test_an_amendment_needs_a_reason(published, member_user):
    with pytest.raises(ValidationError) as refusal:
        services.pledge_amend(actor=member_user, pledge=published, reason="  ")
    assert set(refusal.value.message_dict) == {"reason"}
    assert published.versions.count() == 1


def test_only_a_published_pledge_is_amended(approved, member_user):
    with pytest.raises(ValidationError):
        services.pledge_amend(actor=member_user, pledge=approved, reason="改")


def test_an_amendment_in_progress_cannot_be_amended_again(published, member_user):
    services.pledge_amend(actor=member_user, pledge=published, reason="岗位调整")
    with pytest.raises(ValidationError):
        services.pledge_amend(actor=member_user, pledge=published, reason="再改")
    assert published.versions.count() == 2


def test_an_outsider_cannot_amend(published, other_secretary):
    with pytest.raises(OutOfReach):
        services.pledge_amend(actor=other_secretary, pledge=published, reason="改")


def test_an_amendment_returned_by_the_reviewer_leaves_the_public_version(
        published, member_user, branch_secretary):
    old = published.published_version
    services.pledge_amend(actor=member_user, pledge=published, reason="岗位调整")
    services.pledge_submit(actor=member_user, pledge=published)
    services.pledge_review(actor=branch_secretary, pledge=published, decision="returned",
                           guidance="原承诺仍然适用")
    published.refresh_from_db()
    assert published.published_version == old and published.state == State.RETURNED
    services.pledge_revise(actor=member_user, pledge=published)
    assert published.versions.count() == 3


def test_the_ledger_keeps_both_publications_of_a_member_and_an_organization(
        cycle, branch, member, member_user, branch_secretary, county_reviewer):
    published_pledge(actor=member_user, reviewer=branch_secretary,
                     publisher=branch_secretary, cycle=cycle, member=member)
    committee_secretary = RoleGrantFactory(organization=branch.parent,
                                           user=UserFactory(username="committee_sec")).user
    published_pledge(actor=branch_secretary, reviewer=committee_secretary,
                     publisher=branch_secretary, cycle=cycle, organization=branch)
    assert ledger_verify() == (2, None)


def test_a_residence_pledge_is_published_by_the_residence_community(cycle, branch,
                                                                    committee,
                                                                    branch_secretary):
    from chengnuo.tests.factories import MemberFactory, OrganizationFactory

    residence = OrganizationFactory(kind="branch", sector="community", parent=committee)
    residence_secretary = RoleGrantFactory(organization=residence,
                                           user=UserFactory(username="res_sec")).user
    commuter = MemberFactory(organization=branch, in_service=True,
                             residence_organization=residence)
    pledge = submitted_pledge(actor=branch_secretary, cycle=cycle, member=commuter,
                              scope="residence")
    services.pledge_review(actor=residence_secretary, pledge=pledge, decision="approved",
                           criteria_met=ALL_CRITERIA)
    with pytest.raises(OutOfReach):
        services.pledge_publish(actor=branch_secretary, pledge=pledge)
    services.pledge_publish(actor=residence_secretary, pledge=pledge)
