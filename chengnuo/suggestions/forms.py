"""The public suggestion form with its human check, and the secretary's answer form.

The human check and honeypot come from chengnuo.layout.human_check: a signed,
time-limited sum, so the public form needs no session.
"""

from django import forms
from django.utils.translation import gettext_lazy

from chengnuo.layout import human_check
from chengnuo.layout.forms import BootstrapMixin

from .models import Outcome
from .services import TEXT_LIMIT

CHECK_SALT = "chengnuo.suggestions.human-check"


def new_challenge(organization_pk: int) -> tuple[str, int, int]:
    return human_check.new_challenge(CHECK_SALT, organization_pk)


class SuggestionForm(BootstrapMixin, human_check.HumanCheckForm):
    check_salt = CHECK_SALT

    text = forms.CharField(label=gettext_lazy("Your suggestion"), min_length=5,
                           max_length=TEXT_LIMIT,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=gettext_lazy("What should this organization do for the "
                                                  "people this year? Up to 500 characters."))
    author_name = forms.CharField(label=gettext_lazy("Your name (optional)"), max_length=30,
                                  required=False)
    contact = forms.CharField(label=gettext_lazy("Contact (optional, never published)"),
                              max_length=60, required=False)

    def __init__(self, *args, organization, **kwargs):
        self.organization = organization
        super().__init__(*args, check_subject=organization.pk, **kwargs)


class AnswerForm(BootstrapMixin, forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Answer"),
        choices=[(value, label) for value, label in Outcome.choices
                 if value != Outcome.PENDING])
    item = forms.TypedChoiceField(label=gettext_lazy("Adopted into item"), coerce=int,
                                  required=False, empty_value=None)
    answer = forms.CharField(label=gettext_lazy("Public answer"), max_length=1000,
                             required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=gettext_lazy("Required when not adopting: give the "
                                                    "reason."))

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [("", "—"), *items]
