from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    MEMBER = "member", _("A member")
    ORGANIZATION = "organization", _("The organization")
    PUBLIC = "public", _("The public")


class DeedState(models.TextChoices):
    REPORTED = "reported", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    DISMISSED = "dismissed", _("Dismissed")


class Deed(models.Model):
    """A good word or deed of a member (闪光言行), reported by a member, the organization or
    the public, and verified or dismissed by the member's organization. Only verified deeds
    reach the member's public page."""

    member = models.ForeignKey("members.Member", on_delete=models.CASCADE,
                               related_name="deeds", verbose_name=_("member"))
    # The member's organization when reported: who verifies, and whose subtree sees it.
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="deeds")
    cycle = models.ForeignKey("cycles.Cycle", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="deeds")
    occurred_on = models.DateField(_("date"))
    description = models.TextField(_("what happened"), max_length=2000)
    source = models.CharField(_("reported by"), max_length=12, choices=Source.choices)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    reporter_name = models.CharField(_("your name"), max_length=40, blank=True)
    reporter_contact = models.CharField(_("contact"), max_length=60, blank=True)
    evidence = models.ManyToManyField("evidence.Evidence", blank=True, related_name="deeds",
                                      verbose_name=_("evidence"))
    state = models.CharField(_("state"), max_length=10, choices=DeedState.choices,
                             default=DeedState.REPORTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("shining deed")
        verbose_name_plural = _("shining deeds")
        indexes = [models.Index(fields=["organization", "state"]),
                   models.Index(fields=["member", "state"])]

    def __str__(self) -> str:
        return self.description[:40]
