import pytest
from django.core.exceptions import ValidationError

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.organizations import services
from chengnuo.organizations.models import Organization
from chengnuo.tests.factories import MemberFactory, OrganizationFactory, PostFactory


def test_county_admin_adds_a_branch_under_a_committee(county_admin, committee):
    branch = services.organization_create(actor=county_admin, parent=committee,
                                          name="第二党支部", kind="branch", sector="community")
    assert branch.parent == committee
    assert branch.path.startswith(committee.path) and branch.depth == committee.depth + 1
    event = AuditEvent.objects.get(action="organization.create", subject_id=branch.pk)
    assert event.actor == county_admin
    assert event.changes["name"] == [None, "第二党支部"]


def test_new_children_get_consecutive_paths(county_admin, committee, branch):
    second = services.organization_create(actor=county_admin, parent=committee, name="二支部",
                                          kind="branch", sector="rural")
    assert int(second.path) == int(branch.path) + 1


def test_adding_outside_the_subtree_is_refused(county_admin, other_branch):
    town = other_branch.parent
    with pytest.raises(OutOfReach):
        services.organization_create(actor=county_admin, parent=town, name="越界支部",
                                     kind="branch", sector="rural")
    assert not Organization.objects.filter(name="越界支部").exists()


def test_reviewer_may_not_add_organizations(county_reviewer, committee):
    with pytest.raises(OutOfReach):
        services.organization_create(actor=county_reviewer, parent=committee, name="x",
                                     kind="branch", sector="rural")


def test_a_township_under_a_branch_is_refused_in_chinese(county_admin, branch):
    with pytest.raises(ValidationError) as refusal:
        services.organization_create(actor=county_admin, parent=branch, name="错位",
                                     kind="township")
    assert "不能设在" in str(refusal.value)


def test_a_grassroots_organization_needs_a_sector(county_admin, township):
    with pytest.raises(ValidationError) as refusal:
        services.organization_create(actor=county_admin, parent=township, name="无领域党委",
                                     kind="committee")
    assert "领域" in str(refusal.value)


def test_only_a_system_admin_creates_a_province(county_admin, system_admin, db):
    with pytest.raises(ValidationError):
        services.organization_create(actor=county_admin, parent=None, name="江苏省",
                                     kind="province")
    province = services.organization_create(actor=system_admin, parent=None, name="江苏省",
                                            kind="province")
    assert province.depth == 1


def test_update_records_old_and_new_values(branch_secretary, branch):
    secretary = MemberFactory(organization=branch, name="赵书记")
    services.organization_update(actor=branch_secretary, organization=branch, name="第一支部",
                                 sector="community", secretary=secretary)
    branch.refresh_from_db()
    assert branch.secretary == secretary
    event = AuditEvent.objects.get(action="organization.update", subject_id=branch.pk)
    assert event.changes["name"] == ["第一党支部", "第一支部"]
    assert event.changes["secretary"] == [None, "赵书记"]


def test_an_unchanged_update_writes_no_audit_row(branch_secretary, branch):
    services.organization_update(actor=branch_secretary, organization=branch, name=branch.name,
                                 sector=branch.sector, secretary=None)
    assert not AuditEvent.objects.filter(action="organization.update").exists()


def test_secretary_from_another_organization_is_refused(branch_secretary, branch, other_member):
    with pytest.raises(ValidationError) as refusal:
        services.organization_update(actor=branch_secretary, organization=branch,
                                     name=branch.name, sector=branch.sector,
                                     secretary=other_member)
    assert "书记" in str(refusal.value)
    branch.refresh_from_db()
    assert branch.secretary is None


def test_post_is_created_and_assigned_to_a_member_without_a_post(branch_secretary, branch):
    post = services.post_create(actor=branch_secretary, organization=branch, name="政策宣传岗",
                                responsibilities="向群众宣传惠民政策")
    member = MemberFactory(organization=branch, without_post=True)
    services.post_assign(actor=branch_secretary, post=post, member=member)
    member.refresh_from_db()
    assert member.post == post
    assert AuditEvent.objects.filter(action="member.assign_post", subject_id=member.pk).exists()


def test_a_member_with_a_leadership_post_gets_no_duty_post(branch_secretary, branch):
    post = PostFactory(organization=branch)
    leader = MemberFactory(organization=branch, holds_leadership_post=True)
    with pytest.raises(ValidationError) as refusal:
        services.post_assign(actor=branch_secretary, post=post, member=leader)
    assert "无职" in str(refusal.value)
    leader.refresh_from_db()
    assert leader.post is None


def test_a_post_of_another_organization_is_refused(county_admin, branch, committee):
    post = PostFactory(organization=committee)
    member = MemberFactory(organization=branch, without_post=True)
    with pytest.raises(ValidationError):
        services.post_assign(actor=county_admin, post=post, member=member)


def test_assigning_outside_the_subtree_is_refused(other_secretary, branch):
    post = PostFactory(organization=branch)
    member = MemberFactory(organization=branch, without_post=True)
    with pytest.raises(OutOfReach):
        services.post_assign(actor=other_secretary, post=post, member=member)


def test_duplicate_post_names_in_one_organization_are_refused(branch_secretary, branch):
    services.post_create(actor=branch_secretary, organization=branch, name="调解岗",
                         responsibilities="调解邻里纠纷")
    with pytest.raises(ValidationError):
        services.post_create(actor=branch_secretary, organization=branch, name="调解岗",
                             responsibilities="重复")


def test_unassigning_clears_the_post(branch_secretary, branch):
    post = PostFactory(organization=branch)
    member = MemberFactory(organization=branch, without_post=True, post=post)
    services.post_unassign(actor=branch_secretary, member=member)
    member.refresh_from_db()
    assert member.post is None


def test_an_empty_organization_is_deleted_by_the_superiors_admin(county_admin, committee):
    empty = services.organization_create(actor=county_admin, parent=committee, name="误建支部",
                                         kind="branch", sector="rural")
    services.organization_delete(actor=county_admin, organization=empty)
    assert not Organization.objects.filter(pk=empty.pk).exists()
    event = AuditEvent.objects.get(action="organization.delete")
    assert event.changes["name"] == ["误建支部", None]


def test_an_organization_with_members_is_not_deleted(county_admin, branch, member):
    with pytest.raises(ValidationError) as refusal:
        services.organization_delete(actor=county_admin, organization=branch)
    assert "党员" in str(refusal.value)
    assert Organization.objects.filter(pk=branch.pk).exists()


def test_an_organization_with_subordinates_is_not_deleted(county_admin, committee, branch):
    with pytest.raises(ValidationError):
        services.organization_delete(actor=county_admin, organization=committee)


def test_a_secretary_cannot_delete_their_own_branch(branch_secretary, committee):
    mine = OrganizationFactory(kind="branch", parent=committee)
    from chengnuo.accounts.models import Role
    from chengnuo.tests.factories import RoleGrantFactory

    RoleGrantFactory(user=branch_secretary, organization=mine, role=Role.ADMIN)
    branch_secretary._chengnuo_grants = None
    with pytest.raises(ValidationError):
        services.organization_delete(actor=branch_secretary, organization=mine)
    assert Organization.objects.filter(pk=mine.pk).exists()


def test_deleting_in_another_county_is_refused(county_admin, other_branch):
    with pytest.raises(OutOfReach):
        services.organization_delete(actor=county_admin, organization=other_branch)


def test_deleting_a_post_frees_its_holders(branch_secretary, branch):
    post = PostFactory(organization=branch)
    holder = MemberFactory(organization=branch, without_post=True, post=post)
    services.post_delete(actor=branch_secretary, post=post)
    holder.refresh_from_db()
    assert holder.post is None and holder.without_post
    assert AuditEvent.objects.filter(action="post.delete").exists()


def test_deleting_a_post_elsewhere_is_refused(other_secretary, branch):
    post = PostFactory(organization=branch)
    with pytest.raises(OutOfReach):
        services.post_delete(actor=other_secretary, post=post)
