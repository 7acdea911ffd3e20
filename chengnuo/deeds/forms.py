"""The deed forms: a member's or the organization's report (with evidence), the public
report (human check, words only), the decision on a report, naming a star and choosing
a regional list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from chengnuo.evidence.forms import EvidenceFilesField
from chengnuo.layout.forms import BootstrapMixin
from chengnuo.layout.human_check import HumanCheckForm

from .services import CITATION_LIMIT, DESCRIPTION_LIMIT

CHECK_SALT = "chengnuo.deeds.human-check"


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReportForm(BootstrapMixin, forms.Form):
    member = forms.TypedChoiceField(label=_("Member"), coerce=int)
    occurred_on = forms.DateField(label=_("Date of the deed"), widget=_date_widget())
    description = forms.CharField(
        label=_("What did the member do?"), max_length=DESCRIPTION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who was helped, where, what came of it. Up to 1000 characters."))
    uploads = EvidenceFilesField()

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.name) for m in members]


class PublicReportForm(BootstrapMixin, HumanCheckForm):
    check_salt = CHECK_SALT

    occurred_on = forms.DateField(label=_("Date of the deed"), widget=_date_widget())
    description = forms.CharField(
        label=_("What did the member do?"), min_length=10, max_length=DESCRIPTION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Who was helped, where, what came of it. Up to 1000 characters."))
    reporter_name = forms.CharField(label=_("Your name"), max_length=40)
    reporter_contact = forms.CharField(label=_("Contact (optional, never published)"),
                                       max_length=60, required=False)

    def __init__(self, *args, member, **kwargs):
        self.member = member
        super().__init__(*args, check_subject=member.pk, **kwargs)


class StarForm(BootstrapMixin, forms.Form):
    citation = forms.CharField(
        label=_("Citation (shown in public)"), max_length=CITATION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 2}))
