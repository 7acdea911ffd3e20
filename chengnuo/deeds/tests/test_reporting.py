import datetime

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from chengnuo.audit.models import AuditEvent
from chengnuo.deeds import services
from chengnuo.deeds.models import Deed, DeedState, Source
from chengnuo.evidence.tests.files import image_upload
from chengnuo.notifications.models import Notification
from chengnuo.tests.factories import MemberFactory, UserFactory

from .conftest import DEED

pytestmark = pytest.mark.django_db


def test_a_member_reports_their_own_deed_and_the_secretary_is_told(
        report, member, branch, branch_secretary, cycle, yesterday):
    deed = report()
    assert (deed.member, deed.organization, deed.cycle) == (member, branch, cycle)
    assert (deed.source, deed.state, deed.occurred_on) == (
        Source.MEMBER, DeedState.REPORTED, yesterday)
    assert deed.reporter == member.user and deed.description == DEED
    told = Notification.objects.get(recipient=branch_secretary)
    assert told.url == f"/org/{branch.slug}/deeds/#deed-{deed.pk}"
    assert member.name in told.title and told.kind == "deed.reported"
    assert AuditEvent.objects.filter(action="deed.report", subject_id=deed.pk).exists()


def test_a_member_reports_a_fellow_members_deed(report, fellow_member):
    deed = report(member=fellow_member)
    assert deed.member == fellow_member and deed.source == Source.MEMBER


def test_the_secretary_reports_for_the_organization_and_is_not_told_about_it(
        report, branch_secretary, member):
    deed = report(actor=branch_secretary)
    assert deed.source == Source.ORGANIZATION
    assert not Notification.objects.filter(recipient=branch_secretary).exists()


def test_without_a_secretary_the_admins_above_are_told(report, county_admin, member, branch):
    report()
    assert Notification.objects.filter(recipient=county_admin).count() == 1


def test_a_deed_of_a_member_of_another_organization_is_out_of_reach(
        report, other_member, other_secretary, member, branch_secretary):
    with pytest.raises(Http404):
        report(member=other_member)
    with pytest.raises(Http404):
        report(actor=other_secretary)
    assert not Deed.objects.exists()


def test_an_account_without_a_member_or_a_role_cannot_report(report):
    with pytest.raises(Http404):
        report(actor=UserFactory())


@pytest.mark.parametrize("days, message", [(-1, "日期不能晚于今天"), (400, "一年以内")])
def test_a_date_in_the_future_or_over_a_year_ago_is_refused(report, days, message):
    with pytest.raises(ValidationError) as refused:
        report(occurred_on=timezone.localdate() - datetime.timedelta(days=days))
    assert message in str(refused.value.message_dict["occurred_on"])
    assert not Deed.objects.exists()


@pytest.mark.parametrize("description", ["", "   ", "好人好事", "长" * 1001])
def test_a_missing_short_or_overlong_description_is_refused(report, description):
    with pytest.raises(ValidationError) as refused:
        report(description=description)
    assert "description" in refused.value.message_dict
    assert not Deed.objects.exists()


def test_photos_are_stored_as_private_evidence_until_verified(report):
    deed = report(uploads=[image_upload(), image_upload("第二张.png", fmt="PNG")])
    evidence = list(deed.evidence.all())
    assert len(evidence) == 2 and not any(item.public for item in evidence)


def test_a_forged_photo_refuses_the_whole_report(report):
    from django.core.files.uploadedfile import SimpleUploadedFile

    forged = SimpleUploadedFile("假照片.jpg", b"MZ this is a program", content_type="image/jpeg")
    with pytest.raises(ValidationError):
        report(uploads=[image_upload(), forged])
    assert not Deed.objects.exists()


def test_a_deed_outside_any_cycle_is_kept_without_one(member, member_user, yesterday):
    deed = services.deed_report(actor=member_user, member=member, occurred_on=yesterday,
                                description=DEED)
    assert deed.cycle is None


def test_the_public_reports_with_a_name_and_a_private_contact(
        member, branch_secretary, yesterday, cycle):
    deed = services.deed_report_public(member=member, occurred_on=yesterday,
                                       description=DEED, reporter_name=" 陈奶奶 ",
                                       reporter_contact="13900002222")
    assert (deed.source, deed.reporter, deed.reporter_name, deed.reporter_contact) == (
        Source.PUBLIC, None, "陈奶奶", "13900002222")
    assert deed.evidence.count() == 0
    assert Notification.objects.filter(recipient=branch_secretary).count() == 1


@pytest.mark.parametrize("name, contact", [("", ""), ("名" * 41, ""), ("陈奶奶", "1" * 61)])
def test_a_public_report_without_a_name_or_with_overlong_fields_is_refused(
        member, yesterday, name, contact):
    with pytest.raises(ValidationError):
        services.deed_report_public(member=member, occurred_on=yesterday, description=DEED,
                                    reporter_name=name, reporter_contact=contact)
    assert not Deed.objects.exists()


def test_a_member_of_a_committee_line_reports_a_member_they_can_view(
        report, county, yesterday):
    from chengnuo.accounts.models import Role
    from chengnuo.tests.factories import RoleGrantFactory

    # A county reviewer who is also a member elsewhere reaches members of the county.
    reviewer = MemberFactory(user=UserFactory(), organization=MemberFactory().organization)
    RoleGrantFactory(user=reviewer.user, organization=county, role=Role.REVIEWER)
    deed = report(actor=reviewer.user)
    assert deed.source == Source.MEMBER
