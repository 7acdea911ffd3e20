import datetime

import pytest
from django.core.exceptions import ValidationError

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.members import services
from chengnuo.members.models import Member, mask_phone
from chengnuo.tests.factories import MemberFactory, OrganizationFactory, PostFactory

BASE = {"name": "陈志强", "gender": "male", "birth_date": datetime.date(1968, 3, 2),
        "joined_date": datetime.date(1992, 7, 1), "phone": "13857100001"}


def test_secretary_adds_a_member_and_the_audit_trail_records_it(branch_secretary, branch):
    member = services.member_create(actor=branch_secretary, organization=branch, **BASE)
    assert member.organization == branch
    event = AuditEvent.objects.get(action="member.create", subject_id=member.pk)
    assert event.changes["name"] == [None, "陈志强"]
    assert event.actor == branch_secretary


def test_adding_a_member_elsewhere_is_refused(branch_secretary, other_branch):
    with pytest.raises(OutOfReach):
        services.member_create(actor=branch_secretary, organization=other_branch, **BASE)
    assert not Member.objects.exists()


def test_a_member_may_not_edit_their_own_record(member_user, member):
    with pytest.raises(OutOfReach):
        services.member_update(actor=member_user, member=member, name="改名")


@pytest.mark.parametrize(("fields", "field", "words"), [
    ({"holds_leadership_post": True, "without_post": True}, "without_post", "领导职务"),
    ({"in_service": True, "retired": True}, "retired", "离退休"),
    ({"phone": "12345"}, "phone", "11 位"),
    ({"birth_date": datetime.date(2090, 1, 1)}, "birth_date", "未来"),
    ({"joined_date": datetime.date(1975, 1, 1)}, "joined_date", "18"),
])
def test_contradictory_categories_and_bad_dates_are_refused_in_chinese(
        branch_secretary, branch, fields, field, words):
    with pytest.raises(ValidationError) as refusal:
        services.member_create(actor=branch_secretary, organization=branch,
                               **{**BASE, **fields})
    assert words in " ".join(refusal.value.message_dict[field])
    assert not Member.objects.exists()


def test_residence_community_only_for_members_in_service(branch_secretary, branch, township):
    community = OrganizationFactory(kind="committee", sector="community", parent=township)
    with pytest.raises(ValidationError) as refusal:
        services.member_create(actor=branch_secretary, organization=branch,
                               residence_organization=community, **BASE)
    assert "在职" in " ".join(refusal.value.message_dict["residence_organization"])
    member = services.member_create(actor=branch_secretary, organization=branch,
                                    residence_organization=community, in_service=True, **BASE)
    assert member.residence_organization == community


def test_residence_must_be_a_community_organization(branch_secretary, branch, other_branch):
    with pytest.raises(ValidationError) as refusal:
        services.member_create(actor=branch_secretary, organization=branch, in_service=True,
                               residence_organization=other_branch, **BASE)
    assert "社区" in " ".join(refusal.value.message_dict["residence_organization"])


def test_members_belong_to_grassroots_organizations(county_admin, township):
    with pytest.raises(ValidationError) as refusal:
        services.member_create(actor=county_admin, organization=township, **BASE)
    assert "基层" in " ".join(refusal.value.message_dict["organization"])


def test_duplicate_phone_is_refused(branch_secretary, branch, member):
    with pytest.raises(ValidationError) as refusal:
        services.member_create(actor=branch_secretary, organization=branch,
                               **{**BASE, "phone": member.phone})
    assert "phone" in refusal.value.message_dict


def test_update_records_each_changed_field(branch_secretary, member):
    services.member_update(actor=branch_secretary, member=member, name="王秀兰",
                           retired=True)
    event = AuditEvent.objects.get(action="member.update", subject_id=member.pk)
    assert event.changes["name"] == ["王秀英", "王秀兰"]
    assert event.changes["retired"] == ["False", "True"]


def test_moving_a_member_needs_reach_over_the_new_organization(branch_secretary, member,
                                                               other_branch):
    with pytest.raises(ValidationError):
        services.member_update(actor=branch_secretary, member=member,
                               organization=other_branch)
    member.refresh_from_db()
    assert member.organization != other_branch


def test_moving_a_member_drops_their_duty_post(county_admin, branch, committee):
    post = PostFactory(organization=branch)
    member = MemberFactory(organization=branch, without_post=True, post=post)
    services.member_update(actor=county_admin, member=member, organization=committee)
    member.refresh_from_db()
    assert member.organization == committee and member.post is None


def test_a_duty_post_of_another_organization_is_refused(county_admin, branch, committee):
    member = MemberFactory(organization=branch, without_post=True)
    with pytest.raises(ValidationError):
        services.member_update(actor=county_admin, member=member,
                               post=PostFactory(organization=committee))


def test_phone_is_masked_for_the_public():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("") == ""
