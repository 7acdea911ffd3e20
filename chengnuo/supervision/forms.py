"""The quarterly review form: the summary, then per member a rating and words. It only
parses input; the service checks every rule and its errors land beside the fields
(layout.forms.apply_errors), which are named rating_<member id> and words_<member id>."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .facts import QuarterFacts
from .hints import facts_sentence, suggested_rating
from .models import Rating


class QuarterlyReviewForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of how the commitments went this quarter"), required=False,
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control",
                                     "maxlength": 5000}))

    def __init__(self, *args, facts: QuarterFacts, previous=None, **kwargs):
        # With a previous version filed, the form corrects it: prefilled, and with a reason.
        super().__init__(*args, **kwargs)
        before = {c.member_id: c for c in previous.comments.all()} if previous else {}
        if previous is not None:
            self.fields["summary"].initial = previous.summary
        self.rows = []
        for row in facts.members:
            rating, words = f"rating_{row.member_id}", f"words_{row.member_id}"
            earlier = before.get(row.member_id)
            self.fields[rating] = forms.ChoiceField(
                label=_("Rating"), choices=Rating.choices, required=False,
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                initial=earlier.rating if earlier else None)
            self.fields[words] = forms.CharField(
                label=_("Comment"), required=False,
                initial=earlier.words if earlier else facts_sentence(row.facts),
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control",
                                             "maxlength": 1000}))
            self.rows.append({"member": row, "hint": facts_sentence(row.facts),
                              "suggested": suggested_rating(row.facts),
                              "rating_name": rating, "words_name": words})
        if previous is not None:
            self.fields["reason"] = forms.CharField(
                label=_("Why this correction"), required=False, max_length=500,
                widget=forms.TextInput(attrs={"class": "form-control", "maxlength": 500}))

    def bound_rows(self):
        for row in self.rows:
            yield {**row, "rating": self[row["rating_name"]], "words": self[row["words_name"]]}

    def comments(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {row["member"].member_id: (data.get(row["rating_name"]) or "",
                                          data.get(row["words_name"]) or "")
                for row in self.rows}
