"""The shining-deeds links on an organization's page, offered by what the user may do."""

from django import template

from chengnuo.accounts.permissions import Need, can, member_of

from ..models import Deed, DeedState

register = template.Library()


@register.inclusion_tag("deeds/_links.html", takes_context=True)
def deed_links(context, organization):
    user = context["request"].user
    manages = can(user, Need.MANAGE, organization)  # no query: grants are loaded
    own = member_of(user)
    waiting = None
    if manages and organization.is_grassroots:
        # One indexed count; above the grassroots the queue page itself counts.
        waiting = Deed.objects.filter(organization=organization,
                                      state=DeedState.REPORTED).count()
    return {"organization": organization, "manages": manages, "waiting": waiting,
            "grassroots": organization.is_grassroots,
            "is_member_here": own is not None and own.organization_id == organization.pk}
