"""Forms of the notice pages. They only parse input; the services check every rule and
their errors are put back on the form (layout.forms.apply_errors)."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from chengnuo.evidence.forms import EvidenceFilesField
from chengnuo.layout.forms import BootstrapMixin
from chengnuo.members.models import Member
from chengnuo.organizations.models import Organization

from .models import Kind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def target_value(target) -> str:
    kind = "member" if isinstance(target, Member) else "organization"
    return f"{kind}-{target.pk}"


def parse_targets(values) -> tuple[list[int], list[int]]:
    """(organization ids, member ids) from posted target values; anything else is dropped."""
    organizations, members = [], []
    for value in values:
        kind, _sep, pk = str(value).partition("-")
        if pk.isdigit():
            {"organization": organizations, "member": members}.get(kind, []).append(int(pk))
    return organizations, members


@dataclass
class TargetRow:
    target: Organization | Member
    value: str
    checked: bool
    requirement: forms.BoundField
    deadline: forms.BoundField

    @property
    def is_member(self) -> bool:
        return isinstance(self.target, Member)


class NoticeForm(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Kind of notice"), choices=Kind.choices,
                             widget=forms.RadioSelect(attrs={"class": "form-check-input"}))
    title = forms.CharField(label=_("Title"), max_length=120)
    body = forms.CharField(label=_("Text of the notice"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 6}))
    finding = forms.CharField(
        label=_("Finding"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a criticism that cites no overdue record: what was found, where "
                    "and when (for example at an inspection)."))
    records = forms.MultipleChoiceField(
        label=_("Overdue records cited"), required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
    # Rendered row by row with each target's order fields (target_rows).
    targets = forms.MultipleChoiceField(label=_("Concerns"), required=False)

    def __init__(self, *args, records=(), targets=(), selected=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {target_value(t): t for t in targets}
        self.selected = set(selected)
        self.record_list = list(records)
        self.fields["records"].choices = [(str(r.pk), r.description) for r in records]
        self.fields["targets"].choices = [(v, str(t)) for v, t in self.candidates.items()]
        for value in self.candidates:
            self.fields[f"requirement_{value}"] = forms.CharField(
                label=_("What must be fixed"), max_length=2000, required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))
            self.fields[f"deadline_{value}"] = forms.DateField(
                label=_("Rectify by"), required=False, widget=DATE)
            self.fields[f"deadline_{value}"].widget.attrs["class"] = "form-control"

    def target_rows(self) -> list[TargetRow]:
        chosen = set(self["targets"].value() or []) | self.selected
        return [TargetRow(target=t, value=v, checked=v in chosen,
                          requirement=self[f"requirement_{v}"],
                          deadline=self[f"deadline_{v}"])
                for v, t in self.candidates.items()]

    def service_fields(self) -> dict:
        """Arguments for notice_issue. A target with a rectification requirement written
        counts as chosen, so nothing typed is dropped."""
        data = self.cleaned_data
        chosen, orders = [], []
        for value, target in self.candidates.items():
            requirement = data.get(f"requirement_{value}", "").strip()
            deadline = data.get(f"deadline_{value}")
            if value in data["targets"] or requirement or deadline:
                chosen.append(target)
            if requirement or deadline:
                orders.append((target, requirement, deadline))
        by_pk = {str(r.pk): r for r in self.record_list}
        return {
            "kind": data["kind"], "title": data["title"], "body": data["body"],
            "finding": data["finding"],
            "organizations": [t for t in chosen if isinstance(t, Organization)],
            "members": [t for t in chosen if isinstance(t, Member)],
            "records": [by_pk[pk] for pk in data["records"]],
            "rectifications": orders,
        }


class WithdrawForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Why is the notice withdrawn?"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("The reason is shown with the notice."))


class AnswerForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=_("What was done to fix it"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 5}))
    evidence = EvidenceFilesField()


class DecisionForm(BootstrapMixin, forms.Form):
    text = forms.CharField(
        label=_("Result, or what is still missing"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Accepting closes the order with this text as its result; sending back "
                    "tells the target what is still missing."))
