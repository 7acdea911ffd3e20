"""Which cycle applies where."""

from chengnuo.organizations.models import Organization

from .models import Cycle


def cycles_covering(organization: Organization):
    """Cycles that apply to organization, newest year first."""
    return Cycle.objects.covering(organization).select_related("organization").order_by(
        "-year")


def current_cycle(organization: Organization, today) -> Cycle | None:
    """The cycle of today's year, else the newest one that applies."""
    return current_among(list(cycles_covering(organization)[:5]), today)


def current_among(cycles: list[Cycle], today) -> Cycle | None:
    """current_cycle's answer among cycles already loaded (newest year first)."""
    for cycle in cycles:
        if cycle.solicitation_opens <= today <= cycle.ends:
            return cycle
    return cycles[0] if cycles else None


def fulfilment_cycle(organization: Organization, today) -> Cycle | None:
    """The cycle being fulfilled today (履诺、督诺): the newest one whose commitment deadline
    has passed and whose last quarter has not ended. Late in a year the next year's
    solicitation may already be open; progress and supervision still belong to this one.
    Else the current cycle."""
    return fulfilled_among(list(cycles_covering(organization)[:5]), today)


def fulfilled_among(cycles: list[Cycle], today) -> Cycle | None:
    """fulfilment_cycle's answer among cycles already loaded (newest year first)."""
    for cycle in cycles:
        if cycle.commitment_deadline < today <= cycle.ends:
            return cycle
    return current_among(cycles, today)
