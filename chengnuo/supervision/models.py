from django.db import models
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
        indexes = [models.Index(fields=["organization", "resolved_on"])]

    def __str__(self) -> str:
        return self.description
