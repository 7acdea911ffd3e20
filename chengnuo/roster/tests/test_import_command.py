import pytest
from django.core.management import CommandError, call_command

from chengnuo.audit.models import AuditEvent
from chengnuo.members.models import Member

from .files import csv_bytes, member_row, members, write, xlsx_bytes


def test_without_user_the_command_imports_as_the_system(tmp_path, capsys, branch, other_branch):
    path = write(tmp_path, "roster.xlsx", xlsx_bytes(members=[
        *members(branch, 2), member_row(other_branch, 手机号="13800000001")]))
    call_command("import_roster", str(path))
    out = capsys.readouterr().out
    assert "党员：新建 3，更新 0，未变 0。" in out
    assert "组织：新建 0，更新 0，未变 0。" in out
    assert Member.objects.count() == 3
    assert set(AuditEvent.objects.values_list("actor", flat=True)) == {None}


def test_with_user_the_command_imports_within_that_users_reach(tmp_path, capsys,
                                                               branch_secretary, branch):
    path = write(tmp_path, "roster.csv", csv_bytes(members(branch, 2), encoding="gbk"))
    call_command("import_roster", str(path), "--user", "branch_secretary")
    assert "党员：新建 2" in capsys.readouterr().out
    assert set(AuditEvent.objects.values_list("actor", flat=True)) == {branch_secretary.pk}


def test_a_bad_file_prints_each_row_and_reason_and_fails(tmp_path, capsys, branch_secretary,
                                                         branch, other_branch):
    path = write(tmp_path, "roster.xlsx", xlsx_bytes(members=[
        member_row(branch), member_row(other_branch, 手机号="13800000001")]))
    with pytest.raises(CommandError, match="未导入任何数据：文件中有 1 处错误。"):
        call_command("import_roster", str(path), "--user", "branch_secretary")
    err = capsys.readouterr().err
    assert f"工作表 党员 第 3 行：所在组织代码：未知的组织代码“{other_branch.slug}”" in err
    assert Member.objects.count() == 0


def test_an_unknown_user_is_refused(tmp_path, branch):
    path = write(tmp_path, "roster.csv", csv_bytes([member_row(branch)]))
    with pytest.raises(CommandError, match="没有名为“nobody”的用户"):
        call_command("import_roster", str(path), "--user", "nobody")
    assert Member.objects.count() == 0


def test_a_missing_file_is_refused(tmp_path, db):
    with pytest.raises(CommandError, match="无法读取"):
        call_command("import_roster", str(tmp_path / "none.xlsx"))


def test_an_unreadable_file_type_is_refused(tmp_path, capsys, db):
    path = write(tmp_path, "roster.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(CommandError):
        call_command("import_roster", str(path))
    assert "不是 Excel 工作簿" in capsys.readouterr().err
