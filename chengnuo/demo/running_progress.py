"""履诺 in the demo's running year: who reports what on which day, item by item."""

import datetime
from dataclasses import dataclass

from django.db import models

from chengnuo.progress.schedule import expected_percent

from .fulfilment_texts import (
    BEHIND_NARRATIVE,
    MILESTONE_NARRATIVE,
    PROGRESS_NARRATIVES,
)
from .running_clock import on


@dataclass(frozen=True)
class Step:
    """One progress report to make on `day`."""

    day: datetime.date
    item_pk: int
    percent: int
    milestone_pk: int | None = None
    narrative: str = ""


class ProgressSteps:
    """The progress part of demo.fulfilment.RunningYear."""

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
