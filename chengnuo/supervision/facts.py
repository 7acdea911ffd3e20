"""The facts of a quarter (督诺): what each member and the organization committed to, what
fell due, what was done, late, at risk, reported and recognized. The page lays them out so
the secretary writes judgement, not bookkeeping, and the filed review keeps a copy.

Four queries whatever the number of members: the members, the published items (with their
schedule in SQL), the progress reports and the verified deeds, both grouped by owner.
"""

import datetime
from dataclasses import asdict, dataclass, field, fields

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone

from chengnuo.deeds.models import Deed, DeedState
from chengnuo.members.models import Member
from chengnuo.pledges.models import Milestone, PledgeItem, PledgeVersion
from chengnuo.progress.models import ProgressReport
from chengnuo.progress.schedule import Status, status_of


@dataclass
class Facts:
    """Counts for one owner (or the total) in one quarter."""

    items: int = 0  # published items this cycle
    due: int = 0  # falling due within the quarter
    done: int = 0  # done within the quarter
    done_late: int = 0  # of those, done after their due date
    overdue: int = 0  # overdue today (a due date or a milestone passed, not done)
    at_risk: int = 0  # at risk today
    percent_sum: int = 0  # for the average percent done
    milestones_reached: int = 0  # within the quarter
    reports: int = 0  # progress reports within the quarter
    evidence: int = 0  # photos and documents attached to those reports
    deeds: int = 0  # verified shining deeds that happened within the quarter

    @property
    def percent(self) -> int:
        """The average percent done over the published items."""
        return round(self.percent_sum / self.items) if self.items else 0

    def add(self, other: "Facts") -> None:
        for name in (f.name for f in fields(self)):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def as_json(self) -> dict:
        return {**asdict(self), "percent": self.percent}

    @classmethod
    def from_json(cls, data: dict) -> "Facts":
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass
class MemberFacts:
    member_id: int
    name: str
    facts: Facts


@dataclass
class QuarterFacts:
    quarter: int
    first: datetime.date
    last: datetime.date
    today: datetime.date
    members: list[MemberFacts] = field(default_factory=list)
    own: Facts = field(default_factory=Facts)
    totals: Facts = field(default_factory=Facts)

    def as_json(self) -> dict:
        """The snapshot kept with a filed review."""
        return {
            "quarter": self.quarter, "first": self.first.isoformat(),
            "last": self.last.isoformat(), "today": self.today.isoformat(),
            "members": [{"id": row.member_id, "name": row.name, **row.facts.as_json()}
                        for row in self.members],
            "own": self.own.as_json(), "totals": self.totals.as_json(),
        }

    @classmethod
    def from_json(cls, data: dict) -> "QuarterFacts":
        return cls(
            quarter=data["quarter"], first=datetime.date.fromisoformat(data["first"]),
            last=datetime.date.fromisoformat(data["last"]),
            today=datetime.date.fromisoformat(data["today"]),
            members=[MemberFacts(member_id=row["id"], name=row["name"],
                                 facts=Facts.from_json(row)) for row in data["members"]],
            own=Facts.from_json(data["own"]), totals=Facts.from_json(data["totals"]))

    def for_member(self, member_id: int) -> Facts | None:
        return next((row.facts for row in self.members if row.member_id == member_id), None)


def quarter_members(organization):
    """The members a quarterly review comments on: every member of the organization."""
    return Member.objects.filter(organization=organization).order_by("name", "pk")


def published_items(cycle, organization):
    """The items of the published pledges in cycle of the organization itself and of its
    members (a member's residence pledge included: the comment is on the whole member)."""
    return PledgeItem.objects.filter(
        version__pledge__cycle=cycle,
        version_id=F("version__pledge__published_version_id"),
    ).filter(Q(version__pledge__member__organization=organization)
             | Q(version__pledge__owner_organization=organization))


def quarter_facts(organization, cycle, quarter: int,
                  today: datetime.date | None = None) -> QuarterFacts:
    """The facts of organization's quarter in cycle, judged on today."""
    today = today or timezone.localdate()
    first, last = cycle.quarter_bounds(quarter)
    result = QuarterFacts(quarter=quarter, first=first, last=last, today=today)
    members = list(quarter_members(organization).values_list("pk", "name"))
    by_member = {pk: Facts() for pk, _name in members}
    result.members = [MemberFacts(member_id=pk, name=name, facts=by_member[pk])
                      for pk, name in members]

    def facts_of(member_id):
        if member_id is None:
            return result.own
        # A member who has moved away since keeps no row here.
        return by_member.get(member_id)

    for row in _item_rows(cycle, organization, today, first, last):
        facts = facts_of(row["member_id"])
        if facts is not None:
            _count_item(facts, row, cycle=cycle, today=today, first=first, last=last)
    reports = (ProgressReport.objects
               .filter(pledge__cycle=cycle, reported_on__range=(first, last))
               .filter(Q(pledge__member__organization=organization)
                       | Q(pledge__owner_organization=organization))
               .values("pledge__member_id").order_by()
               .annotate(reports=Count("pk", distinct=True),
                         evidence=Count("evidence", distinct=True)))
    for row in reports:
        facts = facts_of(row["pledge__member_id"])
        if facts is not None:
            facts.reports, facts.evidence = row["reports"], row["evidence"]
    deeds = (Deed.objects
             .filter(member__organization=organization, state=DeedState.VERIFIED,
                     occurred_on__range=(first, last))
             .values("member_id").order_by().annotate(n=Count("pk")))
    for row in deeds:
        by_member[row["member_id"]].deeds = row["n"]
    result.totals.add(result.own)
    for row in result.members:
        result.totals.add(row.facts)
    return result


def _item_rows(cycle, organization, today, first, last):
    """One row per published item with what its status depends on, computed in SQL."""
    next_milestone = (Milestone.objects.filter(item=OuterRef("pk"), reached_on=None)
                      .order_by("due_date").values("due_date")[:1])
    first_published = (PledgeVersion.objects
                       .filter(pledge=OuterRef("version__pledge"), published_at__isnull=False)
                       .order_by("published_at").values("published_at")[:1])
    return (published_items(cycle, organization)
            .annotate(member_id=F("version__pledge__member_id"),
                      next_milestone_on=Subquery(next_milestone),
                      first_published_at=Subquery(first_published),
                      reached=Count("milestones", filter=Q(
                          milestones__reached_on__range=(first, last))))
            .values("member_id", "due_date", "done_on", "percent", "next_milestone_on",
                    "first_published_at", "reached")
            .order_by())


def _count_item(facts: Facts, row: dict, *, cycle, today, first, last) -> None:
    due_on = row["due_date"] or cycle.ends
    started = row["first_published_at"]
    started = timezone.localdate(started) if started else cycle.solicitation_opens
    status = status_of(percent=row["percent"], done_on=row["done_on"], due_on=due_on,
                       next_milestone_on=row["next_milestone_on"], started_on=started,
                       today=today)
    done_on = row["done_on"]
    facts.items += 1
    facts.percent_sum += 100 if done_on else row["percent"]
    facts.due += first <= due_on <= last
    if done_on is not None and first <= done_on <= last:
        facts.done += 1
        facts.done_late += done_on > due_on
    facts.overdue += status == Status.OVERDUE
    facts.at_risk += status == Status.AT_RISK
    facts.milestones_reached += row["reached"]
