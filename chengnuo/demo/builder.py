"""Builds the demonstration province in memory, then writes it with bulk inserts.

Paths are computed here with chengnuo.organizations.tree, level by level, so a whole
province costs a few dozen INSERT statements rather than one service call per object.
One seeded random generator drives every choice, so a seed always gives the same data.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from chengnuo.accounts.models import RoleGrant
from chengnuo.members.models import Member
from chengnuo.organizations import tree
from chengnuo.organizations.models import GRASSROOTS_KINDS, Kind, Organization, Post, Sector

from . import accounts, geography, units
from .people import Person, new_person
from .posts import DUTY_POSTS

BATCH_SIZE = 500


@dataclass
class Node:
    organization: Organization
    parent: "Node | None"
    county: str = ""
    city: str = ""
    plan: units.OrgPlan | None = None
    people: list[Person] = field(default_factory=list)
    posts: list[Post] = field(default_factory=list)
    children: int = 0


class DemoBuilder:
    def __init__(self, *, seed: int, scale: int):
        self.rng = random.Random(seed)
        # Public codes come from their own stream, so new demo data does not reshuffle names.
        self.codes = random.Random(f"{seed}-codes")
        self.scale = scale
        self.nodes: list[Node] = []
        self.places: dict[str, Node] = {}
        self.phones: set[str] = set()
        self.showcase_branch: Node | None = None

    # ---- planning --------------------------------------------------------------------

    def add(self, parent: Node | None, name: str, kind: str, sector: str = "", **extra) -> Node:
        if parent is not None:
            parent.children += 1
        index = parent.children if parent else 1
        path = tree.child_path(parent.organization.path if parent else "", index)
        organization = Organization(path=path, depth=tree.depth_of(path), name=name, kind=kind,
                                    sector=sector, slug=f"{self.codes.getrandbits(40):010x}")
        node = Node(organization, parent, county=extra.pop("county", parent and parent.county),
                    city=extra.pop("city", parent and parent.city), **extra)
        self.nodes.append(node)
        return node

    def plan(self) -> None:
        province = self.places["province"] = self.add(None, geography.PROVINCE, Kind.PROVINCE)
        for city, counties in geography.DIVISIONS.items():
            city_node = self.add(province, city, Kind.CITY, city=city)
            if city == geography.SHOWCASE_CITY:
                self.places["city"] = city_node
            for county, townships in counties:
                county_node = self.add(city_node, county, Kind.COUNTY, county=county)
                towns = {t: self.add(county_node, t, Kind.TOWNSHIP) for t in townships}
                used: set[str] = set()
                if county == geography.SHOWCASE_COUNTY:
                    self.places["county"] = county_node
                    plans = self.showcase_units(county, townships, used)
                else:
                    plans = units.plan_county_units(self.rng, county=county, townships=townships,
                                                    count=self.scale, used=used)
                for unit in plans:
                    self.add_plan(towns[unit.township] if unit.township else county_node,
                                  unit.root)

    def showcase_units(self, county: str, townships: tuple[str, ...],
                       used: set[str]) -> list[units.UnitPlan]:
        """The showcase county: the demo accounts' community, then every sector, scale times."""
        community = units.plan_unit(self.rng, sector=Sector.COMMUNITY, shape=Kind.COMMITTEE,
                                    base=accounts.SHOWCASE_COMMUNITY)
        first = community.children[0]
        first.name, first.members, first.showcase = accounts.SHOWCASE_BRANCH, 8, True
        used.add(accounts.SHOWCASE_COMMUNITY)
        plans = [units.UnitPlan(community, geography.SHOWCASE_TOWNSHIP)]
        shapes = (Kind.COMMITTEE, Kind.GENERAL_BRANCH, Kind.BRANCH)
        for round_ in range(self.scale):
            for position, sector in enumerate(units.SECTOR_WEIGHTS):
                plans.append(units.plan_sector_unit(
                    self.rng, sector=sector, county=county, townships=townships, used=used,
                    shape=shapes[(position + round_) % len(shapes)]))
        return plans

    def add_plan(self, parent: Node, plan: units.OrgPlan) -> None:
        node = self.add(parent, plan.name, plan.kind, plan.sector, plan=plan)
        leaders = plan.members if plan.kind != Kind.BRANCH else 1 + (self.rng.random() < 0.3)
        node.people = [
            new_person(self.rng, sector=plan.sector, leader=position < leaders,
                       retirees=plan.retirees, phones=self.phones)
            for position in range(plan.members)
        ]
        if plan.showcase:
            self.showcase_branch = node
            self.places["branch"] = node
            ordinary = node.people[-1]  # the demo "member" account: no post, holds a duty post
            ordinary.holds_leadership_post = ordinary.retired = False
            ordinary.without_post, ordinary.elderly_or_low_literacy = True, False
        for child in plan.children:
            self.add_plan(node, child)

    # ---- writing ---------------------------------------------------------------------

    def save_organizations(self) -> None:
        by_depth: dict[int, list[Node]] = defaultdict(list)
        for node in self.nodes:
            by_depth[node.organization.depth].append(node)
        for depth in sorted(by_depth):
            level = by_depth[depth]
            for node in level:
                node.organization.parent_id = node.parent.organization.pk if node.parent else None
            Organization.objects.bulk_create([n.organization for n in level],
                                             batch_size=BATCH_SIZE)

    def save_posts(self) -> None:
        """Two to four duty posts wherever there are members without a post."""
        for node in self.nodes:
            if any(person.without_post for person in node.people):
                chosen = self.rng.sample(DUTY_POSTS, self.rng.randint(2, 4))
                if node is self.showcase_branch and not any(
                        name == accounts.SHOWCASE_BRANCH_POST for name, _ in chosen):
                    chosen[0] = next(p for p in DUTY_POSTS if p[0] == accounts.SHOWCASE_BRANCH_POST)
                node.posts = [Post(organization=node.organization, name=name,
                                   responsibilities=duties) for name, duties in chosen]
        Post.objects.bulk_create([post for node in self.nodes for post in node.posts],
                                 batch_size=BATCH_SIZE)

    def communities(self) -> dict[str, list[Organization]]:
        """Community organizations (the top of each unit) by county and by city."""
        found: dict[str, list[Organization]] = defaultdict(list)
        for node in self.nodes:
            if (node.organization.sector == Sector.COMMUNITY
                    and node.parent.organization.kind not in GRASSROOTS_KINDS):
                found[node.county].append(node.organization)
                found[node.city].append(node.organization)
        return found

    def save_members(self, users: dict[str, int]) -> list[Member]:
        communities = self.communities()
        members: list[Member] = []
        for node in self.nodes:
            for position, person in enumerate(node.people):
                member = Member(
                    name=person.name, gender=person.gender, birth_date=person.birth_date,
                    joined_date=person.joined_date, phone=person.phone,
                    organization=node.organization,
                    holds_leadership_post=person.holds_leadership_post,
                    in_service=person.in_service, without_post=person.without_post,
                    elderly_or_low_literacy=person.elderly_or_low_literacy,
                    retired=person.retired, public_id=f"{self.codes.getrandbits(48):012x}")
                if person.without_post and self.rng.random() < 0.75:
                    member.post = self.rng.choice(node.posts)
                # In-service members report to a community where they live: their county's,
                # or another in the city when their county has none in the demo.
                nearby = communities[node.county] or communities[node.city]
                if (person.in_service and node.organization.sector != Sector.COMMUNITY
                        and nearby and self.rng.random() < 0.5):
                    member.residence_organization = self.rng.choice(nearby)
                if node is self.showcase_branch:
                    self.link_showcase(member, position, len(node.people), node, users)
                members.append(member)
        Member.objects.bulk_create(members, batch_size=BATCH_SIZE)
        return members

    def link_showcase(self, member: Member, position: int, size: int, node: Node,
                      users: dict[str, int]) -> None:
        if position == 0:
            member.user_id = users.get("secretary")
        elif position == size - 1:
            member.user_id = users.get("member")
            member.post = next(p for p in node.posts if p.name == accounts.SHOWCASE_BRANCH_POST)

    def save_secretaries(self, members: list[Member]) -> None:
        """The first member of each organization leads it: it is always a leader."""
        first: dict[int, Member] = {}
        for member in members:
            first.setdefault(member.organization_id, member)
        organizations = []
        for node in self.nodes:
            secretary = first.get(node.organization.pk)
            if secretary is not None:
                node.organization.secretary = secretary
                organizations.append(node.organization)
        Organization.objects.bulk_update(organizations, ["secretary"], batch_size=BATCH_SIZE)

    def save_accounts(self) -> dict[str, int]:
        """The demo users and their role grants; one hash serves the one shared password."""
        user_model = get_user_model()
        password = make_password(accounts.DEMO_PASSWORD)
        users = user_model.objects.bulk_create([
            user_model(username=a.username, is_superuser=a.superuser, is_staff=a.superuser,
                       password=password)
            for a in accounts.DEMO_ACCOUNTS])
        RoleGrant.objects.bulk_create([
            RoleGrant(user=user, organization=self.places[account.place].organization,
                      role=account.role)
            for user, account in zip(users, accounts.DEMO_ACCOUNTS, strict=True)
            if account.role])
        return {account.member: user.pk
                for user, account in zip(users, accounts.DEMO_ACCOUNTS, strict=True)
                if account.member}

    def name_accounts(self, users: dict[str, int]) -> None:
        """An account that is a member carries the member's name: pages show who acted."""
        user_model = get_user_model()
        for user_id, name in Member.objects.filter(user_id__in=users.values()).values_list(
                "user_id", "name"):
            user_model.objects.filter(pk=user_id).update(first_name=name[:150])

    def build(self) -> dict[str, int]:
        self.plan()
        self.save_organizations()
        users = self.save_accounts()
        self.save_posts()
        members = self.save_members(users)
        self.name_accounts(users)
        self.save_secretaries(members)
        return {"organizations": len(self.nodes), "members": len(members),
                "posts": sum(len(node.posts) for node in self.nodes),
                "accounts": len(accounts.DEMO_ACCOUNTS)}
