"""The supervision links on an organization's page, offered by what the user may do."""

from django import template

from ..access import oversees

register = template.Library()


@register.inclusion_tag("supervision/_organization_links.html", takes_context=True)
def supervision_links(context, organization):
    # oversees() answers from the grants already loaded for the page: no query here.
    user = context["request"].user
    return {"organization": organization, "oversees": oversees(user, organization),
            "grassroots": organization.is_grassroots}
