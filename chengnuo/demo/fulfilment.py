"""The running year of the demo (履诺 · 督诺): a cycle two quarters into its fulfilment.

The year is played through the same services a browser uses, each on the day it would
have happened: the clock is moved (time-machine) to the day of each step, so timestamps,
the ledger, the deadline rules and the overdue sweep all see a consistent past. First the
commitments are made exactly as in the half-year of `demo.commitments`, then what was still
waiting at the deadline is decided, then two quarters are lived: members report progress
with photos, deeds are reported and verified, quarterly reviews are filed (one is missing),
the sweep finds what is late, and the county issues a criticism with rectification orders.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import time_machine
from django.db import models

from chengnuo.organizations import tree
from chengnuo.progress.schedule import expected_percent

from . import pledge_texts as texts
from .commitments import QUARTER_ENDS, CycleDates
from .fulfilment_texts import (
    ACCEPT_RESULT,
    BEHIND_NARRATIVE,
    COMMENDATION_BODY,
    COMMENDATION_TITLE,
    COMMENT_WORDS,
    CORRECTION_REASON,
    CRITICISM_BODY,
    CRITICISM_TITLE,
    DEED_ADDENDUM,
    DISMISS_REASON,
    DISMISSED_DEED,
    MEMBER_ANSWER,
    MEMBER_DEEDS,
    MEMBER_ORDER,
    MILESTONE_NARRATIVE,
    NOT_COMMITTED_WORDS,
    ORGANIZATION_DEED,
    ORGANIZATION_ORDER,
    PROGRESS_NARRATIVES,
    PUBLIC_DEEDS,
    QUARTER_SUMMARIES,
    STAR_CITATION,
    STAR_LIST_TITLE,
)
from .photos import demo_photo

DEADLINE_BEFORE_FIRST_QUARTER_ENDS = datetime.timedelta(days=51)
SOLICITATION_DAYS = 21 + 30  # as in the half-year: opened 30 days before, 21 days left
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _quarter_ends_before(day: datetime.date) -> list[datetime.date]:
    """Calendar quarter ends on or before day, latest first (the last eight)."""
    ends = []
    for year in (day.year, day.year - 1, day.year - 2):
        for month, last in reversed(QUARTER_ENDS):
            end = datetime.date(year, month, last)
            if end <= day:
                ends.append(end)
    return ends[:8]


def running_year_dates(today: datetime.date) -> CycleDates:
    """Dates of a cycle whose second quarter ended at least a month before today.

    The first two quarters are calendar quarters that lie wholly in the past, the third is
    the one in progress (or just ended), the fourth follows. The commitment deadline fell
    51 days before the first quarter ended, and solicitation opened 51 days before that,
    as in the half-year of the year being committed to now. The year is the year of the
    second quarter's end, as there.
    """
    second, first = _quarter_ends_before(today - datetime.timedelta(days=30))[:2]
    ends = [first, second]
    while len(ends) < 4:
        after = ends[-1] + datetime.timedelta(days=1)
        ends.append(next(datetime.date(after.year, m, d) for m, d in QUARTER_ENDS
                         if datetime.date(after.year, m, d) >= after))
    deadline = first - DEADLINE_BEFORE_FIRST_QUARTER_ENDS
    return CycleDates(year=second.year,
                      solicitation_opens=deadline - datetime.timedelta(days=SOLICITATION_DAYS),
                      commitment_deadline=deadline, quarter_ends=tuple(ends))


@contextmanager
def on(day: datetime.date, hour: int = 9):
    """Run the block as if it were day, hour o'clock in Shanghai; the clock ticks on."""
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI)
    with time_machine.travel(moment, tick=True):
        yield


def commitment_day(dates: CycleDates) -> datetime.date:
    """The day the half-year of commitments is played for this cycle: 21 days before its
    deadline, 30 days into solicitation (see demo.commitments.cycle_dates)."""
    return dates.commitment_deadline - datetime.timedelta(days=21)




@dataclass
class YearTally:
    year: int = 0
    quarters: int = 0  # quarters that have ended
    reports: int = 0
    photos: int = 0
    deeds: int = 0
    reviews: int = 0
    overdue: int = 0
    notices: int = 0
    orders: int = 0


@dataclass(frozen=True)
class Step:
    """One progress report to make on `day`."""

    day: datetime.date
    item_pk: int
    percent: int
    milestone_pk: int | None = None
    narrative: str = ""


class RunningYear:
    """Plays the running year on top of a half-year seeder run for its dates (see
    demo.commitments.CommitmentSeeder: its cycle, actors and helpers are reused)."""

    def __init__(self, seeder):
        self.seeder = seeder
        self.cycle = seeder.cycle
        self.dates = seeder.dates
        self.quarters = {n: (first, last) for n, first, last in self.cycle.quarters()}
        self.tally = YearTally(year=self.cycle.year)
        self.photo_number = 0
        self.behind: set[int] = set()

    def play(self, today: datetime.date) -> YearTally:
        deadline = self.dates.commitment_deadline
        with on(deadline - datetime.timedelta(days=2)):
            self.settle()
        # The first two quarters always lie in the past; seeded within a month after a
        # quarter ends, the third has ended too and is supervised like them.
        ended = [n for n, (_first, last) in self.quarters.items() if last < today]
        self.tally.quarters = len(ended)
        for number in ended:
            last = self.quarters[number][1]
            self.report_progress(until=last, quarter=number)
            if number <= 2:
                self.deeds(number)
            with on(last + datetime.timedelta(days=1), hour=1):
                self.sweep(last + datetime.timedelta(days=1))
            self.review_quarter(number)
            if number <= 2:
                self.stars(number)
            if number == 2:
                self.criticize(last + datetime.timedelta(days=10), today)
        current = next((n for n in self.quarters if n not in ended), None)
        if current is not None:
            # The quarter in progress: members keep reporting until a few days ago.
            self.report_progress(until=today - datetime.timedelta(days=3), quarter=current)
        with on(today, hour=1):
            self.sweep(today)
        from chengnuo.supervision.models import OverdueRecord

        self.tally.overdue = OverdueRecord.objects.filter(
            cycle=self.cycle, resolved_on=None, organization__in=self.showcase()).count()
        return self.tally

    # ---- who ------------------------------------------------------------------------

    def showcase(self) -> list:
        """The organizations the story plays in: the community committee and its branches."""
        from chengnuo.organizations.models import Organization

        committee = self.seeder.committee
        return list(Organization.objects.filter(tree.subtree_q(committee.path, "path")))

    def reviewer_for(self, pledge):
        """The reviewing organization's admin, unless they submitted or own it; then the
        county admin, whose review role covers the whole county."""
        from chengnuo.pledges import access

        user = self.seeder.admin_of(pledge.reviewing_organization)
        if access.reviews_own_work(user, pledge) or access.is_owner(user, pledge):
            return self.seeder.county_admin
        return user

    def reporter_for(self, pledge):
        """Who reports progress: the member on their own pledge; the secretary on an oral
        pledge and on the organization's own."""
        if pledge.member_id and not pledge.published_version.is_oral:
            return self.seeder.person(pledge.member)
        return self.seeder.admin_of(pledge.organization)

    def photo(self):
        self.photo_number += 1
        self.tally.photos += 1
        return demo_photo(self.photo_number)

    # ---- the deadline ---------------------------------------------------------------

    def settle(self) -> None:
        """Two days before the deadline the demo member submits their draft; then every
        submission still waiting is decided (a vague one is sent back) and what was
        approved is published. Other drafts and returned pledges stay as they are: the
        blank spots a superior sees."""
        from chengnuo.pledges.models import Pledge, State
        from chengnuo.pledges.services import pledge_submit

        account = self.seeder.member_account
        own = Pledge.objects.filter(cycle=self.cycle, member__user=account,
                                    state=State.DRAFT).first()
        if own is not None:
            pledge_submit(actor=account, pledge=own)
        waiting = (Pledge.objects.filter(cycle=self.cycle,
                                         state__in=[State.SUBMITTED, State.APPROVED])
                   .select_related("organization", "reviewing_organization", "member",
                                   "current_version")
                   .order_by("pk"))
        for pledge in waiting:
            if pledge.state == State.SUBMITTED:
                if pledge.current_version.items.filter(
                        models.Q(due_date=None) | models.Q(target="")).exists():
                    # Vague items without a date or target are sent back, not approved.
                    self.seeder.send_back(self.reviewer_for(pledge), pledge,
                                          texts.RETURNED_GUIDANCE)
                    continue
                self.seeder.approve(self.reviewer_for(pledge), pledge)
            self.seeder.publish(self.seeder.admin_of(pledge.organization), pledge,
                                meeting=f"{pledge.organization.name}党员大会",
                                board=f"{pledge.organization.name}党务公开栏")

    # ---- 履诺 -------------------------------------------------------------------------

    def published_items(self):
        from chengnuo.pledges.models import PledgeItem

        return list(PledgeItem.objects.filter(
            version__pledge__cycle=self.cycle,
            version__pledge__published_version=models.F("version"))
            .select_related("version__pledge__member", "version__pledge__organization",
                            "version")
            .prefetch_related("milestones").order_by("version__pledge_id", "position"))

    def plan(self, item, number: int, *, quarter: int, until: datetime.date) -> list[Step]:
        """The reports on item during quarter, up to until. Most items keep the even pace and reach
        their milestones a week early; every fifth falls behind and misses them, every
        seventh reports nothing at all; items due within the quarter are finished on time
        unless they fall behind."""
        first, last = self.quarters[quarter]
        last = min(last, until)
        published = self.dates.commitment_deadline - datetime.timedelta(days=2)
        start = max(first, published + datetime.timedelta(days=1))
        due = item.due_date or self.cycle.ends
        behind = item.pk in self.behind or number % 5 == 4
        if number % 7 == 6 and item.pk not in self.behind:
            return []  # nothing reported at all
        steps = []
        for milestone in item.milestones.all():
            if not behind and start <= milestone.due_date <= last:
                day = max(start, milestone.due_date - datetime.timedelta(days=7))
                steps.append(Step(day, item.pk, 0, milestone.pk,
                                  MILESTONE_NARRATIVE.format(title=milestone.title)))
        middle = max(start, last - datetime.timedelta(days=20))
        if middle >= start and not any(abs((s.day - middle).days) < 10 for s in steps):
            steps.append(Step(middle, item.pk, 0))
        if not behind and start <= due <= last:
            steps.append(Step(max(start, due - datetime.timedelta(days=3)), item.pk, 100))
        steps.sort(key=lambda s: s.day)
        paced = []
        for step in steps:
            percent = step.percent or expected_percent(started_on=published, due_on=due,
                                                       on=step.day)
            if behind:
                percent = max(5, percent // 3)
            percent = min(100 if step.percent == 100 else 95, max(5, 5 * round(percent / 5)))
            paced.append(Step(step.day, step.item_pk, percent, step.milestone_pk,
                              step.narrative or self.narrative(percent, behind)))
        return paced

    def falling_behind(self, items) -> set[int]:
        """Besides every fifth item: the branch's own first item with a step due in the
        first two quarters, one such item of a branch member other than the demo accounts
        (so the county has something of each kind to criticize), and the first item due
        within those quarters (so one item, not only a milestone, is past due)."""
        branch, second_ends = self.seeder.branch, self.quarters[2][1]
        own_account = self.seeder.member_account.pk

        def early(item):
            return (any(m.due_date <= second_ends for m in item.milestones.all())
                    or (item.due_date is not None and item.due_date <= second_ends))

        chosen = set()
        organization_item = next((i for i in items if i.version.pledge.owner_organization_id
                                  == branch.pk and early(i)), None)
        member_item = next((i for i in items if i.version.pledge.member_id
                            and i.version.pledge.member.organization_id == branch.pk
                            and i.version.pledge.member_id != branch.secretary_id
                            and i.version.pledge.member.user_id != own_account
                            and not i.version.is_oral and early(i)), None)
        # And the first item due within them, left unfinished past its due date.
        due_item = next((i for i in items if i.due_date is not None
                         and i.due_date <= second_ends
                         and i.version.pledge.member_id != branch.secretary_id
                         and (i.version.pledge.member is None
                              or i.version.pledge.member.user_id != own_account)), None)
        for item in (organization_item, member_item, due_item):
            if item is not None:
                chosen.add(item.pk)
        return chosen

    def narrative(self, percent: int, behind: bool) -> str:
        if behind:
            return BEHIND_NARRATIVE
        return next(text for limit, text in PROGRESS_NARRATIVES if percent <= limit)

    def report_progress(self, *, until: datetime.date, quarter: int) -> None:
        from chengnuo.pledges.models import Milestone, PledgeItem
        from chengnuo.progress.services import progress_report

        items = self.published_items()
        if quarter == 1:
            self.behind = self.falling_behind(items)
        steps = [step for number, item in enumerate(items)
                 for step in self.plan(item, number, quarter=quarter, until=until)]
        by_pk = {item.pk: item for item in items}
        for day in sorted({s.day for s in steps if s.day <= until}):
            with on(day, hour=19):
                for step in (s for s in steps if s.day == day):
                    item = PledgeItem.objects.get(pk=step.item_pk)
                    if step.percent < item.percent:
                        continue  # never backwards: a milestone reached behind the pace
                    pledge = by_pk[step.item_pk].version.pledge
                    uploads = [self.photo()] if (self.tally.reports % 3 == 0
                                                 or step.percent == 100) else []
                    milestone = (Milestone.objects.get(pk=step.milestone_pk)
                                 if step.milestone_pk else None)
                    progress_report(actor=self.reporter_for(pledge), item=item,
                                    reported_on=day, percent=step.percent,
                                    narrative=step.narrative, milestone=milestone,
                                    uploads=uploads)
                    self.tally.reports += 1

    # ---- 闪光言行 ----------------------------------------------------------------------

    def branch_members(self) -> list:
        return list(self.seeder.branch.members.select_related("user").order_by("pk"))

    def deeds(self, quarter: int) -> None:
        """Members, the secretary and residents report deeds in the quarter; the secretary
        verifies them a few days later, dismisses one that is no deed, and leaves the last
        resident's report of the second quarter waiting in the queue."""
        from chengnuo.deeds.services import (
            deed_dismiss,
            deed_report,
            deed_report_public,
            deed_verify,
        )

        first, last = self.quarters[quarter]
        members = [m for m in self.branch_members() if m.pk != self.seeder.branch.secretary_id]
        secretary = self.seeder.secretary
        day = last - datetime.timedelta(days=40)
        reported = []
        with on(day, hour=20):
            text = MEMBER_DEEDS[quarter % len(MEMBER_DEEDS)]
            reporter = self.seeder.person(members[0])
            reported.append(deed_report(actor=reporter, member=members[1], occurred_on=day,
                                        description=text, uploads=[self.photo()]))
            if quarter == 1:
                reported.append(deed_report(actor=secretary, member=members[2],
                                            occurred_on=day, description=ORGANIZATION_DEED))
        with on(day + datetime.timedelta(days=3), hour=21):
            text, name, contact = PUBLIC_DEEDS[quarter - 1]
            public = deed_report_public(member=members[(3 + quarter) % len(members)],
                                        occurred_on=day,
                                        description=text, reporter_name=name,
                                        reporter_contact=contact)
            if quarter == 1:
                reported.append(public)
            else:
                self.waiting_deed = public
            if quarter == 2:
                text, name = DISMISSED_DEED
                dismissed = deed_report_public(member=members[1], occurred_on=day,
                                               description=text, reporter_name=name)
        with on(day + datetime.timedelta(days=7), hour=10):
            for deed in reported:
                deed_verify(actor=secretary, deed=deed)
            if quarter == 2:
                deed_dismiss(actor=secretary, deed=dismissed, reason=DISMISS_REASON)
        self.tally.deeds += len(reported) + (2 if quarter == 2 else 0)

    def stars(self, quarter: int) -> None:
        """The branch names the quarter's star from a verified deed; after the first
        quarter the county lists the stars of its subtree and commends them."""
        from chengnuo.deeds.models import Deed, DeedState
        from chengnuo.deeds.services import star_list_publish, star_name
        from chengnuo.notices.models import Kind
        from chengnuo.notices.services import notice_issue

        first, last = self.quarters[quarter]
        deed = (Deed.objects.filter(organization=self.seeder.branch, state=DeedState.VERIFIED,
                                    occurred_on__range=(first, last))
                .select_related("member").order_by("occurred_on", "pk").first())
        if deed is None:
            return
        with on(last + datetime.timedelta(days=6), hour=11):
            star = star_name(actor=self.seeder.secretary, organization=self.seeder.branch,
                             cycle=self.cycle, quarter=quarter, member=deed.member, deed=deed,
                             citation=STAR_CITATION.format(name=deed.member.name,
                                                           deed=deed.description))
        if quarter != 1:
            return
        county = self.seeder.committee.parent.parent
        with on(last + datetime.timedelta(days=12), hour=15):
            star_list_publish(actor=self.seeder.county_admin, organization=county,
                              year=self.cycle.year, quarter=quarter,
                              title=STAR_LIST_TITLE.format(county=county.name,
                                                           year=self.cycle.year,
                                                           quarter=quarter),
                              stars=[star])
            notice_issue(actor=self.seeder.county_admin, issuer=county,
                         kind=Kind.COMMENDATION,
                         title=COMMENDATION_TITLE.format(year=self.cycle.year, quarter=quarter),
                         body=COMMENDATION_BODY.format(names=deed.member.name),
                         members=[deed.member])
            self.tally.notices += 1

    # ---- 督诺 -------------------------------------------------------------------------

    def sweep(self, day: datetime.date) -> None:
        from chengnuo.supervision.sweep import sweep_overdue

        sweep_overdue(today=day)

    def comments(self, organization, facts_by_member: dict) -> dict:
        """A rating and words for every member, from how their items stand; a member with
        nothing published is told to commit."""
        from chengnuo.pledges.models import Pledge

        committed = set(Pledge.objects.filter(cycle=self.cycle, member__organization=organization)
                        .exclude(published_version=None).values_list("member_id", flat=True))
        comments = {}
        for member in organization.members.order_by("pk"):
            if member.pk not in committed:
                comments[member.pk] = ("average", NOT_COMMITTED_WORDS)
                continue
            overdue = facts_by_member.get(member.pk, 0)
            rating = ("poor" if overdue >= 2 else "average" if overdue == 1
                      else "good" if member.pk % 2 else "fairly_good")
            comments[member.pk] = (rating, COMMENT_WORDS[rating])
        return comments

    def member_with_deed(self, organization, quarter: int) -> int | None:
        from chengnuo.deeds.models import Deed, DeedState

        first, last = self.quarters[quarter]
        return (Deed.objects.filter(organization=organization, state=DeedState.VERIFIED,
                                    occurred_on__range=(first, last))
                .order_by("occurred_on", "pk").values_list("member_id", flat=True).first())

    def overdue_by_member(self, organization) -> dict:
        from django.db.models import Count

        from chengnuo.supervision.models import OverdueRecord

        rows = (OverdueRecord.objects.filter(cycle=self.cycle, organization=organization,
                                             resolved_on=None, member__isnull=False)
                .values("member").annotate(n=Count("pk")))
        return {row["member"]: row["n"] for row in rows}

    def review_quarter(self, quarter: int) -> None:
        """The branch files both quarters (and corrects the first); the committee files
        both; the retirees' branch files the first and misses the second."""
        from chengnuo.supervision.services import quarterly_review_correct, quarterly_review_file

        last = self.quarters[quarter][1]
        filers = [(self.seeder.branch, self.seeder.secretary),
                  (self.seeder.committee, self.seeder.committee_admin)]
        retirees = self.retirees_branch()
        if retirees is not None and quarter == 1:
            filers.append((retirees, self.seeder.admin_of(retirees)))
        for number, (organization, actor) in enumerate(filers):
            with on(last + datetime.timedelta(days=4 + number), hour=16):
                review = quarterly_review_file(
                    actor=actor, organization=organization, cycle=self.cycle,
                    quarter=quarter, summary=QUARTER_SUMMARIES[quarter],
                    comments=self.comments(organization, self.overdue_by_member(organization)))
                self.tally.reviews += 1
            if quarter == 1 and organization == self.seeder.branch:
                with on(last + datetime.timedelta(days=9), hour=10):
                    comments = self.comments(organization, self.overdue_by_member(organization))
                    # The correction adds a verified deed the first version left out.
                    noted = self.member_with_deed(organization, quarter)
                    if noted in comments:
                        rating, words = comments[noted]
                        comments[noted] = (rating, words + DEED_ADDENDUM)
                    quarterly_review_correct(actor=actor, review=review,
                                             summary=QUARTER_SUMMARIES[quarter],
                                             comments=comments, reason=CORRECTION_REASON)

    def retirees_branch(self):
        from chengnuo.organizations.models import Kind

        from .units import RETIREE_MARKERS

        siblings = self.seeder.committee.children.filter(kind=Kind.BRANCH).exclude(
            pk=self.seeder.branch.pk).order_by("path")
        branch = next((b for b in siblings if any(m in b.name for m in RETIREE_MARKERS)), None)
        return branch if branch is not None and branch.secretary_id else None

    # ---- 通报 and 限期整改 ---------------------------------------------------------------

    def criticize(self, day: datetime.date, today: datetime.date) -> None:
        """The county criticizes the branch for what is overdue: the branch's own item and a
        member's. The member answers in time and the county accepts (closed); the branch's
        order is still open today, for the demo secretary to answer."""
        from chengnuo.notices.models import Kind
        from chengnuo.notices.services import (
            notice_issue,
            rectification_accept,
            rectification_answer,
        )
        from chengnuo.supervision.models import OverdueRecord

        branch = self.seeder.branch
        open_records = (OverdueRecord.objects.filter(cycle=self.cycle, resolved_on=None,
                                                     organization=branch)
                        .select_related("member__user").order_by("pk"))
        own = next((r for r in open_records if r.member_id is None
                    and r.kind in ("item", "milestone")), None)
        member_record = next((r for r in open_records if r.member_id is not None
                              and r.member.user_id != self.seeder.member_account.pk
                              and r.member_id != branch.secretary_id), None)
        if own is None or member_record is None:
            return
        member = member_record.member
        county = self.seeder.committee.parent.parent
        with on(day, hour=10):
            notice = notice_issue(
                actor=self.seeder.county_admin, issuer=county, kind=Kind.CRITICISM,
                title=CRITICISM_TITLE.format(name=branch.name),
                body=CRITICISM_BODY.format(name=branch.name),
                organizations=[branch], members=[member], records=[own, member_record],
                rectifications=[
                    (branch, ORGANIZATION_ORDER, today + datetime.timedelta(days=14)),
                    (member, MEMBER_ORDER, day + datetime.timedelta(days=20))])
            self.tally.notices += 1
            self.tally.orders += 2
        order = notice.rectifications.get(member=member)
        with on(day + datetime.timedelta(days=12), hour=20):
            item = published_copy(member_record)
            if item is not None:
                from chengnuo.progress.services import progress_report

                progress_report(actor=self.seeder.person(member), item=item,
                                reported_on=day + datetime.timedelta(days=12), percent=100,
                                narrative=PROGRESS_NARRATIVES[-1][1], uploads=[self.photo()])
                self.tally.reports += 1
            rectification_answer(actor=self.seeder.person(member), rectification=order,
                                 text=MEMBER_ANSWER, uploads=[self.photo()])
        with on(day + datetime.timedelta(days=14), hour=9):
            rectification_accept(actor=self.seeder.county_admin, rectification=order,
                                 result=ACCEPT_RESULT)


def published_copy(record):
    """The item of the published version that an overdue record (on an item or one of
    its milestones, perhaps of an earlier version) is about."""
    from chengnuo.pledges.models import PledgeItem

    item = record.item or (record.milestone.item if record.milestone_id else None)
    if item is None:
        return None
    return (PledgeItem.objects.filter(key=item.key,
                                      version__pledge__published_version=models.F("version"))
            .first())


def play_running_year(today: datetime.date) -> YearTally:
    """Open the running year's cycle and play it up to today (see the module docstring).
    Raises demo.commitments.NotADemo outside the demo province."""
    from dataclasses import replace

    from .commitments import CommitmentSeeder, cycle_dates

    dates = running_year_dates(today)
    next_year = cycle_dates(today).year
    day = commitment_day(dates)
    with on(day):
        seeder = CommitmentSeeder(today=day)
        if seeder.dates.year >= next_year:
            # Seeded from May to July the running year's second quarter ends in the year
            # being committed to: the running one takes the year before as its name.
            seeder.dates = replace(seeder.dates, year=next_year - 1)
        seeder.run()
    return RunningYear(seeder).play(today)
