"""The inbox link in the navigation bar with its unread count."""

from django import template

from chengnuo.notifications.selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_nav_link.html", takes_context=True)
def inbox_link(context) -> dict:
    """For signed-in pages only (layout/base.html's nav_items, which public pages empty):
    it reads the user, so a public page must never call it. One COUNT query."""
    user = context["request"].user
    return {"unread": unread_count(user) if user.is_authenticated else 0}
