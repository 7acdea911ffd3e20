"""Which cycle applies where."""

from chengnuo.organizations.models import Organization

from .models import Cycle


def cycles_covering(organization: Organization):
    """Cycles that apply to organization, newest year first."""
    return Cycle.objects.covering(organization).select_related("organization").order_by(
        "-year")


def current_cycle(organization: Organization, today) -> Cycle | None:
    """The cycle of today's year, else the newest one that applies."""
    cycles = list(cycles_covering(organization)[:5])
    for cycle in cycles:
        if cycle.solicitation_opens <= today <= cycle.ends:
            return cycle
    return cycles[0] if cycles else None
