
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chengnuo.audit.models import AuditEvent
from chengnuo.members.models import Member

from .files import csv_bytes, member_row, members, xlsx_bytes


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client
    return as_user


def url(organization) -> str:
    return reverse("roster:import", args=[organization.slug])


def upload(client, organization, data: bytes, name: str = "花名册.xlsx"):
    return client.post(url(organization), {"file": SimpleUploadedFile(name, data)})


def test_the_page_offers_the_form_the_templates_and_the_organizations_code(
        login, branch_secretary, branch):
    response = login(branch_secretary).get(url(branch))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<input type="file" name="file"' in html and 'id="id_file"' in html
    form = html[html.index('<form method="post" enctype="multipart/form-data"'):]
    form = form[:form.index("</form>")]
    assert form.count('type="submit"') == 1 and ">导入</button>" in form
    assert reverse("roster:template", args=["xlsx"]) in html
    assert reverse("roster:template", args=["csv"]) in html
    assert f'<code id="organization-code">{branch.slug}</code>' in html
    assert 'id="import-errors"' not in html and 'id="import-result"' not in html


@pytest.mark.parametrize("actor", ["other_secretary", "county_reviewer", "member_user"])
def test_the_page_is_404_for_anyone_without_import_reach(login, request, branch, actor):
    user = request.getfixturevalue(actor)
    assert login(user).get(url(branch)).status_code == 404
    assert upload(login(user), branch, xlsx_bytes(members=[member_row(branch)])).status_code \
        == 404
    assert not Member.objects.filter(name="陈红").exists()


def test_an_anonymous_visitor_is_sent_to_log_in(client, branch):
    response = client.get(url(branch))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_a_county_admin_reaches_a_branchs_page(login, county_admin, branch):
    assert login(county_admin).get(url(branch)).status_code == 200


def test_a_good_file_shows_the_counts_and_a_link_to_the_member_list(login, branch_secretary,
                                                                    branch):
    response = upload(login(branch_secretary), branch, xlsx_bytes(members=members(branch, 3)))
    html = response.content.decode()
    assert 'id="import-result"' in html and 'id="import-errors"' not in html
    assert Member.objects.filter(organization=branch).count() == 3
    assert '<tr id="import-result-members"><th scope="row">党员</th>' in html
    assert '<td class="text-end">3</td>' in html
    assert reverse("organizations:members", args=[branch.slug]) in html


def test_a_gbk_csv_uploaded_through_the_page_is_imported(login, branch_secretary, branch):
    data = csv_bytes([member_row(branch, 姓名="欧阳娜娜")], encoding="gbk")
    upload(login(branch_secretary), branch, data, name="花名册.csv")
    assert Member.objects.get().name == "欧阳娜娜"


def test_a_bad_file_lists_each_row_and_its_reason_and_imports_nothing(
        login, branch_secretary, branch):
    audit_before = AuditEvent.objects.count()
    data = xlsx_bytes(members=[*members(branch, 2), member_row(branch, 出生日期="明天")])
    html = upload(login(branch_secretary), branch, data).content.decode()
    assert 'id="import-errors"' in html and 'id="import-result"' not in html
    assert "未导入任何数据" in html
    assert "<td data-label=\"行号\">4</td>" in html
    assert "出生日期：“明天”不是日期" in html
    assert Member.objects.count() == 0 and AuditEvent.objects.count() == audit_before


def test_a_file_missing_a_column_is_explained_in_the_error_table(login, branch_secretary,
                                                                 branch):
    data = csv_bytes([member_row(branch)], headers=["姓名", "性别"])
    html = upload(login(branch_secretary), branch, data, name="a.csv").content.decode()
    assert 'id="import-errors"' in html and "表头行缺少这些列" in html


@pytest.mark.parametrize("name, data, message", [
    ("照片.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "不是 Excel 工作簿"),
    ("花名册.xlsx", "姓名,性别\n张三,男\n".encode(), "文件名是 .xlsx，但内容不是 Excel 工作簿。"),
    ("花名册.csv", xlsx_bytes(members=[]), "文件名是 .csv，但内容是 Excel 工作簿"),
    ("花名册.txt", "姓名,性别\n张三,男\n".encode(), "只能导入 Excel 工作簿（.xlsx）或 CSV 文件"),
    ("花名册.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Excel 文件"),
])
def test_a_file_of_another_type_is_refused_by_its_content(login, branch_secretary, branch,
                                                         name, data, message):
    html = upload(login(branch_secretary), branch, data, name=name).content.decode()
    assert message in html
    assert 'id="import-result"' not in html


def test_a_file_over_5_mb_is_refused(login, branch_secretary, branch):
    data = ("姓名,性别\n" + "张三,男\n" * 800_000).encode()
    assert len(data) > 5 * 1024 * 1024
    html = upload(login(branch_secretary), branch, data, name="big.csv").content.decode()
    assert "文件超过 5 MB" in html
    assert Member.objects.count() == 0


def test_submitting_without_a_file_asks_for_one(login, branch_secretary, branch):
    response = login(branch_secretary).post(url(branch), {})
    assert response.status_code == 200
    assert 'id="id_file-errors"' in response.content.decode()


def test_the_page_does_not_import_outside_its_own_organization(login, county_admin, branch,
                                                               other_branch):
    html = upload(login(county_admin), branch,
                  xlsx_bytes(members=[member_row(other_branch)])).content.decode()
    assert "未知的组织代码" in html
    assert not Member.objects.exists()


def test_the_page_speaks_english_when_asked(login, branch_secretary, branch, settings):
    client = login(branch_secretary)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(url(branch)).content.decode()
    assert ">Import</button>" in html
