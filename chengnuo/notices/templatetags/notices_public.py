"""The notices on the public board and on a member's public page: a fixed number of
queries (the notices, then their orders), nothing read from the request."""

from django import template

from .. import selectors

register = template.Library()

BOARD_NOTICES = 10


@register.inclusion_tag("notices/_public_list.html")
def board_notices(organization):
    """Notices issued by organization or concerning it or its members, newest first."""
    return {"notices": selectors.board_notices(organization, BOARD_NOTICES),
            "board_slug": organization.slug, "limit": BOARD_NOTICES, "heading_id":
            "notices-title"}


@register.inclusion_tag("notices/_public_list.html")
def member_notices(member):
    """Notices naming member, with the orders addressed to them."""
    return {"notices": selectors.member_notices(member, BOARD_NOTICES),
            "board_slug": member.organization.slug, "limit": BOARD_NOTICES,
            "heading_id": "member-notices-title", "hide_empty": True}
