"""The progress report form. It only parses input; the rules are the service's, whose
errors are put back beside the fields."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chengnuo.evidence.forms import EvidenceFilesField
from chengnuo.layout.forms import BootstrapMixin
from chengnuo.pledges.models import Milestone

from .schedule import Status


class ProgressForm(BootstrapMixin, forms.Form):
    reported_on = forms.DateField(
        label=_("Date of the progress"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    percent = forms.IntegerField(
        label=_("Percent done"), min_value=0, max_value=100,
        widget=forms.NumberInput(attrs={"step": 1, "inputmode": "numeric"}))
    milestone = forms.ModelChoiceField(
        label=_("Milestone reached"), queryset=Milestone.objects.none(), required=False,
        empty_label=_("No milestone reached with this report"))
    narrative = forms.CharField(
        label=_("What was done"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Concretely: what, when, for whom. Correcting an earlier report? Say "
                    "so here; reports are never changed afterwards."))
    evidence = EvidenceFilesField()

    def __init__(self, *args, item, **kwargs):
        kwargs.setdefault("initial", {"reported_on": timezone.localdate(),
                                      "percent": item.percent})
        super().__init__(*args, **kwargs)
        self.fields["percent"].widget.attrs["min"] = item.percent
        self.fields["percent"].help_text = _(
            "A whole number from %(current)s (done so far) to 100; 100 marks the item "
            "done.") % {"current": item.percent}
        self.fields["milestone"].queryset = item.milestones.filter(
            reached_on=None).order_by("due_date", "pk")
        self.fields["milestone"].label_from_instance = (
            lambda m: f"{m.due_date:%Y-%m-%d} {m.title}")


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *Status.choices])
    year = forms.IntegerField(required=False, widget=forms.HiddenInput)
