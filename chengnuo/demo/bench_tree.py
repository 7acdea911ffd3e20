"""A province-sized organization tree for the subtree benchmark, as plain rows.

The fan-out follows a real province: 1 province, 11 cities, about 90 counties and 1,300
townships at 200,000 organizations, the rest grassroots committees, general branches and
branches under townships (and some county organs directly under counties). Smaller sizes
shrink every level in proportion, so a test can build a few hundred rows the same way.
"""

import random
from dataclasses import dataclass

from chengnuo.organizations import tree
from chengnuo.organizations.models import Kind

from .geography import DIVISIONS, SHOWCASE_COUNTY

FULL_SIZE = 200_000
FULL_COUNTIES = 90
FULL_TOWNSHIPS = 1_300
COUNTY_ORGANS_SHARE = 0.15  # of a county's grassroots units, those directly under it
MIN_ORGANIZATIONS = 50


@dataclass
class BenchTree:
    rows: list[tuple[int, str, int, int | None, str, str]]  # id, path, depth, parent, name, kind
    counties: list[tuple[str, str]]  # (name, path)
    levels: dict[str, int]

    def target_county(self) -> tuple[str, str]:
        """西湖区 when the tree has it, else the middle county."""
        for name, path in self.counties:
            if name == SHOWCASE_COUNTY:
                return name, path
        return self.counties[len(self.counties) // 2]


class _Writer:
    def __init__(self):
        self.rows: list[tuple[int, str, int, int | None, str, str]] = []
        self.children: dict[str, int] = {}

    def add(self, parent: tuple[int, str] | None, name: str, kind: str) -> tuple[int, str]:
        parent_path = parent[1] if parent else ""
        index = self.children.get(parent_path, 0) + 1
        self.children[parent_path] = index
        path = tree.child_path(parent_path, index)
        row_id = len(self.rows) + 1
        self.rows.append((row_id, path, tree.depth_of(path), parent[0] if parent else None,
                          name, kind))
        return row_id, path


def split(total: int, parts: int, rng: random.Random) -> list[int]:
    """total split into parts roughly equal shares (±30%), summing exactly to total."""
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    scale = total / sum(weights)
    shares = [int(w * scale) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % parts] += 1
    return shares


def add_grassroots(writer: _Writer, parent: tuple[int, str], quota: int,
                   rng: random.Random) -> None:
    """Units under parent until quota organizations exist: committees, general branches
    (each with branches) and standalone branches."""
    while quota > 0:
        shape = rng.choices(("branch", "general", "committee"), (50, 25, 25))[0]
        if shape == "branch" or quota == 1:
            writer.add(parent, "党支部", Kind.BRANCH)
            quota -= 1
            continue
        below = min(quota - 1, rng.randint(3, 12) if shape == "committee" else rng.randint(2, 4))
        unit = writer.add(parent, "党委" if shape == "committee" else "党总支",
                          Kind.COMMITTEE if shape == "committee" else Kind.GENERAL_BRANCH)
        for _ in range(below):
            writer.add(unit, "党支部", Kind.BRANCH)
        quota -= 1 + below


def build_tree(organizations: int, *, seed: int = 2010) -> BenchTree:
    if organizations < MIN_ORGANIZATIONS:
        raise ValueError(f"at least {MIN_ORGANIZATIONS} organizations")
    rng = random.Random(seed)
    share = min(1.0, organizations / FULL_SIZE)
    county_total = max(1, round(FULL_COUNTIES * share))
    township_total = max(county_total, round(FULL_TOWNSHIPS * share))
    real = [(city, county) for city, counties in DIVISIONS.items() for county, _ in counties]
    if county_total == len(real):
        placed = real
    else:  # fewer counties: keep the showcase county, spread the others over the cities
        pool = [pair for pair in real if pair[1] != SHOWCASE_COUNTY]
        placed = [next(pair for pair in real if pair[1] == SHOWCASE_COUNTY)]
        placed += rng.sample(pool, min(len(pool), county_total - 1))
        placed.sort(key=real.index)
    cities = list(dict.fromkeys(city for city, _ in placed))
    writer = _Writer()
    province = writer.add(None, "浙江省", Kind.PROVINCE)
    city_rows = {city: writer.add(province, city, Kind.CITY) for city in cities}
    county_rows = [(county, writer.add(city_rows[city], county, Kind.COUNTY))
                   for city, county in placed]
    township_counts = split(township_total, len(county_rows), rng)
    grassroots = organizations - 1 - len(cities) - len(county_rows) - township_total
    county_quotas = split(max(grassroots, 0), len(county_rows), rng)
    for (county, county_row), townships, quota in zip(
            county_rows, township_counts, county_quotas, strict=True):
        organs = int(quota * COUNTY_ORGANS_SHARE)
        add_grassroots(writer, county_row, organs, rng)
        town_rows = [writer.add(county_row, f"{county}第{n}镇街", Kind.TOWNSHIP)
                     for n in range(1, townships + 1)]
        for town_row, town_quota in zip(town_rows, split(quota - organs, townships, rng),
                                        strict=True):
            add_grassroots(writer, town_row, town_quota, rng)
    return BenchTree(
        rows=writer.rows,
        counties=[(county, row[1]) for county, row in county_rows],
        levels={"cities": len(cities), "counties": len(county_rows),
                "townships": township_total, "grassroots": max(grassroots, 0)},
    )
