"""The organization's quarterly comments (点评) on a member, on the member's record page."""

from django import template

from ..models import MemberComment

register = template.Library()
SHOWN = 8  # two years of quarters


@register.inclusion_tag("supervision/_member_comments.html")
def member_comments(member):
    """The member's comments from the current version of each filed review, newest quarter
    first: one query. A corrected version's comment gives way to its correction's."""
    comments = list(MemberComment.objects.filter(member=member,
                                                 review__superseded_by__isnull=True)
                    .select_related("review__cycle", "review__organization")
                    .order_by("-review__cycle__year", "-review__quarter", "-pk")[:SHOWN])
    return {"comments": comments}
