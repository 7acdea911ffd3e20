"""Forms of the pledge pages. They only parse input; every rule is checked by the services,
whose errors are put back beside the fields (layout.forms.apply_errors)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chengnuo.layout.forms import BootstrapMixin

from .categories import categories_for
from .models import Channel, Criterion, Decision, Scope

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Enough rows for a quarterly schedule; an item with more milestones shows them all plus one.
MILESTONE_ROWS = 4


class StartForm(forms.Form):
    """Start a pledge: cycle, one owner (member pk or organization slug), scope, oral."""

    cycle = forms.IntegerField()
    member = forms.IntegerField(required=False)
    organization = forms.SlugField(required=False, allow_unicode=True)
    scope = forms.ChoiceField(choices=Scope.choices, required=False)
    oral = forms.BooleanField(required=False)
    next = forms.CharField(required=False)

    def clean(self):
        data = super().clean()
        if bool(data.get("member")) == bool(data.get("organization")):
            raise forms.ValidationError(_("Choose either a member or an organization."))
        data["scope"] = data.get("scope") or Scope.WORK
        return data


class ItemForm(BootstrapMixin, forms.Form):
    category = forms.ChoiceField(label=_("Category"))
    content = forms.CharField(label=_("What I commit to do"), max_length=500,
                              widget=forms.Textarea(attrs={"rows": 3}))
    target = forms.CharField(label=_("Measurable target"), max_length=200, required=False,
                             help_text=_("A number, a frequency or a date: how anyone can "
                                         "tell it was done."))
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)
    suggestions = forms.MultipleChoiceField(
        label=_("Suggestions taken up"), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))

    def __init__(self, *args, pledge, suggestions=(), item=None, **kwargs):
        bound = (args and args[0] is not None) or kwargs.get("data") is not None
        if item is not None and not bound:
            kwargs["initial"] = {
                "category": item.category, "content": item.content, "target": item.target,
                "due_date": item.due_date,
                "suggestions": [str(s.pk) for s in item.suggestions.all()],
            }
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = categories_for(
            is_member=pledge.is_member_pledge, in_use=pledge.cycle.categories)
        self.fields["suggestions"].choices = [(str(s.pk), s.text) for s in suggestions]
        existing = list(item.milestones.all()) if item is not None else []
        self.milestone_rows = max(MILESTONE_ROWS, len(existing) + 1)
        for row in range(self.milestone_rows):
            title = forms.CharField(label=_("Milestone"), max_length=120, required=False)
            when = forms.DateField(label=_("Milestone date"), required=False, widget=DATE)
            if row < len(existing):
                title.initial, when.initial = existing[row].title, existing[row].due_date
            self.fields[f"milestone_{row}_title"] = title
            self.fields[f"milestone_{row}_date"] = when
            title.widget.attrs["class"] = when.widget.attrs["class"] = "form-control"
            title.widget.attrs["placeholder"] = _("What is done by this date")
        self.fields["suggestions"].widget.attrs["class"] = "form-check-input"

    def milestone_fields(self):
        return [(self[f"milestone_{row}_title"], self[f"milestone_{row}_date"])
                for row in range(self.milestone_rows)]

    def item_fields(self):
        return [self["category"], self["content"], self["target"], self["due_date"]]

    def service_fields(self) -> dict:
        data = self.cleaned_data
        milestones = []
        for row in range(self.milestone_rows):
            title = data.get(f"milestone_{row}_title") or ""
            when = data.get(f"milestone_{row}_date")
            # A half-filled row goes to the service, which says what is missing.
            if title.strip() or when:
                milestones.append((title, when))
        return {"category": data["category"], "content": data["content"],
                "target": data.get("target") or "", "due_date": data.get("due_date"),
                "milestones": milestones,
                "suggestions": [int(pk) for pk in data.get("suggestions") or []]}


class SubmitForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label=_("Note to the reviewer (optional)"), max_length=1000,
                           required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices)
    criteria_met = forms.MultipleChoiceField(
        label=_("The five criteria"), choices=Criterion.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    higher_standard_confirmed = forms.BooleanField(
        label=_("I confirm this pledge meets the higher standard for a leadership post"),
        required=False)
    guidance = forms.CharField(
        label=_("Guidance for the owner"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when returning: say what should change."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criteria_met"].widget.attrs["class"] = "form-check-input"


class PublishForm(BootstrapMixin, forms.Form):
    """One checkbox per channel (会议, 文件, 党务公开栏, …) with its date and reference."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        for value, label in Channel.choices:
            self.fields[f"{value}_used"] = forms.BooleanField(label=label, required=False)
            self.fields[f"{value}_date"] = forms.DateField(
                label=_("Date"), required=False, initial=today, widget=DATE)
            self.fields[f"{value}_reference"] = forms.CharField(
                label=_("Reference"), max_length=200, required=False)
        for field in self.fields.values():
            if isinstance(field.widget, forms.CheckboxInput):
                field.widget.attrs["class"] = "form-check-input"
            else:
                field.widget.attrs["class"] = "form-control"

    def channel_rows(self):
        return [(value, self[f"{value}_used"], self[f"{value}_date"],
                 self[f"{value}_reference"]) for value in Channel.values]

    def channels(self) -> list:
        data = self.cleaned_data
        return [(value, data.get(f"{value}_date"), data.get(f"{value}_reference") or "")
                for value in Channel.values if data.get(f"{value}_used")]


class PublicationForm(BootstrapMixin, forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    date = forms.DateField(label=_("Date"), widget=DATE)
    reference = forms.CharField(label=_("Reference"), max_length=200, required=False)


class AmendForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Why the published pledge must change"),
                             max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))


class ExtendForm(BootstrapMixin, forms.Form):
    until = forms.DateField(label=_("Extend until"), widget=DATE)
    reason = forms.CharField(label=_("Reason"), max_length=300)
