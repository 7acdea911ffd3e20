"""Who may read and who may report progress on a commitment item.

An item is visible to whoever may open its pledge (pledges.access.pledges_for); outside
that it does not exist for them (404). Reporting is narrower (guideline part 三 step 4,
履诺): the member reports on their own commitments; the organization's admin reports on
the organization's own commitments and, on the member's behalf, on an oral pledge. Nobody
reports for an ordinary member, not even their secretary.
"""

from django.db.models import Prefetch

from chengnuo.accounts.permissions import Need, OutOfReach, can
from chengnuo.pledges import access as pledge_access
from chengnuo.pledges.models import Milestone, Pledge, PledgeItem

from .selectors import first_published_at


def access_item(user, pk) -> PledgeItem:
    """The item pk with its version, pledge and milestones (in date order), if user may
    open the pledge; 404 else."""
    try:
        item = (PledgeItem.objects
                .filter(version__pledge__in=pledge_access.pledges_for(user))
                .select_related("version__pledge__cycle", "version__pledge__member__user",
                                "version__pledge__member__organization",
                                "version__pledge__owner_organization",
                                "version__pledge__organization",
                                "version__pledge__reviewing_organization",
                                "version__pledge__published_version")
                .prefetch_related(Prefetch("milestones", queryset=Milestone.objects.order_by(
                    "due_date", "pk")))
                .annotate(first_published_at=first_published_at("version__pledge"))
                .get(pk=pk))
    except (PledgeItem.DoesNotExist, ValueError, TypeError):
        raise OutOfReach from None
    # Where the schedule starts belongs to the pledge (schedule.started_on reads it there).
    item.version.pledge.first_published_at = item.first_published_at
    return item


def reports_on_behalf(pledge: Pledge) -> bool:
    """Progress on this pledge is reported by the organization's admin, not the member:
    the organization's own pledge, or a member's oral pledge."""
    version = pledge.published_version
    return pledge.member_id is None or (version is not None and version.is_oral)


def may_report(user, pledge: Pledge) -> bool:
    """May user report progress on pledge's published items? (Not whether the pledge is
    published: the service says that with a reason.)"""
    if pledge.member_id is None:
        return can(user, Need.MANAGE, pledge.organization)
    if reports_on_behalf(pledge):
        return can(user, Need.MANAGE, pledge.organization) or can(
            user, Need.MANAGE, pledge.member)
    return pledge_access.is_owner(user, pledge)
