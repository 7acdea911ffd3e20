import datetime

import pytest

from chengnuo.audit.models import AuditEvent
from chengnuo.members.models import Member
from chengnuo.organizations.models import Organization
from chengnuo.roster.errors import RosterInvalid
from chengnuo.tests.factories import MemberFactory, OrganizationFactory, PostFactory, UserFactory

from .files import csv_bytes, member_row, members, organization_row, run, xlsx_bytes


def counts(result) -> tuple:
    return ((result.organizations.created, result.organizations.updated,
             result.organizations.unchanged),
            (result.members.created, result.members.updated, result.members.unchanged))


def database_state() -> tuple[int, int, int]:
    return Organization.objects.count(), Member.objects.count(), AuditEvent.objects.count()


def test_a_good_xlsx_creates_organizations_under_their_superiors_and_their_members(
        county_admin, township, branch):
    data = xlsx_bytes(
        organizations=[organization_row("xh-c1", township, 类型="党委", 组织名称="新党委"),
                       organization_row("xh-b1", "xh-c1", 组织名称="新一支部")],
        members=[member_row(branch, 姓名="陈红"),
                 member_row("xh-b1", 姓名="李明", 性别="男", 手机号="13700000002",
                            出生日期=datetime.datetime(1979, 3, 4), 入党日期="2001.07.01")])
    result = run(county_admin, data)

    assert counts(result) == ((2, 0, 0), (2, 0, 0))
    committee = Organization.objects.get(slug="xh-c1")
    new_branch = Organization.objects.get(slug="xh-b1")
    assert (committee.parent, committee.kind, committee.sector) == (
        township, "committee", "community")
    assert committee.path.startswith(township.path) and committee.depth == township.depth + 1
    assert new_branch.parent == committee and new_branch.path.startswith(committee.path)
    li = Member.objects.get(phone="13700000002")
    assert (li.name, li.gender, li.organization, li.birth_date, li.joined_date) == (
        "李明", "male", new_branch, datetime.date(1979, 3, 4), datetime.date(2001, 7, 1))
    assert li.in_service and not li.retired
    assert Member.objects.get(name="陈红").organization == branch


def test_new_organizations_get_the_next_free_paths_after_existing_siblings(
        county_admin, township, committee):
    later_sibling = OrganizationFactory(parent=township, kind="branch")
    run(county_admin, xlsx_bytes(organizations=[
        organization_row("n1", township), organization_row("n2", township)]))
    paths = sorted(Organization.objects.filter(parent=township).values_list("path", flat=True))
    assert len(set(paths)) == 4 and paths[:2] == sorted([committee.path, later_sibling.path])
    assert [p[-4:] for p in paths] == ["0001", "0002", "0003", "0004"]


def test_a_subordinate_may_come_before_its_superior_in_the_file(county_admin, township):
    result = run(county_admin, xlsx_bytes(organizations=[
        organization_row("child", "parent-org"),
        organization_row("parent-org", township, 类型="党委")]))
    assert result.organizations.created == 2
    assert Organization.objects.get(slug="child").parent.slug == "parent-org"


def test_every_creation_is_audited_with_the_new_values_and_the_actor(county_admin, branch):
    run(county_admin, xlsx_bytes(organizations=[organization_row("extra", branch.parent)],
                                 members=[member_row(branch)]))
    events = AuditEvent.objects.filter(action="roster.create")
    assert {e.subject_type for e in events} == {"organizations.organization", "members.member"}
    assert {e.actor for e in events} == {county_admin}
    member_event = events.get(subject_type="members.member")
    assert member_event.changes["name"] == [None, "陈红"]
    assert member_event.changes["organization"] == [None, branch.name]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_a_good_csv_imports_members_in_any_of_its_encodings(branch_secretary, branch, encoding):
    result = run(branch_secretary, csv_bytes(members(branch, 3), encoding=encoding))
    assert counts(result) == ((0, 0, 0), (3, 0, 0))
    assert set(Member.objects.values_list("name", flat=True)) == {"党员0", "党员1", "党员2"}


def test_reimporting_the_same_file_changes_nothing_and_writes_no_audit_rows(
        county_admin, township, branch):
    data = xlsx_bytes(organizations=[organization_row("again", township, 类型="党委")],
                      members=[*members(branch, 5),
                               member_row("again", 姓名="无手机", 手机号=None)])
    run(county_admin, data)
    audit_rows = AuditEvent.objects.count()
    stamps = list(Member.objects.order_by("pk").values_list("updated_at", flat=True))

    result = run(county_admin, data)

    assert counts(result) == ((0, 0, 1), (0, 0, 6))
    assert AuditEvent.objects.count() == audit_rows
    assert list(Member.objects.order_by("pk").values_list("updated_at", flat=True)) == stamps


def test_a_changed_row_updates_the_member_found_by_phone_and_audits_old_and_new(
        branch_secretary, branch, member):
    data = xlsx_bytes(members=[member_row(branch, 姓名="王秀英", 手机号=member.phone,
                                          出生日期=member.birth_date,
                                          入党日期=member.joined_date, 离退休="是", 在职="否")])
    result = run(branch_secretary, data)
    assert counts(result) == ((0, 0, 0), (0, 1, 0))
    member.refresh_from_db()
    assert member.retired and not member.in_service
    event = AuditEvent.objects.get(action="roster.update", subject_id=member.pk)
    assert event.changes == {"retired": ["False", "True"]}
    assert event.actor == branch_secretary


def test_without_a_phone_a_member_is_found_by_organization_name_and_birth_date(
        branch_secretary, branch):
    existing = MemberFactory(organization=branch, name="赵敏", phone="13600000009",
                             birth_date=datetime.date(1970, 5, 1), in_service=True)
    result = run(branch_secretary, xlsx_bytes(members=[
        member_row(branch, 姓名="赵敏", 手机号=None, 出生日期="1970-05-01", 入党日期="1995-07-01",
                   性别="女")]))
    assert counts(result) == ((0, 0, 0), (0, 0, 1))
    existing.refresh_from_db()
    assert existing.phone == "13600000009"  # an empty cell keeps the recorded number


def test_a_member_can_be_moved_to_another_organization_within_reach(county_admin, branch,
                                                                     committee):
    moving = MemberFactory(organization=branch, in_service=True)
    result = run(county_admin, xlsx_bytes(members=[member_row(
        committee, 姓名=moving.name, 手机号=moving.phone, 出生日期=moving.birth_date,
        入党日期=moving.joined_date)]))
    assert result.members.updated == 1
    moving.refresh_from_db()
    assert moving.organization == committee
    event = AuditEvent.objects.get(action="roster.update", subject_id=moving.pk)
    assert event.changes["organization"] == [branch.name, committee.name]


def test_an_organization_row_can_rename_and_change_the_sector(county_admin, committee):
    result = run(county_admin, xlsx_bytes(organizations=[organization_row(
        committee.slug, committee.parent, 组织名称="北山社区联合党委", 类型="党委", 领域="机关")]))
    assert counts(result) == ((0, 1, 0), (0, 0, 0))
    committee.refresh_from_db()
    assert (committee.name, committee.sector) == ("北山社区联合党委", "government")
    event = AuditEvent.objects.get(action="roster.update")
    assert event.changes == {"name": ["北山社区党委", "北山社区联合党委"],
                             "sector": ["community", "government"]}


def test_an_existing_organization_row_may_leave_the_superior_empty(county_admin, committee):
    result = run(county_admin, xlsx_bytes(organizations=[organization_row(
        committee.slug, "", 组织名称=committee.name, 类型="党委")]))
    assert counts(result) == ((0, 0, 1), (0, 0, 0))


def test_a_duty_post_is_assigned_by_name_to_a_member_without_a_post(branch_secretary, branch):
    post = PostFactory(organization=branch, name="环境卫生监督岗")
    run(branch_secretary, xlsx_bytes(members=[member_row(
        branch, 在职="否", 无职="是", 岗位="环境卫生监督岗")]))
    assert Member.objects.get().post == post


def test_an_in_service_member_reports_to_a_residence_community_outside_the_actors_reach(
        branch_secretary, branch, township):
    community = OrganizationFactory(parent=township, kind="committee", sector="community")
    run(branch_secretary,
        xlsx_bytes(members=[member_row(branch, 居住地社区组织代码=community.slug)]))
    assert Member.objects.get().residence_organization == community


def test_the_system_itself_reaches_everything_and_audits_without_an_actor(db):
    result = run(None, xlsx_bytes(organizations=[
        organization_row("zj", "", 类型="省", 领域="", 组织名称="浙江省"),
        organization_row("hz", "zj", 类型="市", 领域="", 组织名称="杭州市")]))
    assert result.organizations.created == 2
    assert Organization.objects.get(slug="zj").path == "0001"
    assert set(AuditEvent.objects.values_list("actor", flat=True)) == {None}


def test_a_system_admin_reaches_every_organization(system_admin, branch, other_branch):
    result = run(system_admin, xlsx_bytes(members=[
        member_row(branch), member_row(other_branch, 姓名="张三", 手机号="13700000002",
                                       在职="否")]))
    assert result.members.created == 2


def test_importing_200_members_does_not_query_per_row(branch_secretary, branch,
                                                      django_assert_max_num_queries):
    MemberFactory.create_batch(50, organization=branch)
    roster_data = xlsx_bytes(members=members(branch, 200))
    branch_secretary.refresh_from_db()
    with django_assert_max_num_queries(20):
        result = run(branch_secretary, roster_data)
    assert result.members.created == 200
    with django_assert_max_num_queries(20):
        again = run(branch_secretary, roster_data)
    assert again.members.unchanged == 200


def test_updating_200_members_does_not_query_per_row(branch_secretary, branch,
                                                     django_assert_max_num_queries):
    run(branch_secretary, xlsx_bytes(members=members(branch, 200)))
    changed = [dict(row, 离退休="是", 在职="否") for row in members(branch, 200)]
    with django_assert_max_num_queries(20):
        result = run(branch_secretary, xlsx_bytes(members=changed))
    assert result.members.updated == 200
    assert Member.objects.filter(retired=True).count() == 200


def test_a_bad_row_at_the_end_leaves_the_database_unchanged(county_admin, township, branch):
    before = database_state()
    data = xlsx_bytes(
        organizations=[organization_row("atomic-1", township, 类型="党委")],
        members=[*members(branch, 30), member_row(branch, 姓名="", 手机号="13800000000")])
    with pytest.raises(RosterInvalid) as excinfo:
        run(county_admin, data)
    assert [(e.sheet, e.row) for e in excinfo.value.errors] == [("党员", 32)]
    assert database_state() == before


def test_a_bad_row_at_the_end_leaves_existing_members_unchanged(branch_secretary, branch):
    run(branch_secretary, xlsx_bytes(members=members(branch, 3)))
    before = database_state()
    changed = [dict(row, 姓名=row["姓名"] + "改") for row in members(branch, 3)]
    with pytest.raises(RosterInvalid):
        run(branch_secretary, xlsx_bytes(members=[*changed, member_row(branch, 出生日期="x")]))
    assert database_state() == before
    assert set(Member.objects.values_list("name", flat=True)) == {"党员0", "党员1", "党员2"}


def test_an_inactive_user_reaches_nothing(branch):
    user = UserFactory(is_active=False, is_superuser=True)
    with pytest.raises(RosterInvalid) as excinfo:
        run(user, xlsx_bytes(members=[member_row(branch)]))
    assert "未知的组织代码" in excinfo.value.errors[0].reason
