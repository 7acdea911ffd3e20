from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ProgressReport(models.Model):
    """Progress on one commitment item against its schedule (履诺进展), with evidence.

    Reports stay attached to the item of the published version; when an amendment is
    published they move to its copy of the item (same `key`)."""

    item = models.ForeignKey("pledges.PledgeItem", on_delete=models.CASCADE,
                             related_name="progress_reports", verbose_name=_("item"))
    pledge = models.ForeignKey("pledges.Pledge", on_delete=models.CASCADE,
                               related_name="progress_reports")
    reported_on = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(_("percent done"))
    milestone = models.ForeignKey("pledges.Milestone", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="reports",
                                  verbose_name=_("milestone reached"))
    narrative = models.TextField(_("what was done"), max_length=2000)
    evidence = models.ManyToManyField("evidence.Evidence", blank=True,
                                      related_name="progress_reports",
                                      verbose_name=_("evidence"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    # A secretary reporting for an organization's item or an oral pledge's member.
    on_behalf = models.BooleanField(_("reported on the owner's behalf"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Progress is public: every report is appended to the ledger, its fingerprint shown.
    ledger_entry = models.ForeignKey("ledger.LedgerEntry", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["item", "reported_on", "pk"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100),
                                   name="progress_percent_at_most_100"),
        ]
        indexes = [models.Index(fields=["pledge", "reported_on"])]

    def __str__(self) -> str:
        return f"{self.item} {self.percent}%"
