"""Helpers of the notice pages: badges for kinds and states, and the links on an
organization's page."""

from django import template

from .. import access
from ..models import Kind, RectificationState

register = template.Library()

ORDER_CLASSES = {
    RectificationState.OPEN: "text-bg-primary",
    RectificationState.ANSWERED: "text-bg-info",
    RectificationState.ACCEPTED: "text-bg-success",
    RectificationState.OVERDUE: "text-bg-danger",
    RectificationState.WITHDRAWN: "text-bg-secondary",
}


@register.filter
def order_class(state: str) -> str:
    return ORDER_CLASSES.get(state, "text-bg-secondary")


@register.filter
def kind_class(kind: str) -> str:
    return "text-bg-danger" if kind == Kind.CRITICISM else "text-bg-success"


@register.inclusion_tag("notices/_organization_links.html", takes_context=True)
def notice_links(context, organization):
    # can() answers from the grants already loaded for the page: no query here.
    user = context["request"].user
    return {"organization": organization, "may_issue": access.may_issue(user, organization)}
