"""The first half of a demonstration year (提诺 · 审诺 · 示诺), played through the services.

Everything here goes through the same services a browser does (cycle_open, suggestion_leave,
pledge_start, item_add, pledge_submit, pledge_review, pledge_revise, pledge_publish,
pledge_amend), each done by an actor whom the permission layer lets do it, so the demo can
never hold a state the application itself would refuse, and the ledger and audit trail are
the real ones.

Only the showcase subtree gets commitments: 曙光社区党委, its first branch (the demo
accounts' branch), its retirees' branch, and in-service members from elsewhere in the county
who live in 曙光社区 (their work pledge at their unit, their residence pledge at home). The
rest of the province stays blank, as it would be for a superior a few weeks before the
deadline; looping the services over every member would also make seeding slow.
"""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AnonymousUser

from chengnuo.accounts.models import Role, RoleGrant
from chengnuo.accounts.services import role_grant
from chengnuo.cycles.models import Cycle
from chengnuo.cycles.services import cycle_open
from chengnuo.members.models import Member
from chengnuo.organizations import tree
from chengnuo.organizations.models import Kind, Organization
from chengnuo.pledges.models import Channel, Criterion, Decision, Pledge, Scope
from chengnuo.pledges.services import (
    item_add,
    item_update,
    pledge_amend,
    pledge_publish,
    pledge_review,
    pledge_revise,
    pledge_start,
    pledge_submit,
)
from chengnuo.suggestions.models import Outcome
from chengnuo.suggestions.services import suggestion_answer, suggestion_leave

from . import pledge_texts as texts
from .accounts import PLACES, SHOWCASE_COMMUNITY
from .pledge_texts import ItemSpec
from .units import RETIREE_MARKERS

SOLICITATION_OPENED_DAYS_AGO = 30
DEADLINE_IN_DAYS = 21
QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))


class NotADemo(Exception):
    """The database does not hold the demonstration province with its accounts."""


@dataclass(frozen=True)
class CycleDates:
    year: int
    solicitation_opens: datetime.date
    commitment_deadline: datetime.date
    quarter_ends: tuple[datetime.date, datetime.date, datetime.date, datetime.date]

    def fields(self) -> dict:
        return {"solicitation_opens": self.solicitation_opens,
                "commitment_deadline": self.commitment_deadline,
                **{f"quarter_{n}_ends": end for n, end in enumerate(self.quarter_ends, 1)}}


def _quarter_end_on_or_after(day: datetime.date) -> datetime.date:
    for month, last in QUARTER_ENDS:
        end = datetime.date(day.year, month, last)
        if end >= day:
            return end
    raise AssertionError("31 December is on or after every day of its year")


def cycle_dates(today: datetime.date) -> CycleDates:
    """The demo cycle's dates, relative to the day the seed runs, so the walk always works.

    - Solicitation opened 30 days ago and is still open today: the public can still leave
      suggestions on the showcase pages while the organizations answer the earlier ones.
    - The commitment deadline is 21 days ahead: members can still submit, and the secretary
      still has time to review.
    - The four quarters of supervision are calendar quarters: the first ends on the first
      quarter end at least a month after the deadline (so the first quarter is not a few
      days long), the others follow.
    - The year is the year of the second quarter's end, i.e. the calendar year holding most
      of the quarters (on a tie, the earlier one). Seeded in November or December, the
      deadline falls in December or January and the quarters are next year's, so the cycle
      is next year's; seeded in June, quarters end in September, December, March and June,
      and the cycle is this year's.
    """
    opens = today - datetime.timedelta(days=SOLICITATION_OPENED_DAYS_AGO)
    deadline = today + datetime.timedelta(days=DEADLINE_IN_DAYS)
    ends = [_quarter_end_on_or_after(deadline + datetime.timedelta(days=30))]
    while len(ends) < 4:
        ends.append(_quarter_end_on_or_after(ends[-1] + datetime.timedelta(days=1)))
    return CycleDates(year=ends[1].year, solicitation_opens=opens,
                      commitment_deadline=deadline, quarter_ends=tuple(ends))


def organization_at(names: tuple[str, ...]) -> Organization | None:
    """The organization reached by following names down from a top organization."""
    organization = Organization.objects.filter(name=names[0], parent=None).first()
    for name in names[1:]:
        if organization is None:
            return None
        organization = organization.children.filter(name=name).first()
    return organization


def demo_top() -> Organization | None:
    return organization_at(PLACES["province"])


def has_cycle(top: Organization) -> bool:
    """Whether any cycle was opened in top's subtree (by the demo or by a user)."""
    return Cycle.objects.filter(tree.subtree_q(top.path, "organization__path")).exists()


@dataclass
class Tally:
    suggestions: int = 0
    pledges: int = 0
    published: int = 0
    actors: int = 0
    states: dict[str, int] = field(default_factory=dict)
    running: object = None  # demo.fulfilment.YearTally of the year being fulfilled


class CommitmentSeeder:
    """Plays the half-year once; `run` returns what it made."""

    def __init__(self, *, today: datetime.date):
        self.today = today
        self.dates = cycle_dates(today)
        self.users: dict[int, object] = {}  # member pk -> the user acting as that member
        self.suggestions: dict[str, object] = {}
        self.adopted: dict[str, object] = {}  # suggestion key -> the item that takes it up
        self.tally = Tally()
        self.post_variants: dict[str, int] = {}
        self.locate()

    # ---- where and who ---------------------------------------------------------------

    def locate(self) -> None:
        self.top = demo_top()
        self.branch = organization_at(PLACES["branch"])
        user_model = get_user_model()
        accounts = {u.username: u for u in user_model.objects.filter(
            username__in=["admin", "county_admin", "secretary", "member"])}
        if self.top is None or self.branch is None or len(accounts) < 4:
            raise NotADemo
        self.branch = Organization.objects.select_related(
            "parent__parent", "secretary__user").get(pk=self.branch.pk)
        self.committee = self.branch.parent
        self.admin, self.county_admin = accounts["admin"], accounts["county_admin"]
        secretary, member = accounts["secretary"], accounts["member"]
        if (not self.admin.is_superuser or self.branch.secretary is None
                or self.branch.secretary.user_id != secretary.pk
                or not Member.objects.filter(user=member, organization=self.branch).exists()):
            raise NotADemo
        self.secretary = secretary
        self.member_account = member
        self.users[self.branch.secretary_id] = secretary
        self.users[member.member.pk] = member

    def person(self, member: Member):
        """The user who acts as member: their account, or a demo account that never logs in
        (unusable password), so members' own actions are done by the member."""
        if member.pk in self.users:
            return self.users[member.pk]
        user_model = get_user_model()
        if member.user_id is not None:
            user = user_model.objects.get(pk=member.user_id)
        else:
            user = user_model.objects.create(username=f"demo-{member.public_id}",
                                             first_name=member.name[:150],
                                             password=make_password(None))
            Member.objects.filter(pk=member.pk).update(user=user)
            member.user = user
            self.tally.actors += 1
        self.users[member.pk] = user
        return user

    def admin_of(self, organization: Organization):
        """The organization's secretary acting as its admin (granted the role if needed)."""
        secretary = Member.objects.get(pk=organization.secretary_id)
        user = self.person(secretary)
        if not RoleGrant.objects.filter(user=user, organization=organization,
                                        role=Role.ADMIN).exists():
            role_grant(actor=self.admin, user=user, organization=organization, role=Role.ADMIN)
            # A fresh object: the permission layer caches a user's grants on the instance.
            user = get_user_model().objects.get(pk=user.pk)
            self.users[secretary.pk] = user
        return user

    # ---- building blocks -------------------------------------------------------------

    def due(self, quarter: int | None) -> datetime.date | None:
        return None if quarter is None else self.dates.quarter_ends[quarter - 1]

    def item_fields(self, spec: ItemSpec) -> dict:
        return {"category": spec.category, "content": spec.content, "target": spec.target,
                "due_date": self.due(spec.due),
                "milestones": [(title, self.due(q)) for title, q in spec.milestones]}

    def with_post_duty(self, member: Member, specs, *, weak: bool = False) -> list[ItemSpec]:
        """A member without a post commits through their duty post: add its item."""
        specs = list(specs)
        if member.without_post and not any(s.category == "post_duty" for s in specs):
            name = member.post.name
            if weak:
                specs.append(texts.weak_post_duty(name))
            else:
                variants = texts.POST_DUTY_ITEMS[name]
                used = self.post_variants.get(name, 0)
                self.post_variants[name] = used + 1
                specs.append(variants[used % len(variants)])
        return specs

    def start(self, actor, items, **owner) -> Pledge:
        pledge = pledge_start(actor=actor, cycle=self.cycle, **owner)
        for spec in items:
            taken_up = [self.suggestions[spec.adopts].pk] if spec.adopts else []
            item = item_add(actor=actor, pledge=pledge, suggestions=taken_up,
                            **self.item_fields(spec))
            if spec.adopts:
                self.adopted[spec.adopts] = item
        self.tally.pledges += 1
        return pledge

    def rewrite(self, actor, pledge: Pledge, revisions: dict[int, ItemSpec]) -> None:
        version = Pledge.objects.select_related("current_version").get(
            pk=pledge.pk).current_version
        items = {item.position: item for item in version.items.all()}
        for position, spec in revisions.items():
            item_update(actor=actor, item=items[position], **self.item_fields(spec))

    def approve(self, actor, pledge: Pledge) -> None:
        leader = pledge.member is not None and pledge.member.holds_leadership_post
        pledge_review(actor=actor, pledge=pledge, decision=Decision.APPROVED,
                      criteria_met=Criterion.values, higher_standard_confirmed=leader)

    def send_back(self, actor, pledge: Pledge, guidance: str) -> None:
        pledge_review(actor=actor, pledge=pledge, decision=Decision.RETURNED, guidance=guidance)

    def publish(self, actor, pledge: Pledge, *, meeting: str, board: str,
                document: str = "") -> None:
        channels = [(Channel.MEETING, self.today, meeting),
                    (Channel.BULLETIN_BOARD, self.today, board)]
        if document:
            channels.append((Channel.DOCUMENT, self.today, document))
        pledge_publish(actor=actor, pledge=pledge, channels=channels)
        self.tally.published += 1

    def board(self, organization: Organization) -> str:
        return f"{SHOWCASE_COMMUNITY}党务公开栏（{organization.name}）"

    # ---- the half-year ---------------------------------------------------------------

    def run(self) -> Tally:
        self.cycle = cycle_open(actor=self.admin, organization=self.top,
                                year=self.dates.year, **self.dates.fields())
        self.committee_admin = self.admin_of(self.committee)
        self.collect_suggestions()
        self.organization_pledges()
        self.branch_members()
        self.retirees()
        self.residents()
        self.answer_suggestions()
        self.tally.states = {
            state: Pledge.objects.filter(cycle=self.cycle, state=state).count()
            for state in ("draft", "submitted", "returned", "approved")}
        # Published, including the one whose amendment is under review.
        self.tally.states["public"] = Pledge.objects.filter(
            cycle=self.cycle).for_board().count()
        return self.tally

    def collect_suggestions(self) -> None:
        """Residents leave suggestions on the public pages while solicitation is open."""
        anonymous = AnonymousUser()
        for organization, specs in ((self.branch, texts.BRANCH_SUGGESTIONS),
                                    (self.committee, texts.COMMITTEE_SUGGESTIONS)):
            for spec in specs:
                self.suggestions[spec.key] = suggestion_leave(
                    actor=anonymous, organization=organization, text=spec.text,
                    author_name=spec.author)
                self.tally.suggestions += 1

    def answer_suggestions(self) -> None:
        answerer = {self.branch.pk: self.secretary, self.committee.pk: self.committee_admin}
        for spec in (*texts.BRANCH_SUGGESTIONS, *texts.COMMITTEE_SUGGESTIONS):
            if spec.outcome == Outcome.PENDING:
                continue
            suggestion = self.suggestions[spec.key]
            suggestion_answer(actor=answerer[suggestion.organization_id], suggestion=suggestion,
                              outcome=spec.outcome, answer=spec.answer,
                              item=self.adopted.get(spec.key))

    def organization_pledges(self) -> None:
        """The committee's pledge, reviewed by the county (the township's superior), and
        the branch's, reviewed by the committee: both published."""
        committee = self.start(self.committee_admin, texts.COMMITTEE_ITEMS,
                               organization=self.committee)
        pledge_submit(actor=self.committee_admin, pledge=committee)
        self.approve(self.county_admin, committee)
        self.publish(self.committee_admin, committee,
                     meeting=f"{self.committee.name}扩大会议",
                     board=self.board(self.committee),
                     document=f"{SHOWCASE_COMMUNITY[:2]}社党〔{self.cycle.year}〕1号")

        branch = self.start(self.secretary, texts.BRANCH_ITEMS, organization=self.branch)
        pledge_submit(actor=self.secretary, pledge=branch)
        self.approve(self.committee_admin, branch)
        self.publish(self.secretary, branch, meeting=f"{self.branch.name}党员大会",
                     board=self.board(self.branch))

    def branch_members(self) -> None:
        """Every state in the demo accounts' branch, and one member with no pledge yet."""
        branch, secretary = self.branch, self.secretary
        meeting, board = f"{branch.name}党员大会", self.board(branch)
        members = list(branch.members.select_related("post", "user", "organization")
                       .order_by("pk"))
        own = next(m for m in members if m.pk == branch.secretary_id)
        account = next(m for m in members if m.user_id == self.member_account.pk)
        others = [m for m in members if m not in (own, account)]

        def take(*tests, leader=False):
            # Leaders commit to more items than the ordinary members' texts hold.
            for test in tests:
                for member in others:
                    if (test(member) and member.holds_leadership_post == leader
                            and (not member.without_post or member.post_id)):
                        others.remove(member)
                        return member
            return None

        # The secretary holds a leadership post: the higher minimum, confirmed by the
        # committee, which reviews what the branch's own admin submitted.
        pledge = self.start(secretary, self.with_post_duty(own, texts.SECRETARY_ITEMS),
                            member=own)
        pledge_submit(actor=secretary, pledge=pledge)
        self.approve(self.committee_admin, pledge)
        self.publish(secretary, pledge, meeting=meeting, board=board)

        # The demo member: a draft through their duty post, ready to submit in the browser.
        self.start(self.member_account, texts.MEMBER_ACCOUNT_ITEMS, member=account)

        oral = take(lambda m: m.may_pledge_orally)
        if oral is not None:  # recorded and submitted by the secretary, so the committee reviews
            pledge = self.start(secretary, self.with_post_duty(oral, texts.ORAL_ITEMS[0]),
                                member=oral, oral=True)
            pledge_submit(actor=secretary, pledge=pledge, note=texts.ORAL_NOTE)
            self.approve(self.committee_admin, pledge)
            self.publish(secretary, pledge, meeting=meeting, board=board)

        leader = take(lambda m: True, leader=True)
        if leader is not None:  # returned, revised, resubmitted: the review shows a diff
            actor = self.person(leader)
            pledge = self.start(actor, self.with_post_duty(leader, texts.LEADER_FIRST_ITEMS),
                                member=leader)
            pledge_submit(actor=actor, pledge=pledge)
            self.send_back(secretary, pledge, texts.LEADER_RETURN_GUIDANCE)
            pledge_revise(actor=actor, pledge=pledge)
            self.rewrite(actor, pledge, texts.LEADER_REVISIONS)
            pledge_submit(actor=actor, pledge=pledge, note=texts.LEADER_RESUBMIT_NOTE)

        amended = take(lambda m: not m.without_post, lambda m: True)
        if amended is not None:  # published; the amendment waits for review
            actor = self.person(amended)
            pledge = self.start(actor, self.with_post_duty(amended, texts.PUBLISHED_ITEMS),
                                member=amended)
            pledge_submit(actor=actor, pledge=pledge)
            self.approve(secretary, pledge)
            self.publish(secretary, pledge, meeting=meeting, board=board)
            pledge_amend(actor=actor, pledge=pledge, reason=texts.AMENDMENT_REASON)
            self.rewrite(actor, pledge, texts.AMENDMENT_REVISIONS)
            pledge_submit(actor=actor, pledge=pledge, note=texts.AMENDMENT_REASON)

        weak = take(lambda m: m.without_post, lambda m: True)
        if weak is not None:  # waiting for review; the advisor flags a copy and a slogan
            actor = self.person(weak)
            pledge = self.start(actor, self.with_post_duty(weak, texts.WEAK_ITEMS),
                                member=weak)
            pledge_submit(actor=actor, pledge=pledge)

        returned = take(lambda m: True)
        if returned is not None:  # returned with guidance, not yet revised
            actor = self.person(returned)
            pledge = self.start(actor, self.with_post_duty(returned, texts.RETURNED_ITEMS,
                                                           weak=True), member=returned)
            pledge_submit(actor=actor, pledge=pledge)
            guidance = texts.RETURNED_GUIDANCE
            if returned.without_post:
                guidance = texts.RETURNED_GUIDANCE_POST + guidance
            self.send_back(secretary, pledge, guidance)
        # Whoever is left in `others` has not started a pledge: "missing" on the overview.

    def retirees(self) -> None:
        """Oral pledges in the retirees' branch, recorded by its secretary: one published,
        one waiting for the committee; the branch's other members have none yet."""
        siblings = self.committee.children.filter(kind=Kind.BRANCH).exclude(
            pk=self.branch.pk).order_by("path")
        branch = next((b for b in siblings if any(m in b.name for m in RETIREE_MARKERS)), None)
        if branch is None or branch.secretary_id is None:
            return
        elderly = [m for m in branch.members.select_related("post").order_by("pk")
                   if m.may_pledge_orally and not m.holds_leadership_post
                   and (not m.without_post or m.post_id)][:2]
        if not elderly:
            return
        secretary = self.admin_of(branch)
        for number, member in enumerate(elderly, start=1):
            items = self.with_post_duty(member, texts.ORAL_ITEMS[number % len(texts.ORAL_ITEMS)])
            pledge = self.start(secretary, items, member=member, oral=True)
            pledge_submit(actor=secretary, pledge=pledge, note=texts.ORAL_NOTE)
            if number == 1:
                self.approve(self.committee_admin, pledge)
                self.publish(secretary, pledge, meeting=f"{branch.name}党员大会",
                             board=self.board(branch))

    def residents(self) -> None:
        """In-service members who live in the community: a work pledge at their unit and a
        residence pledge reviewed and published by the community committee."""
        candidates = (Member.objects.filter(residence_organization=self.committee,
                                            in_service=True, holds_leadership_post=False,
                                            without_post=False)
                      .select_related("organization").order_by("organization__path", "pk"))
        chosen, units = [], set()
        for member in candidates:
            unit = member.organization
            if unit.pk in units or unit.secretary_id in (None, member.pk):
                continue
            units.add(unit.pk)
            chosen.append(member)
            if len(chosen) == len(texts.WORK_ITEMS):
                break
        community = self.committee
        for number, member in enumerate(chosen):
            actor, unit = self.person(member), member.organization
            unit_admin = self.admin_of(unit)
            work = self.start(actor, texts.WORK_ITEMS[number], member=member)
            home = self.start(actor, texts.RESIDENCE_ITEMS[number], member=member,
                              scope=Scope.RESIDENCE)
            pledge_submit(actor=actor, pledge=work)
            pledge_submit(actor=actor, pledge=home)
            if number == 1:
                continue  # both waiting: in the unit's queue and in the community's
            self.approve(unit_admin, work)
            self.publish(unit_admin, work, meeting=f"{unit.name}党员大会",
                         board=f"{unit.name}党务公开栏")
            self.approve(self.committee_admin, home)
            if number == 0:  # the other one is approved, waiting for the community to publish
                self.publish(self.committee_admin, home, meeting=f"{community.name}扩大会议",
                             board=self.board(community))
