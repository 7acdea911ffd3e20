"""The human check and rate limit in front of every form the public may post.

The check is a small sum whose numbers travel in a signed, time-limited token
(django.core.signing), so the form needs no session and the page it sits on stays
cacheable; the token names what it was issued for, so a token from one organization's or
member's form is useless on another's. A hidden honeypot field catches the simplest bots,
which fill every field they see. The rate limit counts every attempt per client address
and target in the shared cache, so guessing the sum is throttled too.

A public form's view takes one attempt with submit_checked() and answers with
render_public_form(); the template shows the fields with "layout/_human_check.html".
"""

import secrets

from django import forms
from django.core import signing
from django.core.cache import cache
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chengnuo.accounts.client_address import client_address
from chengnuo.layout.forms import apply_errors

CHECK_MAX_AGE = 30 * 60  # seconds to answer the question before it expires
CHECK_FIELDS = ("answer", "token", "website")

# What one attempt at a public form came to (submit_checked).
LIMITED, REFUSED, THANKS = "limited", "refused", "thanks"


def new_challenge(salt: str, subject) -> tuple[str, int, int]:
    """A fresh question for the form salted with salt about subject: (token, a, b)."""
    a, b = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    return signing.dumps({"a": a, "b": b, "o": subject}, salt=salt), a, b


def _question(a: int, b: int) -> str:
    return _("Human check: how much is %(a)s plus %(b)s?") % {"a": a, "b": b}


class HumanCheckForm(forms.Form):
    """A form base that asks the sum last, after the form's own fields.

    A subclass sets check_salt and passes check_subject (the primary key of what the
    form is about); clean() refuses a filled honeypot, a forged, expired or foreign token
    and a wrong sum.
    """

    check_salt = ""

    answer = forms.IntegerField(label=gettext_lazy("Human check"))
    token = forms.CharField(widget=forms.HiddenInput)
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by naive bots.
    website = forms.CharField(required=False, label=gettext_lazy("Leave this field empty"),
                              widget=forms.TextInput(attrs={"tabindex": "-1",
                                                            "autocomplete": "off"}))

    def __init__(self, *args, check_subject, **kwargs):
        super().__init__(*args, **kwargs)
        self.check_subject = check_subject
        for name in CHECK_FIELDS:  # the form's own fields first, the check at the end
            self.fields[name] = self.fields.pop(name)
        if not self.is_bound:
            token, a, b = new_challenge(self.check_salt, check_subject)
            self.initial["token"] = token
            self.fields["answer"].label = _question(a, b)

    def ask_again(self) -> None:
        """A fresh question after a failed attempt; the rest of what was typed stays."""
        token, a, b = new_challenge(self.check_salt, self.check_subject)
        data = self.data.copy()
        data["token"], data["answer"] = token, ""
        self.data = data
        self.fields["answer"].label = _question(a, b)

    def clean(self):
        cleaned = super().clean()
        if self.data.get("website"):
            raise forms.ValidationError(_("The form could not be accepted."))
        try:
            challenge = signing.loads(self.data.get("token", ""), salt=self.check_salt,
                                      max_age=CHECK_MAX_AGE)
        except signing.SignatureExpired:
            raise forms.ValidationError(
                _("The question has expired. Please answer the new question.")) from None
        except signing.BadSignature:
            raise forms.ValidationError(
                _("The form could not be accepted. Please answer the new question.")) from None
        if challenge.get("o") != self.check_subject:
            raise forms.ValidationError(_("The form could not be accepted."))
        answer = cleaned.get("answer")
        if answer is not None and answer != challenge["a"] + challenge["b"]:
            self.add_error("answer", _("That is not the right sum. Please try the new "
                                       "question."))
        return cleaned


def over_limit(request, scope: str, *, limit: int, window: int) -> bool:
    """Count this attempt at scope (e.g. "suggestions:rate:<organization pk>") from the
    request's client; True once it has tried more than limit times in window seconds."""
    key = f"{scope}:{client_address(request) or 'unknown'}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit


def submit_checked(request, form, *, scope: str, limit: int, window: int, submit) -> str:
    """One attempt at a public form: counted at scope (see over_limit) before anything
    else, then, if the form and its human check are valid, its cleaned data handed to
    submit, the view's service call; a ValidationError from it lands on the form.

    THANKS when it went through; otherwise LIMITED or REFUSED, and the form asks a fresh
    question while keeping the rest of what was typed.
    """
    if over_limit(request, scope, limit=limit, window=window):
        outcome = LIMITED
    elif not form.is_valid():
        outcome = REFUSED
    else:
        try:
            submit(form.cleaned_data)
        except forms.ValidationError as error:
            apply_errors(form, error)
            outcome = REFUSED
        else:
            return THANKS
    form.ask_again()
    return outcome


def render_public_form(request, context, *, fragment: str, page: str, status: int = 200):
    """The form alone (template fragment) when htmx loads it into a cached public page,
    else the form on a page of its own, for a browser without JavaScript. The answer
    varies on HX-Request, so no cache serves the one for the other."""
    template = fragment if request.headers.get("HX-Request") == "true" else page
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
