"""Naming the quarter's stars (grassroots organizations) and publishing regional lists of
them (superior organizations)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chengnuo.accounts.permissions import Need, OutOfReach, access_organization
from chengnuo.cycles.selectors import cycles_covering, fulfilment_cycle
from chengnuo.organizations.tree import subtree_q

from .. import selectors, services
from ..access import access_star
from ..forms import StarForm
from ..models import Deed, DeedStar, StarList

PAGE_SIZE = 20
CANDIDATES_PAGE_SIZE = 50


def _number(value, default=None):
    return int(value) if value and str(value).isdigit() else default


def _cycle_and_quarter(organization, data):
    """The cycle asked for by year= (else the one being fulfilled), its quarters that have
    begun, and the quarter asked for (else the latest begun)."""
    today = timezone.localdate()
    cycles = list(cycles_covering(organization)[:20])
    year = _number(data.get("year"))
    cycle = next((c for c in cycles if c.year == year), None) if year else \
        fulfilment_cycle(organization, today)
    if cycle is None:
        return None, [], None, cycles
    begun = [number for number, first, _last in cycle.quarters() if first <= today]
    quarter = _number(data.get("quarter"))
    if quarter not in begun:
        quarter = begun[-1] if begun else None
    return cycle, begun, quarter, cycles


@login_required
def stars(request, slug):
    """The quarter's stars of a grassroots organization and its verified deeds of that
    quarter, each with a form to name the member the quarter's star."""
    organization = access_organization(request.user, slug, Need.MANAGE)
    if not organization.is_grassroots:
        return redirect("deeds:star_lists", slug=slug)
    cycle, begun, quarter, cycles = _cycle_and_quarter(organization, request.GET)
    context = {"organization": organization, "cycle": cycle, "begun": begun,
               "quarter": quarter, "years": [c.year for c in cycles], "form": StarForm()}
    if cycle is not None and quarter is not None:
        named = list(selectors.stars_of(organization, cycle, quarter))
        context.update(
            named=named, starred={star.member_id for star in named},
            bounds=cycle.quarter_bounds(quarter),
            page=Paginator(selectors.quarter_deeds(organization, cycle, quarter),
                           PAGE_SIZE).get_page(request.GET.get("page")))
    return render(request, "deeds/stars.html", context)


@login_required
@require_POST
def star_name(request, slug):
    organization = access_organization(request.user, slug, Need.MANAGE)
    cycle, _begun, _quarter, cycles = _cycle_and_quarter(organization, request.POST)
    quarter = _number(request.POST.get("quarter"))
    deed = (Deed.objects.filter(organization=organization)
            .select_related("member").filter(pk=_number(request.POST.get("deed"), 0)).first())
    if cycle is None or deed is None:
        raise OutOfReach
    back = (reverse("deeds:stars", args=[slug])
            + f"?year={cycle.year}&quarter={quarter or ''}")
    form = StarForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors["citation"])
        services.star_name(actor=request.user, organization=organization, cycle=cycle,
                           quarter=quarter, member=deed.member, deed=deed,
                           citation=form.cleaned_data["citation"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{back}#deed-{deed.pk}")
    messages.success(request, _("%(name)s is named a star of shining deeds of this "
                                "quarter.") % {"name": deed.member.name})
    return redirect(f"{back}#named")


@login_required
@require_POST
def star_unname(request, pk):
    star = access_star(request.user, pk, Need.MANAGE)
    back = (reverse("deeds:stars", args=[star.organization.slug])
            + f"?year={star.cycle.year}&quarter={star.quarter}#named")
    try:
        services.star_unname(actor=request.user, star=star,
                             reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The star is withdrawn; the ledger keeps the reason."))
    return redirect(back)


@login_required
def star_lists(request, slug):
    """The regional lists a superior organization has published."""
    organization = access_organization(request.user, slug, Need.MANAGE)
    page = Paginator(selectors.star_lists_of(organization), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "deeds/star_lists.html", {
        "organization": organization, "page": page})


def _list_quarter(organization, data) -> tuple[int, int]:
    """The year and quarter a new list is for: as asked, else the latest with stars."""
    year, quarter = _number(data.get("year")), _number(data.get("quarter"))
    if year and quarter in (1, 2, 3, 4):
        return year, quarter
    latest = (DeedStar.objects.filter(subtree_q(organization.path, "organization__path"))
              .order_by("-cycle__year", "-quarter").values_list("cycle__year", "quarter")
              .first())
    return latest or (timezone.localdate().year, 1)


@login_required
@require_http_methods(["GET", "POST"])
def star_list_new(request, slug):
    """Choose the quarter's stars of the subtree, page by page (the choice travels with the
    form), and publish them as the regional list."""
    organization = access_organization(request.user, slug, Need.MANAGE)
    if organization.is_grassroots:
        raise OutOfReach
    data = request.POST if request.method == "POST" else request.GET
    year, quarter = _list_quarter(organization, data)
    chosen_ids = [int(pk) for pk in dict.fromkeys(request.POST.getlist("star")) if pk.isdigit()]
    title = request.POST.get("title", "")
    errors = {}
    if request.method == "POST" and "publish" in request.POST:
        try:
            star_list = services.star_list_publish(
                actor=request.user, organization=organization, year=year, quarter=quarter,
                title=title, stars=chosen_ids)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else \
                {"__all__": error.messages}
        else:
            messages.success(request, _("The regional list is published."))
            return redirect("deeds:public_list", slug=slug, year=star_list.year,
                            quarter=star_list.quarter)
    page = Paginator(selectors.subtree_stars(organization, year, quarter),
                     CANDIDATES_PAGE_SIZE).get_page(_number(data.get("goto"))
                                                    or request.GET.get("page"))
    on_page = {star.pk for star in page.object_list}
    chosen = list(selectors.subtree_stars(organization, year, quarter)
                  .filter(pk__in=chosen_ids)) if chosen_ids else []
    return render(request, "deeds/star_list_new.html", {
        "organization": organization, "year": year, "quarter": quarter, "page": page,
        "chosen": chosen, "chosen_ids": set(chosen_ids),
        "chosen_elsewhere": [pk for pk in chosen_ids if pk not in on_page],
        "title": title, "errors": errors,
        "published": StarList.objects.filter(organization=organization, year=year,
                                             quarter=quarter).first()},
        status=400 if errors else 200)
