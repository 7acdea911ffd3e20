"""Every kind of wrong row is named with its sheet, its row number (header = row 1) and a
reason in Chinese, and nothing is written."""

import re

import pytest

from chengnuo.members.models import Member
from chengnuo.organizations.models import Organization
from chengnuo.roster.errors import RosterInvalid
from chengnuo.tests.factories import MemberFactory, OrganizationFactory, PostFactory

from .files import member_row, members, organization_row, run, xlsx_bytes

CJK = re.compile(r"[\u4e00-\u9fff]")


def problems(actor, **sheets) -> list[tuple[str, int | None, str]]:
    before = (Organization.objects.count(), Member.objects.count())
    with pytest.raises(RosterInvalid) as excinfo:
        run(actor, xlsx_bytes(**sheets), scope=sheets.pop("scope", None))
    assert (Organization.objects.count(), Member.objects.count()) == before
    return [(e.sheet, e.row, e.reason) for e in excinfo.value.errors]


def member_problem(actor, branch, **bad) -> tuple[int, str]:
    """The one problem of a file whose third row (of four) is bad."""
    rows = [*members(branch, 1), member_row(branch, **bad), *members(branch, 1, start=5)]
    found = problems(actor, members=rows)
    assert len(found) == 1, found
    sheet, row, reason = found[0]
    assert sheet == "党员"
    return row, reason


def assert_reason(reason: str, column: str, *words: str) -> None:
    assert reason.startswith(f"{column}："), reason
    assert CJK.search(reason[len(column) + 1:]), f"not in Chinese: {reason}"
    for word in words:
        assert word in reason, reason


# -- members -------------------------------------------------------------------------------

def test_an_unknown_organization_code_is_named(branch_secretary, branch):
    row, reason = member_problem(branch_secretary, branch, 所在组织代码="no-such-org")
    assert row == 3
    assert reason == ("所在组织代码：未知的组织代码“no-such-org”：该组织不存在，"
                      "或不在您管理的范围内。")


@pytest.mark.parametrize("value, words", [
    ("1980-13-45", ["“1980-13-45”不是真实存在的日期"]),
    ("去年", ["“去年”不是日期"]),
    ("", ["此列必须填写"]),
])
def test_a_bad_birth_date_is_named(branch_secretary, branch, value, words):
    row, reason = member_problem(branch_secretary, branch, 出生日期=value)
    assert row == 3
    assert_reason(reason, "出生日期", *words)


def test_a_birth_date_in_the_future_is_refused_by_the_member_rules(branch_secretary, branch):
    found = problems(branch_secretary, members=[member_row(branch, 出生日期="2999-01-01")])
    assert {(row, reason.split("：")[0]) for _sheet, row, reason in found} == {
        (2, "出生日期"), (2, "入党日期")}
    assert_reason(found[0][2], "出生日期")


def test_joining_before_eighteen_is_refused(branch_secretary, branch):
    row, reason = member_problem(branch_secretary, branch, 出生日期="1990-01-01",
                                 入党日期="2000-01-01")
    assert_reason(reason, "入党日期")


def test_a_missing_name_is_named(branch_secretary, branch):
    row, reason = member_problem(branch_secretary, branch, 姓名="  ")
    assert (row, reason) == (3, "姓名：缺少姓名。")


def test_a_phone_twice_in_the_file_is_named_on_its_second_row(branch_secretary, branch):
    found = problems(branch_secretary, members=[
        member_row(branch, 姓名="甲", 手机号="13700000001"),
        member_row(branch, 姓名="乙", 手机号="13700000002"),
        member_row(branch, 姓名="丙", 手机号="137 0000 0001")])
    assert found == [("党员", 4, "手机号：手机号 13700000001 已在第 2 行出现过。")]


def test_a_phone_of_a_member_outside_reach_is_a_duplicate_phone(branch_secretary, branch,
                                                               other_member):
    row, reason = member_problem(branch_secretary, branch, 手机号=other_member.phone)
    assert (row, reason) == (3, f"手机号：手机号 {other_member.phone} 已被其他党员使用。")
    other_member.refresh_from_db()
    assert other_member.name == "张伟"


@pytest.mark.parametrize("value", ["12345", "23800000000", "1380000000x"])
def test_a_bad_phone_number_is_named(branch_secretary, branch, value):
    row, reason = member_problem(branch_secretary, branch, 手机号=value)
    assert row == 3
    assert_reason(reason, "手机号", "11")


@pytest.mark.parametrize("column, value", [("在职", "可能"), ("离退休", "退了"),
                                           ("无职", "x"), ("担任领导职务", "2")])
def test_a_yes_no_column_with_another_word_is_named(branch_secretary, branch, column, value):
    row, reason = member_problem(branch_secretary, branch, **{column: value})
    assert (row, reason) == (3, f"{column}：不能填“{value}”，请填“是”或“否”。")


def test_a_wrong_gender_is_named(branch_secretary, branch):
    row, reason = member_problem(branch_secretary, branch, 性别="未知")
    assert (row, reason) == (3, "性别：不能填“未知”，请填“男”或“女”。")


@pytest.mark.parametrize("flags, column", [
    ({"担任领导职务": "是", "无职": "是"}, "无职"),
    ({"在职": "是", "离退休": "是"}, "离退休"),
])
def test_contradictory_categories_are_refused_by_the_member_rules(branch_secretary, branch,
                                                                 flags, column):
    row, reason = member_problem(branch_secretary, branch, **flags)
    assert row == 3
    assert_reason(reason, column)


def test_a_residence_community_only_goes_with_in_service(branch_secretary, branch, committee):
    row, reason = member_problem(branch_secretary, branch, 在职="否",
                                 居住地社区组织代码=committee.slug)
    assert_reason(reason, "居住地社区组织代码")


def test_a_residence_must_be_a_community_organization(branch_secretary, branch, other_branch):
    row, reason = member_problem(branch_secretary, branch, 居住地社区组织代码=other_branch.slug)
    assert_reason(reason, "居住地社区组织代码")


def test_an_unknown_residence_code_is_named(branch_secretary, branch):
    row, reason = member_problem(branch_secretary, branch, 居住地社区组织代码="nowhere")
    assert reason.startswith("居住地社区组织代码：未知的组织代码“nowhere”")


def test_members_belong_to_a_grassroots_organization(county_admin, branch, township):
    row, reason = member_problem(county_admin, branch, 所在组织代码=township.slug)
    assert_reason(reason, "所在组织代码")


def test_an_unknown_post_is_named(branch_secretary, branch, other_branch):
    PostFactory(organization=other_branch, name="宣传岗")  # another organization's post
    row, reason = member_problem(branch_secretary, branch, 在职="否", 无职="是", 岗位="宣传岗")
    assert (row, reason) == (
        3, "岗位：该组织没有名为“宣传岗”的岗位；请先设立岗位，或把这一格留空。")


def test_a_post_only_goes_with_without_post(branch_secretary, branch):
    PostFactory(organization=branch, name="宣传岗")
    row, reason = member_problem(branch_secretary, branch, 岗位="宣传岗")
    assert_reason(reason, "岗位")


def test_two_rows_without_phone_for_the_same_person_are_named(branch_secretary, branch):
    found = problems(branch_secretary, members=[
        member_row(branch, 手机号=None), *members(branch, 2),
        member_row(branch, 手机号=None, 在职="否")])
    assert found == [("党员", 5, "姓名：与第 2 行是同一名党员。")]


def test_namesakes_born_the_same_day_with_their_own_phones_are_two_members(branch_secretary,
                                                                          branch):
    result = run(branch_secretary, xlsx_bytes(members=[
        member_row(branch, 手机号="13700000001"), member_row(branch, 手机号="13700000002")]))
    assert result.members.created == 2


def test_two_rows_matching_one_existing_member_are_named(branch_secretary, branch):
    existing = MemberFactory(organization=branch, name="陈红", phone="13600000001",
                             in_service=True)
    found = problems(branch_secretary, members=[
        member_row(branch, 手机号=existing.phone, 出生日期=existing.birth_date),
        member_row(branch, 手机号=None, 出生日期=existing.birth_date)])
    assert found == [("党员", 3, "姓名：与第 2 行是同一名党员。")]


def test_several_namesakes_born_the_same_day_need_a_phone(branch_secretary, branch):
    for phone in ("13600000001", "13600000002"):
        MemberFactory(organization=branch, name="陈红", phone=phone)
    row, reason = member_problem(branch_secretary, branch, 手机号=None, 出生日期="1970-05-01")
    assert (row, reason) == (
        3, "手机号：该组织有多名同名且出生日期相同的党员；请填写手机号加以区分。")


def test_every_bad_row_is_listed_not_only_the_first(branch_secretary, branch):
    found = problems(branch_secretary, members=[
        member_row(branch, 姓名=""), *members(branch, 3),
        member_row(branch, 手机号="13900000000", 性别="?")])
    assert [(sheet, row) for sheet, row, _reason in found] == [("党员", 2), ("党员", 6)]


# -- organizations -------------------------------------------------------------------------

def org_problem(actor, *rows, **sheets) -> list[tuple[int, str]]:
    return [(row, reason) for _sheet, row, reason in problems(
        actor, organizations=list(rows), **sheets)]


def test_an_unknown_kind_is_named(county_admin, township):
    assert org_problem(county_admin, organization_row("n1", township, 类型="党小组")) == [
        (2, "类型：“党小组”不是组织类型。")]


def test_an_unknown_sector_is_named(county_admin, township):
    assert org_problem(county_admin, organization_row("n1", township, 领域="工厂")) == [
        (2, "领域：“工厂”不是领域。")]


def test_an_administrative_level_has_no_sector(county_admin, county):
    [(row, reason)] = org_problem(county_admin,
                                  organization_row("n1", county, 类型="乡镇(街道)", 领域="农村"))
    assert row == 2
    assert_reason(reason, "领域")


def test_a_grassroots_organization_needs_a_sector(county_admin, township):
    [(row, reason)] = org_problem(county_admin, organization_row("n1", township, 领域=""))
    assert_reason(reason, "领域")


def test_a_kind_cannot_sit_under_a_kind_that_does_not_allow_it(county_admin, branch):
    [(row, reason)] = org_problem(county_admin, organization_row("n1", branch, 类型="党委"))
    assert_reason(reason, "类型", branch.name)


def test_a_township_cannot_sit_under_a_committee_from_the_same_file(county_admin, township):
    found = org_problem(county_admin, organization_row("c1", township, 类型="党委"),
                        organization_row("t1", "c1", 类型="乡镇(街道)", 领域=""))
    assert [row for row, _reason in found] == [3]
    assert_reason(found[0][1], "类型")


def test_an_unknown_superior_is_named(county_admin):
    assert org_problem(county_admin, organization_row("n1", "nowhere")) == [
        (2, "上级组织代码：未知的组织代码“nowhere”：该组织不存在，或不在您管理的范围内。")]


def test_a_new_organization_needs_a_superior(county_admin):
    assert org_problem(county_admin, organization_row("n1", "")) == [
        (2, "上级组织代码：新组织必须填写上级组织代码。")]


def test_a_code_must_be_letters_digits_and_dashes(county_admin, township):
    [(row, reason)] = org_problem(county_admin, organization_row("北山 二支部", township))
    assert_reason(reason, "组织代码")


def test_a_code_twice_in_the_file_is_named(county_admin, township):
    assert org_problem(county_admin, organization_row("n1", township),
                       organization_row("n1", township, 组织名称="另一个")) == [
        (3, "组织代码：代码“n1”已在第 2 行出现过。")]


def test_an_existing_organization_cannot_be_moved(county_admin, committee, township):
    other_committee = OrganizationFactory(parent=township, kind="committee")
    branch_row = organization_row("x", other_committee)
    found = org_problem(county_admin, organization_row(
        committee.slug, other_committee, 类型="党委", 组织名称=committee.name), branch_row)
    assert found == [(2, "上级组织代码：导入不能把已有组织移到另一个上级组织之下。")]


def test_an_existing_organizations_kind_cannot_change(county_admin, branch):
    [(row, reason)] = org_problem(county_admin, organization_row(
        branch.slug, branch.parent, 类型="党总支"))
    assert_reason(reason, "类型", "导入不能改变已有组织的类型")


def test_a_code_taken_outside_reach_is_refused_without_saying_more(county_admin, county,
                                                                   other_branch):
    assert org_problem(county_admin, organization_row(other_branch.slug, county,
                                                      类型="党委")) == [
        (2, f"组织代码：代码“{other_branch.slug}”已被其他组织使用，或属于您管理范围以外的组织。")]


def test_superiors_going_round_in_a_circle_are_refused(county_admin):
    found = org_problem(county_admin, organization_row("a", "b", 类型="党委"),
                        organization_row("b", "a", 类型="党委"))
    assert {row for row, _reason in found} == {2, 3}


def test_members_of_a_wrong_new_organization_are_not_reported_twice(county_admin, township):
    found = problems(county_admin,
                     organizations=[organization_row("n1", township, 类型="党小组")],
                     members=[member_row("n1")])
    assert [(sheet, row) for sheet, row, _reason in found] == [("组织", 2)]


# -- reach ---------------------------------------------------------------------------------

def test_a_secretary_importing_into_another_county_gets_unknown_organization(
        branch_secretary, branch, other_branch):
    [(_sheet, row, outside)] = problems(branch_secretary,
                                        members=[member_row(other_branch)])
    [(_sheet, _row, missing)] = problems(branch_secretary, members=[member_row("missing")])
    # The same words as for a code that exists nowhere: the import reveals nothing.
    assert outside.replace(other_branch.slug, "X") == missing.replace("missing", "X")
    assert "未知的组织代码" in outside


def test_a_secretary_cannot_create_organizations_in_another_county(branch_secretary,
                                                                   other_branch):
    [(_sheet, _row, reason)] = problems(branch_secretary, organizations=[
        organization_row("n1", other_branch.parent)])
    assert reason.startswith("上级组织代码：未知的组织代码")


def test_a_secretary_cannot_create_a_top_level_organization(branch_secretary, branch):
    [(_sheet, _row, reason)] = problems(branch_secretary, organizations=[
        organization_row("zj", "", 类型="省", 领域="")])
    assert reason == "上级组织代码：新组织必须填写上级组织代码。"


def test_moving_a_member_to_an_organization_outside_reach_is_refused(branch_secretary,
                                                                    member, other_branch):
    [(_sheet, _row, reason)] = problems(branch_secretary, members=[member_row(
        other_branch, 姓名=member.name, 手机号=member.phone)])
    assert reason.startswith("所在组织代码：未知的组织代码")


def test_an_import_page_scope_keeps_the_import_inside_that_organization(county_admin,
                                                                       branch, township):
    sibling = OrganizationFactory(parent=township, kind="branch", sector="community")
    with pytest.raises(RosterInvalid) as excinfo:
        run(county_admin, xlsx_bytes(members=[member_row(sibling)]), scope=branch)
    assert "未知的组织代码" in excinfo.value.errors[0].reason
    assert run(county_admin, xlsx_bytes(members=[member_row(sibling)]),
               scope=township).members.created == 1
