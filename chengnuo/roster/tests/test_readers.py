import datetime
import io

import pytest
from openpyxl import Workbook

from chengnuo.roster import cells, readers
from chengnuo.roster.errors import RosterInvalid
from chengnuo.roster.readers import read_roster

from .files import MEMBER_HEADERS, ORGANIZATION_HEADERS, csv_bytes, member_row, xlsx_bytes


def reasons(excinfo) -> list[str]:
    return [error.reason for error in excinfo.value.errors]


def test_xlsx_rows_are_numbered_as_the_spreadsheet_shows_them_and_blank_rows_skipped():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "党员"
    sheet.append(MEMBER_HEADERS)
    sheet.append([member_row("b1")[h] if h in member_row("b1") else None
                  for h in MEMBER_HEADERS])
    sheet.append([])
    sheet.append(["张三"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    roster = read_roster(buffer.getvalue())
    assert [(row.sheet, row.number) for row in roster.members] == [("党员", 2), ("党员", 4)]
    assert roster.members[1].cells["name"] == "张三"


def test_xlsx_sheets_are_told_apart_by_their_header_row_not_their_title():
    data = xlsx_bytes(organizations=[{"组织代码": "a", "组织名称": "甲", "类型": "党支部",
                                      "上级组织代码": "p"}],
                      members=[member_row("a")])
    roster = read_roster(data)
    assert [row.cells["code"] for row in roster.organizations] == ["a"]
    assert [row.cells["organization"] for row in roster.members] == ["a"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk", "gb18030"])
def test_csv_is_read_in_utf8_with_or_without_bom_and_in_gbk(encoding):
    roster = read_roster(csv_bytes([member_row("b1", 姓名="欧阳娜娜")], encoding=encoding))
    assert roster.members[0].cells["name"] == "欧阳娜娜"
    assert roster.members[0].number == 2


def test_a_csv_may_hold_the_organization_table():
    data = csv_bytes([{"组织代码": "a", "组织名称": "甲支部", "类型": "党支部",
                       "上级组织代码": "p"}], headers=ORGANIZATION_HEADERS)
    roster = read_roster(data)
    assert roster.members == []
    assert roster.organizations[0].cells["name"] == "甲支部"


def test_a_tab_separated_unicode_text_file_is_read():
    text = "\t".join(MEMBER_HEADERS) + "\r\n" + "\t".join(
        str(member_row("b1").get(h, "")) for h in MEMBER_HEADERS) + "\r\n"
    roster = read_roster(text.encode("utf-16"))
    assert roster.members[0].cells["name"] == "陈红"


def test_a_missing_required_column_is_named():
    headers = [h for h in MEMBER_HEADERS if h != "出生日期"]
    with pytest.raises(RosterInvalid) as excinfo:
        read_roster(csv_bytes([member_row("b1")], headers=headers))
    assert reasons(excinfo) == ["表头行缺少这些列：出生日期。"]


def test_a_sheet_without_a_recognisable_header_is_refused():
    with pytest.raises(RosterInvalid) as excinfo:
        read_roster("名字,电话\n张三,139\n".encode())
    assert "第 1 行应是表头行" in reasons(excinfo)[0]


def test_a_file_with_only_a_header_has_nothing_to_import():
    with pytest.raises(RosterInvalid) as excinfo:
        read_roster(csv_bytes([]))
    assert reasons(excinfo) == ["文件在表头行下面没有可导入的数据行。"]


def test_more_rows_than_the_limit_are_refused_before_anything_else():
    rows = ",".join(MEMBER_HEADERS) + "\n" + "张三,男\n" * (readers.MAX_ROWS + 1)
    with pytest.raises(RosterInvalid) as excinfo:
        read_roster(rows.encode())
    assert reasons(excinfo) == [f"文件超过 {readers.MAX_ROWS} 行。请拆成几个文件，逐个导入。"]


def test_exactly_the_limit_is_still_read():
    rows = ",".join(MEMBER_HEADERS) + "\n" + "张三,男\n" * readers.MAX_ROWS
    assert len(read_roster(rows.encode()).members) == readers.MAX_ROWS


def test_an_old_xls_file_is_refused_with_advice():
    with pytest.raises(RosterInvalid) as excinfo:
        read_roster(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "旧版 Excel 文件（.xls）" in reasons(excinfo)[0]


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("word/document.xml", "<w/>")
    with pytest.raises(RosterInvalid) as excinfo:
        read_roster(buffer.getvalue())
    assert reasons(excinfo) == ["文件不是 Excel 工作簿（.xlsx），也不是 CSV 文件。"]


def test_a_binary_file_is_refused():
    with pytest.raises(RosterInvalid) as excinfo:
        read_roster(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert reasons(excinfo) == ["文件不是 Excel 工作簿（.xlsx），也不是 CSV 文件。"]


def test_a_damaged_workbook_is_refused():
    data = xlsx_bytes(members=[member_row("b1")])
    with pytest.raises(RosterInvalid) as excinfo:
        read_roster(data[: len(data) // 2])
    assert "Excel" in reasons(excinfo)[0]


@pytest.mark.parametrize("value", [
    "1975-03-12", "1975/3/12", "1975.03.12", "1975年3月12日", "19750312",
    datetime.datetime(1975, 3, 12), datetime.date(1975, 3, 12), 27465, 19750312,
    "1975-03-12 00:00:00",
])
def test_dates_are_accepted_in_the_ways_secretaries_write_them(value):
    assert cells.date(value) == datetime.date(1975, 3, 12)


@pytest.mark.parametrize("value, reason", [
    ("12/03/1975", "不是日期"), ("1975-02-30", "不是真实存在的日期"), ("昨天", "不是日期"),
])
def test_other_dates_are_refused(value, reason):
    with pytest.raises(cells.CellError, match=reason):
        cells.date(value)


@pytest.mark.parametrize("value, expected", [
    ("是", True), ("1", True), ("Y", True), ("y", True), ("√", True), (1, True), (True, True),
    ("否", False), ("0", False), ("N", False), ("", False), (None, False), (0.0, False),
])
def test_yes_no_cells_accept_the_usual_marks(value, expected):
    assert cells.yes_no(value) is expected


def test_a_yes_no_cell_with_another_word_is_refused():
    with pytest.raises(cells.CellError, match="请填“是”或“否”"):
        cells.yes_no("可能")


@pytest.mark.parametrize("value", [13912345678, 13912345678.0, "139 1234 5678",
                                   "139-1234-5678", "+86 13912345678"])
def test_phone_numbers_lose_spaces_dashes_and_country_code(value):
    assert cells.phone(value) == "13912345678"


@pytest.mark.parametrize("word, kind", [
    ("县(市、区)", "county"), ("县（市、区）", "county"), ("乡镇（街道）", "township"),
    ("党总支", "general_branch"), ("branch", "branch"),
])
def test_kinds_are_read_from_the_chinese_words(word, kind):
    assert cells.kind(word) == kind
