from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EmailState(models.TextChoices):
    NONE = "none", _("No email address")
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    RETRY = "retry", _("Sending failed, will retry")
    FAILED = "failed", _("Sending failed")


class Notification(models.Model):
    """One message in a user's inbox, linking to the thing to act on. Email is a copy of
    it, sent after the transaction that created it commits."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=300)
    # Lets a periodic job notify about the same thing once however often it runs.
    dedupe_key = models.CharField(max_length=160, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_state = models.CharField(_("email"), max_length=8, choices=EmailState.choices,
                                   default=EmailState.NONE)
    email_attempts = models.PositiveSmallIntegerField(default=0)
    email_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"],
                                    condition=~Q(dedupe_key=""),
                                    name="notification_once_per_key"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_state"]),
        ]

    def __str__(self) -> str:
        return self.title
