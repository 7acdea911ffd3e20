"""The commitments links on an organization's page, offered by what the user may do."""

from django import template

from chengnuo.accounts.permissions import Need, can

register = template.Library()


@register.inclusion_tag("worklists/_organization_links.html", takes_context=True)
def organization_links(context, organization):
    # can() answers from the grants already loaded for the page: no query here.
    user = context["request"].user
    return {
        "organization": organization,
        "grassroots": organization.is_grassroots,
        "may_manage": can(user, Need.MANAGE, organization),
        "may_review": can(user, Need.REVIEW, organization),
    }
