"""Reading a roster file (Excel .xlsx or CSV) into rows keyed by column.

The reader only finds the tables and their cells; what the cells mean is checked by the
import service. The file's type is told by its content, not its name: an .xlsx is a zip
package with a workbook inside, a CSV is text. A CSV saved by Excel on a Chinese Windows
is in GBK, elsewhere in UTF-8 (with or without a byte-order mark); all are accepted.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .columns import (
    GUIDE_SHEET,
    MEMBER_COLUMNS,
    MEMBER_SHEET,
    ORGANIZATION_COLUMNS,
    ORGANIZATION_SHEET,
    headers,
    required_headers,
)
from .errors import RosterInvalid, RowError

MAX_ROWS = 20_000
# A 5 MB xlsx can unpack to far more; a real roster of MAX_ROWS stays well under this.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

XLSX, CSV = "xlsx", "csv"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls format


@dataclass(frozen=True)
class SheetRow:
    sheet: str
    number: int  # as the spreadsheet shows it: the header is row 1
    cells: dict[str, object]


@dataclass
class Roster:
    organizations: list[SheetRow] = field(default_factory=list)
    members: list[SheetRow] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.organizations) + len(self.members)


def _invalid(reason: str, sheet: str = "") -> RosterInvalid:
    return RosterInvalid([RowError(sheet, None, reason)])


def sniff_format(data: bytes) -> str:
    """XLSX or CSV by content; RosterInvalid with a plain reason for anything else."""
    if data.startswith(_OLE_MAGIC):
        raise _invalid(_("This is an old Excel file (.xls). Open it in Excel, choose "
                         "“Save as”, pick “Excel workbook (.xlsx)”, and upload that file."))
    if data.startswith(_ZIP_MAGIC):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as package:
                names = set(package.namelist())
        except zipfile.BadZipFile:
            names = set()
        if "xl/workbook.xml" in names:
            return XLSX
        raise _invalid(_("The file is not an Excel workbook (.xlsx) or a CSV file."))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _invalid(_("The file is not an Excel workbook (.xlsx) or a CSV file."))
    return CSV


def read_roster(data: bytes) -> Roster:
    """The organization and member rows of the file; RosterInvalid if it cannot be read."""
    if not data.strip():
        raise _invalid(_("The file is empty."))
    tables = _xlsx_tables(data) if sniff_format(data) == XLSX else _csv_tables(data)
    roster = Roster()
    for sheet, rows in tables:
        _add_table(roster, sheet, rows)
    if not roster.organizations and not roster.members:
        raise _invalid(_("The file has no rows to import below the header row."))
    return roster


def _too_many_rows() -> RosterInvalid:
    return _invalid(_("The file has more than %(limit)s rows. Split it into several files "
                      "and import them one after another.") % {"limit": MAX_ROWS})


def _blank(values) -> bool:
    return all(value is None or str(value).strip() == "" for value in values)


def _header(value) -> str:
    return str(value or "").replace("\u3000", " ").replace("*", "").strip()


def _add_table(roster: Roster, sheet: str, rows) -> None:
    """rows yields (number, values); the first non-blank row is the header."""
    header_row = None
    for number, values in rows:
        if not _blank(values):
            header_row = (number, [_header(value) for value in values])
            break
    if header_row is None:
        return  # an empty sheet is no error: a workbook may carry one
    header_number, names = header_row
    if "姓名" in names:
        columns, target, label = MEMBER_COLUMNS, roster.members, MEMBER_SHEET
    elif "组织代码" in names and "组织名称" in names:
        columns, target, label = ORGANIZATION_COLUMNS, roster.organizations, ORGANIZATION_SHEET
    else:
        raise _invalid(_("Row %(row)s should be the header row, with the column names of the "
                         "template (组织代码, 组织名称, … or 姓名, 性别, …).")
                       % {"row": header_number}, sheet)
    sheet = sheet or label
    missing = [name for name in required_headers(columns) if name not in names]
    if missing:
        raise _invalid(_("Column(s) missing from the header row: %(columns)s.")
                       % {"columns": "、".join(missing)}, sheet)
    known = headers(columns)
    positions: dict[str, int] = {}
    for position, name in enumerate(names):
        if name in known:
            if known[name].key in positions:
                raise _invalid(_("The column “%(column)s” appears twice.") % {"column": name},
                               sheet)
            positions[known[name].key] = position
    for number, values in rows:
        if _blank(values):
            continue
        if len(roster) >= MAX_ROWS:
            raise _too_many_rows()
        cells = {key: values[position] if position < len(values) else None
                 for key, position in positions.items()}
        target.append(SheetRow(sheet, number, cells))


def _xlsx_tables(data: bytes):
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            unpacked = sum(info.file_size for info in package.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise _invalid(_("The workbook is too large to import."))
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except RosterInvalid:
        raise
    except Exception:  # openpyxl raises many kinds on a damaged file; all mean the same
        raise _invalid(_("The Excel file could not be read. Open it in Excel, save it "
                         "again as .xlsx and upload it once more.")) from None
    try:
        for worksheet in workbook.worksheets:
            if worksheet.title.strip() == GUIDE_SHEET:
                continue
            # Some programs write a wrong sheet size; reading to the real end is safer.
            worksheet.reset_dimensions()
            # Rows are read lazily, so a huge sheet stops at the row limit.
            rows = enumerate(worksheet.iter_rows(values_only=True), start=1)
            yield worksheet.title.strip(), _guarded(_counted(rows))
    finally:
        workbook.close()


def _guarded(rows):
    try:
        yield from rows
    except RosterInvalid:
        raise
    except Exception:  # a sheet damaged past its first rows
        raise _invalid(_("The Excel file could not be read. Open it in Excel, save it "
                         "again as .xlsx and upload it once more.")) from None


def _counted(rows):
    """Stops a sheet of endless blank rows: past the limit even blank ones count."""
    for index, (number, values) in enumerate(rows):
        if index > MAX_ROWS * 5:
            raise _too_many_rows()
        yield number, values


def decode_text(data: bytes) -> str:
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"),
                          (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _invalid(_("The text of the CSV file could not be read. Save it from Excel as "
                     "“CSV UTF-8” or as an .xlsx workbook."))


def _csv_tables(data: bytes):
    content = decode_text(data)
    first_line = content.lstrip("\r\n").split("\n", 1)[0]
    # Excel writes commas, but "Unicode text" is tab-separated and some locales use ';'.
    delimiter = max(",\t;", key=first_line.count)
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    try:
        rows = list(_counted(enumerate(reader, start=1)))
    except csv.Error:
        raise _invalid(_("The CSV file is damaged (a quotation mark is not closed).")) from None
    yield "", iter(rows)
