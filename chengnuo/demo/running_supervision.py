"""闪光言行, 督诺, 通报 and 限期整改 in the demo's running year."""

import datetime

from .fulfilment_texts import (
    ACCEPT_RESULT,
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
    NOT_COMMITTED_WORDS,
    ORGANIZATION_DEED,
    ORGANIZATION_ORDER,
    PROGRESS_NARRATIVES,
    PUBLIC_DEEDS,
    QUARTER_SUMMARIES,
    STAR_CITATION,
    STAR_LIST_TITLE,
)
from .running_clock import on


class SupervisionSteps:
    """The deeds, quarterly reviews, sweeps and notices of demo.fulfilment.RunningYear."""

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
                        .select_related("member__user", "item", "milestone__item").order_by("pk"))
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
            # The record may name an earlier copy of the item (or one of its milestones):
            # progress_report lands on the published copy with the same key.
            item = member_record.item or (member_record.milestone.item
                                          if member_record.milestone_id else None)
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
