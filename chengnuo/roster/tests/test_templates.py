import io

from django.urls import reverse
from openpyxl import load_workbook

from chengnuo.members.models import Member
from chengnuo.organizations.models import Organization
from chengnuo.roster.columns import MEMBER_COLUMNS, ORGANIZATION_COLUMNS
from chengnuo.roster.readers import read_roster
from chengnuo.roster.services import roster_import
from chengnuo.tests.factories import OrganizationFactory


def test_the_xlsx_template_has_both_tables_with_an_example_and_a_guide(client):
    response = client.get(reverse("roster:template", args=["xlsx"]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["组织", "党员", "说明"]
    for title, columns in (("组织", ORGANIZATION_COLUMNS), ("党员", MEMBER_COLUMNS)):
        rows = list(workbook[title].iter_rows(values_only=True))
        assert list(rows[0]) == [column.header for column in columns]
        assert len(rows) == 2 and any(rows[1])
    guide = "\n".join(str(cell) for row in workbook["说明"].iter_rows(values_only=True)
                      for cell in row if cell)
    for column in (*ORGANIZATION_COLUMNS, *MEMBER_COLUMNS):
        assert column.header in guide
    assert "是 / 否" in guide and "党总支" in guide and "非公企业" in guide
    assert "整个文件" in guide  # the explanations are in Chinese


def test_the_csv_template_is_the_member_table_in_utf8_with_a_bom(client):
    response = client.get(reverse("roster:template", args=["csv"]))
    assert response.content.startswith(b"\xef\xbb\xbf")
    header, example = response.content.decode("utf-8-sig").splitlines()
    assert header.split(",") == [column.header for column in MEMBER_COLUMNS]
    assert example.startswith("王建华,男,1975-03-12")


def test_another_template_format_is_404(client):
    assert client.get(reverse("roster:template", args=["pdf"])).status_code == 404


def test_the_templates_example_rows_import_as_they_are(client, township):
    OrganizationFactory(parent=township, kind="committee", sector="community", slug="beishan")
    data = client.get(reverse("roster:template", args=["xlsx"])).content
    result = roster_import(actor=None, roster=read_roster(data))
    assert (result.organizations.created, result.members.created) == (1, 1)
    assert Member.objects.get().organization == Organization.objects.get(slug="beishan-2")
