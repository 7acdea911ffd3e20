"""Public pages for citizens and for printing: the member page (the QR target), the post
badge (岗位牌) and the bulletin-board sheet (党务公开栏).

None of them touches the session, the user or CSRF, so they set no cookie and do not vary
on Cookie: proxies and the shared page cache can serve them when a board goes up.
"""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control, cache_page

from chengnuo.organizations import selectors as organization_selectors

from . import selectors
from .qr import printed_url, qr_svg

PUBLIC_MAX_AGE = 60  # seconds a public page may be served from a cache
BOARD_PAGE_SIZE = 20
SUGGESTIONS_SHOWN = 20


def public(view):
    return cache_control(public=True, max_age=PUBLIC_MAX_AGE)(cache_page(PUBLIC_MAX_AGE)(view))


def board_context(request, organization) -> dict:
    """What the public board of organization shows for the cycle picked by ?year=."""
    today = timezone.localdate()
    cycle, cycles = selectors.pick_among_cycles(organization, request.GET.get("year"), today)
    context = {"organization": organization, "cycle": cycle,
               "years": [c.year for c in cycles]}
    if cycle is None:
        return context
    if organization.is_grassroots and not cycle.solicitation_is_open(today):
        # Another year collecting suggestions while this one is shown: say where to go.
        context["soliciting"] = next(
            (c for c in cycles if c != cycle and c.solicitation_is_open(today)), None)
    own = selectors.organization_pledge(organization, cycle)
    page = Paginator(selectors.member_pledges(organization, cycle), BOARD_PAGE_SIZE).get_page(
        request.GET.get("page"))
    selectors.with_published_items([p for p in [own, *page.object_list] if p is not None])
    suggestions = Paginator(selectors.cycle_suggestions(organization, cycle),
                            SUGGESTIONS_SHOWN).get_page(request.GET.get("spage"))
    context.update(own_pledge=own, page=page, suggestions=suggestions,
                   collecting=cycle.solicitation_is_open(timezone.localdate())
                   and organization.is_grassroots)
    return context


@public
def member_page(request, public_id):
    member = selectors.public_member(public_id)
    if member is None:
        raise Http404
    return render(request, "boards/member.html", {
        "member": member, "pledges": selectors.pledges_of_member(member)})


@public
def member_badge(request, public_id):
    member = selectors.public_member(public_id)
    if member is None:
        raise Http404
    pledges = selectors.pledges_of_member(member, progress=False)
    # The badge shows the newest year's commitments; earlier years live on the member page.
    if pledges:
        pledges = [p for p in pledges if p.cycle.year == pledges[0].cycle.year]
    url = printed_url(request, reverse("boards:member", args=[member.public_id]))
    return render(request, "boards/badge.html", {
        "member": member, "pledges": pledges, "member_url": url,
        "qr": qr_svg(url, title=member.name, scale=3)})


@public
def board_sheet(request, slug):
    organization = organization_selectors.public_organization(slug)
    if organization is None:
        raise Http404
    size = "a3" if request.GET.get("size") == "a3" else "a4"
    cycle, _years = selectors.pick_cycle(organization, request.GET.get("year"),
                                         timezone.localdate())
    own, pledges = None, []
    if cycle is not None:
        own = selectors.organization_pledge(organization, cycle)
        # A printed sheet carries every member: no pagination on paper.
        pledges = list(selectors.member_pledges(organization, cycle))
        selectors.with_published_items([p for p in [own, *pledges] if p is not None],
                                       progress=False)
    url = printed_url(request, reverse("organizations:public", args=[slug]))
    return render(request, "boards/sheet.html", {
        "organization": organization, "cycle": cycle, "own_pledge": own, "pledges": pledges,
        "size": size, "board_url": url, "printed": timezone.localdate(),
        "qr": qr_svg(url, title=organization.name, scale=3)})


@public
def organization_badges(request, slug):
    """Every member's post badge of one organization on A4 sheets, for the secretary to
    print at once; each QR code opens that member's live page."""
    organization = organization_selectors.public_organization(slug)
    if organization is None:
        raise Http404
    cycle, _years = selectors.pick_cycle(organization, request.GET.get("year"),
                                         timezone.localdate())
    badges = []
    if cycle is not None:
        for member, pledges in selectors.badges_of(organization, cycle):
            url = printed_url(request, reverse("boards:member", args=[member.public_id]))
            badges.append({"member": member, "pledges": pledges,
                           "qr": qr_svg(url, title=member.name, scale=3)})
    return render(request, "boards/badges.html", {
        "organization": organization, "cycle": cycle, "badges": badges})
