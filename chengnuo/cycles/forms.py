"""The cycle form: the year's rhythm and rule set, with defaults an admin rarely changes."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from chengnuo.layout.forms import BootstrapMixin
from chengnuo.pledges.categories import MEMBER_CATEGORIES, ORGANIZATION_CATEGORIES, Category

from .models import QUARTER_FIELDS
from .services import CYCLE_FIELDS


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # ISO format: what <input type="date"> sends and expects back.
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _grouped_categories():
    labels = dict(Category.choices)
    return [
        (_("Organizations: the five goods and practical service"),
         [(value, labels[value]) for value in ORGANIZATION_CATEGORIES]),
        (_("Members: the five leads, post duties and good deeds"),
         [(value, labels[value]) for value in MEMBER_CATEGORIES]),
    ]


def default_initial(today: datetime.date) -> dict:
    """Next year's cycle: solicitation opens today, commitments are due at the end of
    January, and the four quarters are the calendar quarters of that year."""
    year = today.year + 1
    return {
        "year": year,
        "solicitation_opens": today,
        "commitment_deadline": datetime.date(year, 1, 31),
        "quarter_1_ends": datetime.date(year, 3, 31),
        "quarter_2_ends": datetime.date(year, 6, 30),
        "quarter_3_ends": datetime.date(year, 9, 30),
        "quarter_4_ends": datetime.date(year, 12, 31),
        "minimum_items": 3,
        "minimum_items_leader": 5,
        "maximum_items": 12,
        "categories": ORGANIZATION_CATEGORIES + MEMBER_CATEGORIES,
    }


class CycleForm(BootstrapMixin, forms.Form):
    """Field checks only; the rules (dates in order, minimums, one cycle per subtree and
    year) are the service's, whose errors the view puts beside these fields."""

    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)
    solicitation_opens = forms.DateField(label=_("solicitation opens"), widget=DateInput)
    commitment_deadline = forms.DateField(label=_("commitment deadline"), widget=DateInput)
    quarter_1_ends = forms.DateField(label=_("first quarter ends"), widget=DateInput)
    quarter_2_ends = forms.DateField(label=_("second quarter ends"), widget=DateInput)
    quarter_3_ends = forms.DateField(label=_("third quarter ends"), widget=DateInput)
    quarter_4_ends = forms.DateField(label=_("fourth quarter ends"), widget=DateInput)
    minimum_items = forms.IntegerField(label=_("minimum items for a member"), min_value=0,
                                       max_value=100)
    minimum_items_leader = forms.IntegerField(
        label=_("minimum items for a member holding a leadership post"), min_value=0,
        max_value=100)
    maximum_items = forms.IntegerField(label=_("items above which the reviewer is warned"),
                                       min_value=0, max_value=100)
    categories = forms.MultipleChoiceField(
        label=_("categories in use"), widget=forms.CheckboxSelectMultiple,
        choices=_grouped_categories)

    date_fields = ("solicitation_opens", "commitment_deadline", *QUARTER_FIELDS)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].widget.attrs["class"] = "form-check-input"
        if editing:
            # The year of a cycle never changes (cycle_update).
            del self.fields["year"]

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in CYCLE_FIELDS}
