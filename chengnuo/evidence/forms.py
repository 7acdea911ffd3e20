"""The evidence field the progress, deed and rectification forms share."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import uploads


def _limits_help() -> str:
    return gettext(
        "Photos (JPEG, PNG, WebP) or documents (PDF, Word .docx, Excel .xlsx): at most "
        "%(count)s files, each up to %(size)s MB. Location and camera details are removed "
        "from photos.") % {"count": uploads.max_files(),
                           "size": uploads.max_bytes() // uploads.MB}


# Form classes are built at import time; the help text is translated when shown.
limits_help = lazy(_limits_help, str)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class EvidenceFilesField(forms.FileField):
    """Several photos or documents in one file input; cleans to a list of UploadedFile.

    Only the count is checked here, to answer early; the content is checked by the
    service (evidence_store_many), which every caller goes through anyway.
    """

    widget = MultipleFileInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Photos or documents"))
        kwargs.setdefault("help_text", limits_help())
        super().__init__(**kwargs)
        self.widget.attrs["accept"] = uploads.ACCEPT

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(files) > uploads.max_files():
            raise ValidationError(_("At most %(limit)s files can be uploaded at once."),
                                  code="too_many", params={"limit": uploads.max_files()})
        single = forms.FileField(required=False, max_length=self.max_length)
        return [cleaned for f in files if (cleaned := single.clean(f)) is not None]
