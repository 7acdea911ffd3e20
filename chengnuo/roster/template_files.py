"""The blank roster files offered for download: an Excel workbook with the sheets 组织 and
党员 (header row and one example row each) and a 说明 sheet explaining every column, and a
CSV file with the 党员 table only."""

import csv
import datetime
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .columns import (
    DATE_NOTE,
    GUIDE_SHEET,
    MEMBER_COLUMNS,
    MEMBER_SHEET,
    ORGANIZATION_COLUMNS,
    ORGANIZATION_SHEET,
    YES_NO_NOTE,
)

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="B3261E")
_DATE_KEYS = {"birth_date", "joined_date"}


def guide_lines() -> list[str]:
    """The general rules, shown on the 说明 sheet and on the import page."""
    return [
        _("Fill in one row for each organization on the sheet 组织 and one row for each "
          "member on the sheet 党员. Keep the header row as it is; the example rows may be "
          "overwritten."),
        _("A sheet may stay empty: to add members to organizations already in the system, "
          "fill in 党员 only."),
        str(YES_NO_NOTE),
        str(DATE_NOTE),
        _("The whole file is checked before anything is saved. If any row is wrong, nothing "
          "is imported and every wrong row is listed with its row number and the reason."),
        _("Importing the same file again changes nothing: organizations are found by "
          "组织代码, members by 手机号 (without one, by organization, name and birth date)."),
    ]


def _fill_table(sheet, columns) -> None:
    sheet.append([column.header for column in columns])
    example = []
    for column in columns:
        if column.key in _DATE_KEYS and column.example:
            example.append(datetime.date.fromisoformat(column.example))
        else:
            example.append(column.example)
    sheet.append(example)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        header = sheet[f"{letter}1"]
        header.font, header.fill = _HEADER_FONT, _HEADER_FILL
        cell = sheet[f"{letter}2"]
        if column.key in _DATE_KEYS:
            cell.number_format = "yyyy-mm-dd"
        else:
            cell.number_format = "@"  # text: keeps phone numbers and codes as typed
        sheet.column_dimensions[letter].width = max(12, len(column.header) * 2 + 4)
    sheet.freeze_panes = "A2"


def _fill_guide(sheet) -> None:
    sheet.append([_("How to fill in the roster")])
    sheet["A1"].font = Font(bold=True, size=14)
    for line in guide_lines():
        sheet.append([line])
    sheet.append([])
    header = [_("Sheet"), _("Column"), _("Required"), _("Allowed values"), _("Explanation")]
    sheet.append(header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for sheet_name, columns in ((ORGANIZATION_SHEET, ORGANIZATION_COLUMNS),
                                (MEMBER_SHEET, MEMBER_COLUMNS)):
        for column in columns:
            sheet.append([sheet_name, column.header, "是" if column.required else "否",
                          column.allowed, str(column.help)])
    for letter, width in zip("ABCDE", (10, 22, 8, 40, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def template_xlsx() -> bytes:
    workbook = Workbook()
    organizations = workbook.active
    organizations.title = ORGANIZATION_SHEET
    _fill_table(organizations, ORGANIZATION_COLUMNS)
    _fill_table(workbook.create_sheet(MEMBER_SHEET), MEMBER_COLUMNS)
    _fill_guide(workbook.create_sheet(GUIDE_SHEET))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv() -> bytes:
    """The 党员 table in UTF-8 with a byte-order mark, which Excel needs to show Chinese."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in MEMBER_COLUMNS])
    writer.writerow([column.example for column in MEMBER_COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")
