"""The deeds on the public pages: a member's verified deeds and stars, the board's stars
and regional lists. Fixed queries whatever the number of rows; nothing reads the request,
so the cached pages stay cookie-free."""

from django import template
from django.db.models import Prefetch

from ..models import Deed, DeedStar, DeedState, StarList, StarListEntry
from ..selectors import shown_evidence

register = template.Library()

MEMBER_DEEDS_SHOWN = 20
BOARD_LISTS_SHOWN = 12


@register.inclusion_tag("deeds/_member_deeds_section.html")
def member_deeds(member):
    """Verified deeds newest first with their public photos, and the stars earned."""
    deeds = list(Deed.objects.filter(member=member, state=DeedState.VERIFIED)
                 .defer("reporter_name", "reporter_contact")
                 .prefetch_related(shown_evidence(public_only=True))
                 .order_by("-occurred_on", "-pk")[:MEMBER_DEEDS_SHOWN])
    stars = list(DeedStar.objects.filter(member=member).select_related("cycle")
                 .order_by("-cycle__year", "-quarter"))
    return {"member": member, "deeds": deeds, "stars": stars}


@register.inclusion_tag("deeds/_board_stars_section.html")
def board_stars(organization, cycle):
    """This cycle's stars of organization (with the regional lists they are on) and the
    regional lists organization published in the cycle's year."""
    if cycle is None:
        return {"organization": organization, "stars": [], "lists": []}
    stars = list(DeedStar.objects.filter(organization=organization, cycle=cycle)
                 .select_related("member")
                 .prefetch_related(Prefetch(
                     "entries", queryset=StarListEntry.objects.select_related(
                         "star_list__organization")))
                 .order_by("-quarter", "member__name", "pk"))
    lists = list(StarList.objects.filter(organization=organization, year=cycle.year)
                 .order_by("-quarter")[:BOARD_LISTS_SHOWN])
    return {"organization": organization, "stars": stars, "lists": lists}
