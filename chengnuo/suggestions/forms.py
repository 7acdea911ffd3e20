"""The public suggestion form with its human check, and the secretary's answer form.

The human check is a small sum whose numbers travel in a signed, time-limited token
(django.core.signing), so the public form needs no session; a hidden honeypot field
catches the simplest bots, which fill every field they see.
"""

import secrets

from django import forms
from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chengnuo.layout.forms import BootstrapMixin

from .models import Outcome
from .services import TEXT_LIMIT

CHECK_SALT = "chengnuo.suggestions.human-check"
CHECK_MAX_AGE = 30 * 60  # seconds to answer the question before it expires


def new_challenge(organization_pk: int) -> tuple[str, int, int]:
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    token = signing.dumps({"a": a, "b": b, "o": organization_pk}, salt=CHECK_SALT)
    return token, a, b


class SuggestionForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=gettext_lazy("Your suggestion"), min_length=5,
                           max_length=TEXT_LIMIT,
                           widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=gettext_lazy("What should this organization do for the "
                                                  "people this year? Up to 500 characters."))
    author_name = forms.CharField(label=gettext_lazy("Your name (optional)"), max_length=30,
                                  required=False)
    contact = forms.CharField(label=gettext_lazy("Contact (optional, never published)"),
                              max_length=60, required=False)
    answer = forms.IntegerField(label=gettext_lazy("Human check"))
    token = forms.CharField(widget=forms.HiddenInput)
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    website = forms.CharField(required=False, label=gettext_lazy("Leave this field empty"),
                              widget=forms.TextInput(attrs={"tabindex": "-1",
                                                            "autocomplete": "off"}))

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        if not self.is_bound:
            self._ask()

    def _ask(self) -> None:
        token, a, b = new_challenge(self.organization.pk)
        self.initial["token"] = token
        self.fields["answer"].label = _("Human check: how much is %(a)s plus %(b)s?") % {
            "a": a, "b": b}

    def ask_again(self) -> None:
        """A fresh question after a failed attempt; the rest of what was typed stays."""
        token, a, b = new_challenge(self.organization.pk)
        data = self.data.copy()
        data["token"], data["answer"] = token, ""
        self.data = data
        self.fields["answer"].label = _("Human check: how much is %(a)s plus %(b)s?") % {
            "a": a, "b": b}

    def clean(self):
        cleaned = super().clean()
        if self.data.get("website"):
            raise forms.ValidationError(_("The form could not be accepted."))
        token = self.data.get("token", "")
        try:
            challenge = signing.loads(token, salt=CHECK_SALT, max_age=CHECK_MAX_AGE)
        except signing.SignatureExpired:
            raise forms.ValidationError(
                _("The question has expired. Please answer the new question.")) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form could not be accepted. Please answer the new question.")) from None
        if challenge.get("o") != self.organization.pk:
            raise forms.ValidationError(_("The form could not be accepted."))
        answer = cleaned.get("answer")
        if answer is not None and answer != challenge["a"] + challenge["b"]:
            self.add_error("answer", _("That is not the right sum. Please try the new "
                                       "question."))
        return cleaned


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
