"""Building roster files for tests: rows are dicts keyed by the template's Chinese headers."""

import csv
import io
from pathlib import Path

from openpyxl import Workbook

from chengnuo.roster.columns import MEMBER_COLUMNS, ORGANIZATION_COLUMNS
from chengnuo.roster.readers import read_roster
from chengnuo.roster.services import roster_import

MEMBER_HEADERS = [column.header for column in MEMBER_COLUMNS]
ORGANIZATION_HEADERS = [column.header for column in ORGANIZATION_COLUMNS]


def member_row(organization, **overrides) -> dict:
    """A valid member row in organization (an Organization or a code)."""
    code = getattr(organization, "slug", organization)
    row = {"姓名": "陈红", "性别": "女", "出生日期": "1980-04-02", "入党日期": "2005-07-01",
           "手机号": "13700000001", "所在组织代码": code, "在职": "是"}
    row.update(overrides)
    return row


def organization_row(code, parent, **overrides) -> dict:
    row = {"组织代码": code, "组织名称": f"{code}党支部", "类型": "党支部", "领域": "社区",
           "上级组织代码": getattr(parent, "slug", parent)}
    row.update(overrides)
    return row


def members(organization, count: int, start: int = 0) -> list[dict]:
    return [member_row(organization, 姓名=f"党员{start + i}", 手机号=f"135{start + i:08d}")
            for i in range(count)]


def xlsx_bytes(*, organizations=None, members=None) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, headers, rows in (("组织", ORGANIZATION_HEADERS, organizations),
                                 ("党员", MEMBER_HEADERS, members)):
        if rows is None:
            continue
        sheet = workbook.create_sheet(title)
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(header) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, *, headers=None, encoding="utf-8-sig") -> bytes:
    headers = headers or MEMBER_HEADERS
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow(["" if row.get(h) is None else row.get(h) for h in headers])
    return buffer.getvalue().encode(encoding)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def run(actor, data: bytes, scope=None):
    return roster_import(actor=actor, roster=read_roster(data), scope=scope)
