"""Template helpers of the pledge pages: state badges, and a member's pledges on the member
page (one query)."""

from django import template

from chengnuo.pledges import access
from chengnuo.pledges.models import State

register = template.Library()

STATE_CLASSES = {
    State.DRAFT: "text-bg-secondary",
    State.SUBMITTED: "text-bg-info",
    State.RETURNED: "text-bg-warning",
    State.APPROVED: "text-bg-primary",
    State.PUBLISHED: "text-bg-success",
    State.SUPERSEDED: "text-bg-light border",
}


@register.filter
def state_class(state: str) -> str:
    """Bootstrap classes of a state's badge."""
    return STATE_CLASSES.get(state, "text-bg-secondary")


@register.filter
def state_label(state: str) -> str:
    try:
        return State(state).label
    except ValueError:
        return state


@register.inclusion_tag("pledges/_member_pledges.html", takes_context=True)
def member_pledges(context, member):
    """The member's pledges the viewer may open, newest cycle first."""
    user = context["request"].user
    pledges = list(access.pledges_for(user).filter(member=member)
                   .select_related("cycle", "organization")
                   .order_by("-cycle__year", "scope", "pk"))
    return {"member": member, "pledges": pledges}
