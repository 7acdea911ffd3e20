"""Opening and adjusting cycles (年度)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import Need, require
from chengnuo.audit.services import audit_event, changes_between, snapshot
from chengnuo.organizations import tree
from chengnuo.organizations.models import Organization
from chengnuo.pledges.models import PledgeItem

from .models import QUARTER_FIELDS, Cycle

CYCLE_FIELDS = ("solicitation_opens", "commitment_deadline", *QUARTER_FIELDS,
                "minimum_items", "minimum_items_leader", "maximum_items", "categories")


def _overlapping(organization: Organization, year: int):
    """Cycles of the same year above or below organization: one cycle per subtree per year."""
    above = [*organization.ancestor_paths(), organization.path]
    return Cycle.objects.filter(year=year).filter(
        tree.subtree_q(organization.path, "organization__path")
        | Q(organization__path__in=above))


@transaction.atomic
def cycle_open(*, actor, organization: Organization, year: int, **fields) -> Cycle:
    """Open the year's cycle for the subtree under organization.

    Rule: an admin at the top of a subtree sets the year's rhythm and rule set; one cycle
    per subtree per year, so no organization falls under two rule sets (guideline part 三).
    """
    # Lock the whole ancestor line: an admin above and one below opening the same year at
    # the same moment then queue on the shared ancestors, and the second sees the first.
    line = [*organization.ancestor_paths(), organization.path]
    locked = list(Organization.objects.select_for_update().filter(path__in=line)
                  .order_by("path"))
    organization = locked[-1]
    require(actor, Need.MANAGE, organization)
    unknown = set(fields) - set(CYCLE_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    clash = _overlapping(organization, year).select_related("organization").first()
    if clash is not None:
        raise ValidationError({"year": _(
            "%(organization)s already has a cycle for %(year)s that covers this subtree.")
            % {"organization": clash.organization, "year": year}})
    cycle = Cycle(organization=organization, year=year, opened_by=actor, **fields)
    cycle.full_clean()
    try:
        with transaction.atomic():
            cycle.save()
    except IntegrityError:
        raise ValidationError({"year": _("A cycle for this year already exists.")}) from None
    audit_event(actor=actor, action="cycle.open", subject=cycle,
                changes=changes_between({}, snapshot(cycle, ("year", *CYCLE_FIELDS))))
    return cycle


@transaction.atomic
def cycle_update(*, actor, cycle: Cycle, **fields) -> Cycle:
    """Adjust a cycle's dates or rules; recorded, since every owner below commits under them.

    Rule: as cycle_open; the year and the organization never change.
    """
    cycle = Cycle.objects.select_for_update(of=("self",)).select_related(
        "organization").get(pk=cycle.pk)
    require(actor, Need.MANAGE, cycle.organization)
    unknown = set(fields) - set(CYCLE_FIELDS)
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    dropped = set(cycle.categories) - set(fields.get("categories", cycle.categories))
    if dropped and PledgeItem.objects.filter(version__pledge__cycle=cycle,
                                             category__in=dropped).exists():
        raise ValidationError({"categories": _(
            "Commitments of this cycle already use a category you are removing.")})
    before = snapshot(cycle, CYCLE_FIELDS)
    for name, value in fields.items():
        setattr(cycle, name, value)
    # The opener's account may since have been deleted (SET_NULL); that is no reason to
    # refuse an update.
    cycle.full_clean(exclude=["opened_by"])
    changes = changes_between(before, snapshot(cycle, CYCLE_FIELDS))
    if changes:
        cycle.save()
        audit_event(actor=actor, action="cycle.update", subject=cycle, changes=changes)
    return cycle
