import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    IMAGE = "image", _("Photo")
    DOCUMENT = "document", _("Document")


class Evidence(models.Model):
    """One uploaded photo or document backing a progress report, a deed or a rectification
    answer. Stored through Django's storage API; what was accepted is known from the
    content, never from the name the uploader gave it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/", max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    # Pixel size of a stored image, so pages reserve its space before it loads.
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    original_name = models.CharField(_("original name"), max_length=200, blank=True)
    # Set by the service that attaches it to something the public sees (progress of a
    # published pledge); everything else is served only to those who reach its owner.
    public = models.BooleanField(_("public"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.original_name or str(self.pk)
