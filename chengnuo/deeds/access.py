"""Fetch-and-authorize for deeds and stars: outside the user's reach they do not exist."""

from chengnuo.accounts.permissions import Need, OutOfReach, organizations_for

from .models import Deed, DeedStar


def access_deed(user, pk, need: Need = Need.MANAGE) -> Deed:
    """The deed pk if user may act with need on its organization; Http404 otherwise."""
    try:
        return (Deed.objects.filter(organization__in=organizations_for(user, need))
                .select_related("organization", "member").get(pk=pk))
    except (Deed.DoesNotExist, ValueError, TypeError):
        raise OutOfReach from None


def access_star(user, pk, need: Need = Need.MANAGE) -> DeedStar:
    try:
        return (DeedStar.objects.filter(organization__in=organizations_for(user, need))
                .select_related("organization", "cycle", "member").get(pk=pk))
    except (DeedStar.DoesNotExist, ValueError, TypeError):
        raise OutOfReach from None
