from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .errors import RosterInvalid
from .readers import CSV, XLSX, sniff_format

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
_EXTENSIONS = {".xlsx": XLSX, ".csv": CSV}


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Roster file"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file, at most 5 MB."),
        widget=forms.FileInput(attrs={
            "class": "form-control",
            "accept": ".xlsx,.csv,application/vnd.openxmlformats-officedocument."
                      "spreadsheetml.sheet,text/csv"}))

    def clean_file(self) -> bytes:
        """The file's bytes, once its size, name and content agree it is a roster file."""
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 5 MB. Split the roster into "
                                    "several files and import them one after another."))
        name = upload.name.lower()
        expected = next((kind for ext, kind in _EXTENSIONS.items() if name.endswith(ext)),
                        None)
        data = upload.read()
        try:
            found = sniff_format(data)
        except RosterInvalid as invalid:
            raise ValidationError(invalid.errors[0].reason) from None
        if expected is None:
            raise ValidationError(_("Only an Excel workbook (.xlsx) or a CSV file (.csv) can "
                                    "be imported."))
        if found != expected:
            # Judged by content, not by name: a renamed file would fail later, less clearly.
            raise ValidationError(
                _("The file is named .xlsx but is not an Excel workbook.") if expected == XLSX
                else _("The file is named .csv but is an Excel workbook; upload the .xlsx "
                       "file under its own name."))
        return data
