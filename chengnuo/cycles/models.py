import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from chengnuo.pledges.categories import (
    ALL_CATEGORIES,
    MEMBER_CATEGORIES,
    ORGANIZATION_CATEGORIES,
)

QUARTER_FIELDS = ("quarter_1_ends", "quarter_2_ends", "quarter_3_ends", "quarter_4_ends")


def default_categories() -> list[str]:
    return list(ALL_CATEGORIES)


class CycleQuerySet(models.QuerySet):
    def covering(self, organization) -> "CycleQuerySet":
        """Cycles opened at organization or at one of its ancestors: the ones that apply."""
        return self.filter(organization__path__in=[*organization.ancestor_paths(),
                                                   organization.path])


class Cycle(models.Model):
    """One year of the process (年度) for the subtree under organization.

    The guideline (part 三) sets the rhythm: solicit opinions, commit before a deadline
    (2010: before 31 August), supervise every quarter, evaluate at the end of the year. The
    rule set of the year — minimum items, the higher minimum for members holding a
    leadership post, the categories in use — is fixed here so that every owner in the
    subtree commits under the same rules.
    """

    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="cycles",
        verbose_name=_("organization"))
    year = models.PositiveSmallIntegerField(_("year"))
    solicitation_opens = models.DateField(_("solicitation opens"))
    commitment_deadline = models.DateField(_("commitment deadline"))
    quarter_1_ends = models.DateField(_("first quarter ends"))
    quarter_2_ends = models.DateField(_("second quarter ends"))
    quarter_3_ends = models.DateField(_("third quarter ends"))
    quarter_4_ends = models.DateField(_("fourth quarter ends"))
    minimum_items = models.PositiveSmallIntegerField(
        _("minimum items for a member"), default=3)
    minimum_items_leader = models.PositiveSmallIntegerField(
        _("minimum items for a member holding a leadership post"), default=5)
    maximum_items = models.PositiveSmallIntegerField(
        _("items above which the reviewer is warned"), default=12)
    categories = models.JSONField(_("categories in use"), default=default_categories)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "organization__path"]
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"],
                                    name="cycle_one_per_organization_year"),
            models.CheckConstraint(condition=Q(minimum_items__gte=1),
                                   name="cycle_minimum_at_least_one"),
            models.CheckConstraint(condition=Q(minimum_items_leader__gt=models.F(
                "minimum_items")), name="cycle_leaders_commit_to_more"),
            models.CheckConstraint(condition=Q(maximum_items__gte=models.F(
                "minimum_items_leader")), name="cycle_maximum_above_minimums"),
            models.CheckConstraint(
                condition=Q(solicitation_opens__lt=models.F("commitment_deadline")),
                name="cycle_solicitation_before_deadline"),
        ]

    def __str__(self) -> str:
        return gettext("%(year)s cycle of %(organization)s") % {
            "year": self.year, "organization": self.organization}

    def clean(self) -> None:
        """Dates in order, sane minimums, and categories known and covering both owners."""
        errors: dict[str, str] = {}
        if self.solicitation_opens and self.commitment_deadline \
                and self.solicitation_opens >= self.commitment_deadline:
            errors["commitment_deadline"] = gettext(
                "The commitment deadline must come after solicitation opens.")
        quarters = [getattr(self, name) for name in QUARTER_FIELDS]
        if all(quarters):
            if any(a >= b for a, b in zip(quarters, quarters[1:], strict=False)):
                errors["quarter_4_ends"] = gettext("The four quarters must end in order.")
            elif self.commitment_deadline and self.commitment_deadline > quarters[-1]:
                errors["commitment_deadline"] = gettext(
                    "The commitment deadline must fall within the year's quarters.")
        if self.year and self.commitment_deadline \
                and abs(self.commitment_deadline.year - self.year) > 1:
            errors["year"] = gettext("The deadline lies far from the cycle's year.")
        if self.minimum_items is not None and self.minimum_items < 1:
            errors["minimum_items"] = gettext("Every member commits to at least one item.")
        if (self.minimum_items_leader is not None and self.minimum_items is not None
                and self.minimum_items_leader <= self.minimum_items):
            errors["minimum_items_leader"] = gettext(
                "Members holding a leadership post commit to more than ordinary members.")
        if (self.maximum_items is not None and self.minimum_items_leader is not None
                and self.maximum_items < self.minimum_items_leader):
            errors["maximum_items"] = gettext(
                "The warning limit must be at least the leaders' minimum.")
        categories = list(self.categories or [])
        if set(categories) - set(ALL_CATEGORIES):
            errors["categories"] = gettext("Unknown category.")
        elif not set(categories) & set(ORGANIZATION_CATEGORIES) \
                or not set(categories) & set(MEMBER_CATEGORIES):
            errors["categories"] = gettext(
                "Choose categories for both organizations and members.")
        if errors:
            raise ValidationError(errors)
        # Keep the guideline's order whatever order the form sent.
        self.categories = [c for c in ALL_CATEGORIES if c in categories]

    @property
    def ends(self) -> datetime.date:
        return self.quarter_4_ends

    def solicitation_is_open(self, today: datetime.date) -> bool:
        return self.solicitation_opens <= today <= self.commitment_deadline

    def quarter_bounds(self, number: int) -> tuple[datetime.date, datetime.date]:
        """(first day, last day) of quarter number (1-4); ValueError for any other."""
        for n, first, last in self.quarters():
            if n == number:
                return first, last
        raise ValueError(f"no quarter {number}")

    def quarters(self) -> list[tuple[int, datetime.date, datetime.date]]:
        """(number, first day, last day) of each quarter; the first starts when
        solicitation opens."""
        bounds, start = [], self.solicitation_opens
        for number, name in enumerate(QUARTER_FIELDS, start=1):
            end = getattr(self, name)
            bounds.append((number, start, end))
            start = end + datetime.timedelta(days=1)
        return bounds
