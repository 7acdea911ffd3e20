from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    PENDING = "pending", _("Awaiting an answer")
    ADOPTED = "adopted", _("Adopted into a commitment")
    COVERED = "covered", _("Already covered")
    DECLINED = "declined", _("Not adopted")


class Suggestion(models.Model):
    """What the public or a member asks an organization to commit to (征求群众意见建议).

    Left before commitments are made (guideline part 三, step 1); every suggestion gets a
    public answer. The contact is for the organization only and never shown.
    """

    organization = models.ForeignKey("organizations.Organization", on_delete=models.CASCADE,
                                     related_name="suggestions",
                                     verbose_name=_("organization"))
    cycle = models.ForeignKey("cycles.Cycle", on_delete=models.CASCADE,
                              related_name="suggestions", verbose_name=_("cycle"))
    text = models.TextField(_("suggestion"), max_length=500)
    author_name = models.CharField(_("your name (optional)"), max_length=30, blank=True)
    contact = models.CharField(_("contact (optional, not published)"), max_length=60,
                               blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    outcome = models.CharField(_("answer"), max_length=10, choices=Outcome.choices,
                               default=Outcome.PENDING)
    answer = models.TextField(_("answer"), max_length=1000, blank=True)
    item = models.ForeignKey("pledges.PledgeItem", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+",
                             verbose_name=_("commitment item"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    # Abuse, personal data or advertising is kept from the public board, openly: the board
    # says a suggestion was withheld and why, so nothing disappears silently.
    withheld_reason = models.CharField(_("reason for not publishing"), max_length=200,
                                       blank=True)
    withheld_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    withheld_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization", "-created_at", "pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.CheckConstraint(condition=Q(outcome="adopted") | Q(item__isnull=True),
                                   name="suggestion_item_only_when_adopted"),
            models.CheckConstraint(condition=~Q(outcome="adopted") | Q(item__isnull=False),
                                   name="suggestion_adopted_names_item"),
        ]
        indexes = [models.Index(fields=["organization", "cycle", "outcome"])]

    def __str__(self) -> str:
        return self.text[:40]

    @property
    def is_withheld(self) -> bool:
        return bool(self.withheld_reason)
