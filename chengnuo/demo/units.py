"""The shapes grassroots party organizations take in each sector, as plans to build.

A unit is one grassroots organization as a county would list it: a committee (党委) with
branches below, a general branch (党总支) with branches, or a standalone branch (党支部).
Villages, communities, enterprises and social organizations sit under a township or street;
organs, institutions, state enterprises and schools sit under the county itself.
"""

import random
from dataclasses import dataclass, field

from chengnuo.organizations.models import Kind, Sector

from . import names
from .geography import is_street

# How often each sector appears among a county's units: villages and communities dominate.
SECTOR_WEIGHTS: dict[str, int] = {
    Sector.RURAL: 30, Sector.COMMUNITY: 22, Sector.GOVERNMENT: 10,
    Sector.PUBLIC_INSTITUTION: 9, Sector.STATE_ENTERPRISE: 5, Sector.PRIVATE_ENTERPRISE: 12,
    Sector.SOCIAL_ORGANIZATION: 5, Sector.SCHOOL: 7,
}
UNDER_COUNTY = {Sector.GOVERNMENT, Sector.PUBLIC_INSTITUTION, Sector.STATE_ENTERPRISE,
                Sector.SCHOOL}

# Branch names below a committee or general branch, by sector; the last is often retirees.
SUB_BRANCHES: dict[str, tuple[str, ...]] = {
    Sector.RURAL: ("第一党支部", "第二党支部", "第三党支部", "老年党员党支部"),
    Sector.COMMUNITY: ("第一党支部", "第二党支部", "第三党支部", "离退休党员党支部"),
    Sector.GOVERNMENT: ("办公室党支部", "业务科室党支部", "执法队党支部", "离退休干部党支部"),
    Sector.PUBLIC_INSTITUTION: ("第一党支部", "第二党支部", "行政后勤党支部", "离退休党支部"),
    Sector.STATE_ENTERPRISE: ("综合管理部党支部", "生产运营部党支部", "工程项目部党支部",
                              "离退休党支部"),
    Sector.PRIVATE_ENTERPRISE: ("生产车间党支部", "管理部门党支部", "销售部党支部",
                                "技术研发部党支部"),
    Sector.SOCIAL_ORGANIZATION: ("第一党支部", "第二党支部", "第三党支部", "流动党员党支部"),
    Sector.SCHOOL: ("教师第一党支部", "教师第二党支部", "行政后勤党支部", "离退休教师党支部"),
}
RETIREE_MARKERS = ("老年", "离退休")


@dataclass
class OrgPlan:
    """One grassroots organization to build, with how many members belong to it directly."""

    name: str
    kind: str
    sector: str
    members: int
    children: list["OrgPlan"] = field(default_factory=list)
    retirees: bool = False
    showcase: bool = False


@dataclass
class UnitPlan:
    """A unit and where it hangs: under the county (township is None) or a township."""

    root: OrgPlan
    township: str | None


def unit_name(rng: random.Random, sector: str, county: str, township: str) -> str:
    """The name a unit goes by, without its 党委/党总支/党支部 suffix."""
    short = names.short_name(county)
    if sector == Sector.RURAL:
        return names.place_name(rng) + "村"
    if sector == Sector.COMMUNITY:
        return names.place_name(rng) + "社区"
    if sector == Sector.GOVERNMENT:
        return f"{county}{rng.choice(names.GOVERNMENT_BUREAUS)}机关"
    if sector == Sector.PUBLIC_INSTITUTION:
        return f"{county}{rng.choice(names.INSTITUTIONS)}"
    if sector == Sector.STATE_ENTERPRISE:
        return f"{short}{rng.choice(names.STATE_ENTERPRISES)}"
    if sector == Sector.PRIVATE_ENTERPRISE:
        return names.firm_name(rng, county)
    if sector == Sector.SOCIAL_ORGANIZATION:
        if rng.random() < 0.4:
            return f"{township}社会组织联合"
        return f"{county}{rng.choice(names.SOCIAL_ORGANIZATIONS)}"
    return f"{county}{rng.choice(names.SCHOOLS)}"


def plan_unit(rng: random.Random, *, sector: str, base: str, shape: str = "") -> OrgPlan:
    """A committee, general branch or standalone branch of sector named after base."""
    shape = shape or rng.choices(("branch", "general_branch", "committee"), (55, 25, 20))[0]
    if shape == Kind.BRANCH:
        return OrgPlan(f"{base}党支部", Kind.BRANCH, sector, members=rng.randint(3, 6))
    suffix, count = (("党委", 3) if shape == Kind.COMMITTEE else ("党总支", 2))
    children_names = list(SUB_BRANCHES[sector][: count - 1]) + [SUB_BRANCHES[sector][-1]]
    children = [
        OrgPlan(f"{base}{child}", Kind.BRANCH, sector, members=rng.randint(2, 5),
                retirees=any(marker in child for marker in RETIREE_MARKERS))
        for child in children_names
    ]
    return OrgPlan(f"{base}{suffix}", shape, sector, members=1,
                   children=children)


def plan_county_units(rng: random.Random, *, county: str, townships: tuple[str, ...],
                      count: int, used: set[str]) -> list[UnitPlan]:
    """count units of weighted random sectors for one county, placed where they belong."""
    sectors, weights = zip(*SECTOR_WEIGHTS.items(), strict=True)
    return [plan_sector_unit(rng, sector=rng.choices(sectors, weights)[0], county=county,
                             townships=townships, used=used)
            for _ in range(count)]


def plan_sector_unit(rng: random.Random, *, sector: str, county: str,
                     townships: tuple[str, ...], used: set[str], shape: str = "",
                     township: str | None = None) -> UnitPlan:
    if township is None and sector not in UNDER_COUNTY:
        township = pick_township(rng, sector, townships)
    base = unit_name(rng, sector, county, township or county)
    for _ in range(6):  # a county seldom has two units of one name; retry a few times
        if base not in used:
            break
        base = unit_name(rng, sector, county, township or county)
    used.add(base)
    if base.startswith(county):  # a county-wide social organization reports to the county
        township = None
    return UnitPlan(plan_unit(rng, sector=sector, base=base, shape=shape), township)


def pick_township(rng: random.Random, sector: str, townships: tuple[str, ...]) -> str:
    """Communities sit in streets, villages in towns; either falls back to any township."""
    if sector == Sector.COMMUNITY:
        fitting = [t for t in townships if is_street(t)]
    elif sector == Sector.RURAL:
        fitting = [t for t in townships if not is_street(t)]
    else:
        fitting = []
    return rng.choice(fitting or list(townships))
