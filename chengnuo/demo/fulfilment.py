"""The running year of the demo (履诺 · 督诺): a cycle two quarters into its fulfilment (three
when the seed runs within a month after the third ended).

The year is played through the same services a browser uses, each on the day it would
have happened: the clock is moved (time-machine) to the day of each step, so timestamps,
the ledger, the deadline rules and the overdue sweep all see a consistent past. First the
commitments are made exactly as in the half-year of `demo.commitments`, then what was still
waiting at the deadline is decided, then two quarters are lived: members report progress
with photos, deeds are reported and verified, quarterly reviews are filed (one is missing),
the sweep finds what is late, and the county issues a criticism with rectification orders.

The steps live beside this module: running_clock (dates and the moved clock),
running_progress (履诺) and running_supervision (闪光言行, 督诺, 通报, 限期整改).
"""


import datetime
from dataclasses import dataclass

from django.db import models

from chengnuo.organizations import tree

from . import pledge_texts as texts
from .photos import demo_photo
from .running_clock import commitment_day, on, running_year_dates
from .running_progress import ProgressSteps
from .running_supervision import SupervisionSteps


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


class RunningYear(ProgressSteps, SupervisionSteps):
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
