"""A branch secretary imports a roster file: a good one adds everyone, a bad one adds no one."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from chengnuo.members.models import Member

from .conftest import zh

pytestmark = pytest.mark.browser

HEADERS = ["姓名", "性别", "出生日期", "入党日期", "手机号", "所在组织代码", "居住地社区组织代码",
           "担任领导职务", "在职", "无职", "年老体弱或文化程度低", "离退休", "岗位"]


def roster_csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=HEADERS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({header: row.get(header, "") for header in HEADERS})
    return buffer.getvalue().encode("utf-8")


def person(name: str, phone: str, organization_code: str, **flags) -> dict:
    row = {"姓名": name, "性别": "男", "出生日期": "1968-04-12", "入党日期": "1992-07-01",
           "手机号": phone, "所在组织代码": organization_code}
    row.update({flag: "否" for flag in ("担任领导职务", "在职", "无职", "年老体弱或文化程度低",
                                         "离退休")})
    row.update(flags)
    return row


def open_import_page(page, live_server, slug):
    page.goto(f"{live_server.url}/org/{slug}/import/")
    file_input = page.locator("input#id_file[type=file][name=file]")
    expect(file_input).to_have_count(1)
    return file_input


def test_secretary_imports_a_roster_and_finds_the_new_members_in_the_list(
        page, live_server, log_in, shoot, branch_secretary, branch, member):
    roster = roster_csv([
        person("陈志强", "13712340001", branch.slug, 担任领导职务="是", 在职="是"),
        person("刘桂兰", "13712340002", branch.slug, 性别="女", 出生日期="1941-09-20",
               入党日期="1965-03-01", 年老体弱或文化程度低="是", 离退休="是"),
        person("赵明", "13712340003", branch.slug, 出生日期="1990-01-15",
               入党日期="2015-06-30", 无职="是"),
    ])
    log_in(page, "branch_secretary")
    page.get_by_role("link", name=zh("Import roster")).click()
    expect(page).to_have_url(re.compile(rf"/org/{branch.slug}/import/$"))
    file_input = open_import_page(page, live_server, branch.slug)
    shoot(page, "import-01-form", doc="import-form")

    file_input.set_input_files(
        files=[{"name": "花名册.csv", "mimeType": "text/csv", "buffer": roster}])
    page.get_by_role("button", name="导入").click()
    page.wait_for_load_state()

    result = page.locator("#import-result")
    expect(result).to_be_visible()
    expect(result).to_contain_text("3")
    expect(page.locator("#import-errors")).to_have_count(0)
    shoot(page, "import-02-result", doc="import-result")
    assert set(Member.objects.filter(organization=branch).values_list("name", flat=True)) == {
        member.name, "陈志强", "刘桂兰", "赵明"}

    result.locator(f"a[href*='/org/{branch.slug}/members/']").first.click()
    page.wait_for_load_state()
    table = page.locator("#member-table")
    for name in ("陈志强", "刘桂兰", "赵明", member.name):
        expect(table).to_contain_text(name)
    shoot(page, "import-03-member-list", doc="import-member-list")


def test_a_roster_with_a_bad_row_shows_the_errors_and_adds_no_one(
        page, live_server, log_in, shoot, branch_secretary, branch, member):
    before = Member.objects.count()
    roster = roster_csv([
        person("孙丽", "13712340011", branch.slug),
        # Born in the future, with a phone number of ten digits.
        person("周杰", "1371234001", branch.slug, 出生日期="2999-01-01"),
        person("吴芳", "13712340013", branch.slug, 性别="女"),
    ])
    log_in(page, "branch_secretary")
    file_input = open_import_page(page, live_server, branch.slug)
    file_input.set_input_files(
        files=[{"name": "花名册-有错.csv", "mimeType": "text/csv", "buffer": roster}])
    page.get_by_role("button", name="导入").click()
    page.wait_for_load_state()

    errors = page.locator("table#import-errors")
    expect(errors).to_be_visible()
    expect(errors.locator("tbody tr").first).to_be_visible()
    # It names the line of the file (the header is line 1) and the reason.
    expect(errors.get_by_role("cell", name="3", exact=True).first).to_be_visible()
    expect(errors).to_contain_text(zh("The birth date is in the future."))
    expect(page.locator("#import-result")).to_have_count(0)
    shoot(page, "import-04-errors", doc="import-errors")
    assert Member.objects.count() == before
    assert not Member.objects.filter(name__in=["孙丽", "周杰", "吴芳"]).exists()

    page.goto(f"{live_server.url}/org/{branch.slug}/members/")
    expect(page.locator("#member-table tbody tr")).to_have_count(1)
    expect(page.locator("#member-table")).not_to_contain_text("孙丽")
