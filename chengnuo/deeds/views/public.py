"""The public side: the report form on a member's page (loaded on demand into the cached
page, or a page of its own without JavaScript) and a superior's regional list of stars."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from chengnuo.boards.selectors import public_member
from chengnuo.boards.views import public
from chengnuo.layout.human_check import LIMITED, THANKS, render_public_form, submit_checked
from chengnuo.organizations.selectors import public_organization

from .. import selectors, services
from ..forms import PublicReportForm
from ..models import StarList

RATE_LIMIT = 5  # attempts per client and member ...
RATE_WINDOW = 10 * 60  # ... in this many seconds


@never_cache
@require_http_methods(["GET", "POST"])
def report_form(request, public_id):
    """GET: the form (a fragment for htmx, a page otherwise); POST: report the deed."""
    member = public_member(public_id)
    if member is None:
        raise Http404
    context = {"member": member}
    status = 200
    if request.method == "POST":
        form = PublicReportForm(request.POST, member=member)
        outcome = submit_checked(
            request, form, scope=f"deeds:rate:{member.pk}", limit=RATE_LIMIT,
            window=RATE_WINDOW, submit=lambda data: services.deed_report_public(
                member=member, occurred_on=data["occurred_on"],
                description=data["description"], reporter_name=data["reporter_name"],
                reporter_contact=data["reporter_contact"]))
        if outcome == LIMITED:
            context["limited"], status = True, 429
        elif outcome == THANKS:
            context["thanks"] = True
        else:
            status = 400
        context["form"] = form
    else:
        context["form"] = PublicReportForm(member=member)
    return render_public_form(request, context, fragment="deeds/_public_form.html",
                              page="deeds/public_form_page.html", status=status)


@public
def public_list(request, slug, year, quarter):
    """A superior's published regional list of a quarter's stars."""
    organization = public_organization(slug)
    if organization is None:
        raise Http404
    star_list = (StarList.objects.filter(organization=organization, year=year,
                                         quarter=quarter)
                 .select_related("ledger_entry").first())
    if star_list is None:
        raise Http404
    return render(request, "deeds/public_list.html", {
        "organization": organization, "star_list": star_list,
        "entries": list(selectors.star_list_entries(star_list))})
