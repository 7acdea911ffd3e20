from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class OverdueKind(models.TextChoices):
    ITEM = "item", _("Commitment item past its due date")
    MILESTONE = "milestone", _("Milestone past its date")
    QUARTERLY_REVIEW = "quarterly_review", _("Quarterly review not filed")
    RECTIFICATION = "rectification", _("Rectification past its deadline")


class OverdueRecord(models.Model):
    """One thing found late by the overdue sweep. `subject_key` names it uniquely (the
    item's stable key, the organization and quarter, …), so sweeping twice records and
    notifies nothing more. Resolved when the late thing is done."""

    kind = models.CharField(_("kind"), max_length=16, choices=OverdueKind.choices)
    subject_key = models.CharField(max_length=120, unique=True)
    # Whose responsibility it is: the owner's organization, for subtree queries by path.
    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     related_name="overdue_records",
                                     verbose_name=_("organization"))
    member = models.ForeignKey("members.Member", null=True, blank=True,
                               on_delete=models.CASCADE, related_name="overdue_records",
                               verbose_name=_("member"))
    cycle = models.ForeignKey("cycles.Cycle", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="overdue_records")
    item = models.ForeignKey("pledges.PledgeItem", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="overdue_records")
    milestone = models.ForeignKey("pledges.Milestone", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="overdue_records")
    quarter = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.CharField(_("what is late"), max_length=300)
    due_on = models.DateField(_("was due"))
    detected_on = models.DateField(_("found late on"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    class Meta:
        ordering = ["-detected_on", "pk"]
        verbose_name = _("overdue record")
        verbose_name_plural = _("overdue records")
        indexes = [models.Index(fields=["organization", "resolved_on"]),
                   # The sweep resolves open records kind by kind.
                   models.Index(fields=["kind", "resolved_on"])]

    def __str__(self) -> str:
        return self.description


class Rating(models.TextChoices):
    """The organization's rating of a member's fulfilment in a quarter (点评)."""

    GOOD = "good", _("Good")
    FAIRLY_GOOD = "fairly_good", _("Fairly good")
    AVERAGE = "average", _("Average")
    POOR = "poor", _("Poor")


class QuarterlyReview(models.Model):
    """One filing of an organization's quarterly supervision (督诺): the summary of how its
    commitments are going (梳理总结) and a comment on each member (点评), guideline part 三,
    step 5. A filed review is never edited: a correction is a new version that supersedes
    it, and every version stays visible. `facts` keeps what the page showed at filing."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="quarterly_reviews",
                                     verbose_name=_("organization"))
    cycle = models.ForeignKey("cycles.Cycle", on_delete=models.PROTECT,
                              related_name="quarterly_reviews", verbose_name=_("cycle"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    number = models.PositiveSmallIntegerField(_("version"), default=1)
    summary = models.TextField(_("summary of the quarter"), max_length=5000)
    facts = models.JSONField(_("facts at filing"), default=dict)
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    correction_reason = models.CharField(_("reason for the correction"), max_length=500,
                                         blank=True)
    supersedes = models.OneToOneField("self", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="superseded_by",
                                      verbose_name=_("corrects version"))

    class Meta:
        ordering = ["organization", "cycle", "quarter", "number"]
        verbose_name = _("quarterly review")
        verbose_name_plural = _("quarterly reviews")
        constraints = [
            models.UniqueConstraint(fields=["organization", "cycle", "quarter", "number"],
                                    name="quarterly_review_one_per_version"),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4),
                                   name="quarterly_review_quarter_1_to_4"),
            # The first filing corrects nothing; every later one names what it corrects
            # and why.
            models.CheckConstraint(
                condition=(Q(number=1) & Q(supersedes__isnull=True) & Q(correction_reason=""))
                | (Q(number__gt=1) & Q(supersedes__isnull=False)
                   & ~Q(correction_reason="")),
                name="quarterly_review_correction_has_reason"),
        ]

    def __str__(self) -> str:
        return gettext("%(organization)s, %(year)s quarter %(quarter)s") % {
            "organization": self.organization, "year": self.cycle.year,
            "quarter": self.quarter}

    @property
    def subject_key(self) -> str:
        """The key of the overdue record for this quarter's missing review."""
        return review_subject_key(self.organization_id, self.cycle_id, self.quarter)


def review_subject_key(organization_id: int, cycle_id: int, quarter: int) -> str:
    return f"review:{organization_id}:{cycle_id}:{quarter}"


class MemberComment(models.Model):
    """The organization's comment on one member's fulfilment in one filed review."""

    review = models.ForeignKey(QuarterlyReview, on_delete=models.CASCADE,
                               related_name="comments")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT,
                               related_name="quarterly_comments", verbose_name=_("member"))
    rating = models.CharField(_("rating"), max_length=12, choices=Rating.choices)
    words = models.TextField(_("comment"), max_length=1000)

    class Meta:
        ordering = ["review", "member__name", "pk"]
        verbose_name = _("comment on a member")
        verbose_name_plural = _("comments on members")
        constraints = [
            models.UniqueConstraint(fields=["review", "member"],
                                    name="member_comment_one_per_review"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}: {self.get_rating_display()}"
