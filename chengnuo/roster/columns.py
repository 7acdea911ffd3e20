"""The roster file's format: sheets, columns and the words allowed in them.

The headers and the allowed words are part of the file format, so they stay Chinese in
every interface language; only the explanations are translated. The template, the reader,
the import service and the page all read from here, so they cannot drift apart.
"""

from dataclasses import dataclass

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from chengnuo.organizations.models import Kind, Sector

ORGANIZATION_SHEET = "组织"
MEMBER_SHEET = "党员"
GUIDE_SHEET = "说明"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool
    help: str
    example: str
    allowed: str = ""


KIND_WORDS = {
    "省": Kind.PROVINCE,
    "市": Kind.CITY,
    "县(市、区)": Kind.COUNTY, "县": Kind.COUNTY, "区": Kind.COUNTY, "县级市": Kind.COUNTY,
    "乡镇(街道)": Kind.TOWNSHIP, "乡镇": Kind.TOWNSHIP, "乡": Kind.TOWNSHIP, "镇": Kind.TOWNSHIP,
    "街道": Kind.TOWNSHIP,
    "党委": Kind.COMMITTEE,
    "党总支": Kind.GENERAL_BRANCH,
    "党支部": Kind.BRANCH,
}
KIND_CHOICES = "省 / 市 / 县(市、区) / 乡镇(街道) / 党委 / 党总支 / 党支部"

SECTOR_WORDS = {
    "农村": Sector.RURAL,
    "社区": Sector.COMMUNITY,
    "机关": Sector.GOVERNMENT,
    "事业单位": Sector.PUBLIC_INSTITUTION,
    "国有企业": Sector.STATE_ENTERPRISE, "国企": Sector.STATE_ENTERPRISE,
    "非公企业": Sector.PRIVATE_ENTERPRISE, "非公有制企业": Sector.PRIVATE_ENTERPRISE,
    "社会组织": Sector.SOCIAL_ORGANIZATION,
    "学校": Sector.SCHOOL,
}
SECTOR_CHOICES = "农村 / 社区 / 机关 / 事业单位 / 国有企业 / 非公企业 / 社会组织 / 学校"

GENDER_WORDS = {"男": "male", "男性": "male", "女": "female", "女性": "female"}

TRUE_WORDS = {"是", "1", "y", "yes", "true", "√", "✓", "✔"}
FALSE_WORDS = {"否", "0", "n", "no", "false", ""}
YES_NO = "是 / 否"
DATE_FORMATS = "1975-03-12、1975/3/12、1975.03.12"


def _join(*parts) -> str:
    return "".join(str(part) for part in parts)


# Lazy so that a help text built from several translated pieces follows the active language.
_joined = lazy(_join, str)

ORGANIZATION_COLUMNS = (
    Column("code", "组织代码", True,
           _("The organization's code: letters, digits, '-' or '_'. It identifies the "
             "organization: a code already in the system updates that organization, a new "
             "code creates one."), "beishan-2"),
    Column("name", "组织名称", True, _("The full name of the organization."),
           "北山社区第二党支部"),
    Column("kind", "类型", True, _("The kind of organization."), "党支部", KIND_CHOICES),
    Column("sector", "领域", False,
           _("Required for 党委, 党总支 and 党支部; left empty for 省, 市, 县(市、区) and "
             "乡镇(街道)."), "社区", SECTOR_CHOICES),
    Column("parent", "上级组织代码", True,
           _("The code of the organization directly above it: one already in the system or "
             "one listed earlier or later in this sheet. An existing organization cannot be "
             "moved by an import."), "beishan"),
)

MEMBER_COLUMNS = (
    Column("name", "姓名", True, _("The member's name."), "王建华"),
    Column("gender", "性别", True, _("Gender."), "男", "男 / 女"),
    Column("birth_date", "出生日期", True, _("Date of birth."), "1975-03-12", DATE_FORMATS),
    Column("joined_date", "入党日期", True, _("Date the member joined the party."),
           "2001-07-01", DATE_FORMATS),
    Column("phone", "手机号", False,
           _("11-digit mobile number. Each number belongs to one member only. When given, "
             "it is how the member is found again on the next import; left empty, a number "
             "already recorded stays as it is."), "13800138000"),
    Column("organization", "所在组织代码", True,
           _("The code of the member's own organization (a 党委, 党总支 or 党支部)."),
           "beishan-2"),
    Column("residence", "居住地社区组织代码", False,
           _("Only for members in service: the code of the community organization where "
             "they live (在职党员到社区报到)."), ""),
    Column("holds_leadership_post", "担任领导职务", False,
           _("Holds a leadership post. Cannot go with 无职."), "否", YES_NO),
    Column("in_service", "在职", False, _("In service. Cannot go with 离退休."), "是", YES_NO),
    Column("without_post", "无职", False,
           _("Without a post; such members commit through a duty post (设岗定责)."), "否",
           YES_NO),
    Column("elderly_or_low_literacy", "年老体弱或文化程度低", False,
           _("Elderly, infirm or of low literacy; may make an oral pledge."), "否", YES_NO),
    Column("retired", "离退休", False, _("Retired."), "否", YES_NO),
    Column("post", "岗位", False,
           _("Only for members without a post: the name of a duty post already set up in "
             "the member's organization."), ""),
)

YES_NO_NOTE = _joined(
    _("Yes/no columns: "), YES_NO, _(" (also 1/0, Y/N or √; an empty cell means 否)."))
DATE_NOTE = _joined(_("Dates: "), DATE_FORMATS, _(", or a date cell in Excel."))


def headers(columns) -> dict[str, Column]:
    return {column.header: column for column in columns}


def required_headers(columns) -> list[str]:
    return [column.header for column in columns if column.required]


def header_of(columns, key: str) -> str:
    return next(column.header for column in columns if column.key == key)
