"""The public side: the report form on a member's page (loaded on demand into the cached
page, or a page of its own without JavaScript) and a superior's regional list of stars."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from chengnuo.boards.selectors import public_member
from chengnuo.boards.views import public
from chengnuo.layout.forms import apply_errors
from chengnuo.layout.human_check import over_limit
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
    fragment = request.headers.get("HX-Request") == "true"
    context = {"member": member, "fragment": fragment}
    status = 200
    if request.method == "POST":
        form = PublicReportForm(request.POST, member=member)
        if over_limit(request, f"deeds:rate:{member.pk}", limit=RATE_LIMIT,
                      window=RATE_WINDOW):
            context["limited"] = True
            status = 429
        elif form.is_valid():
            try:
                services.deed_report_public(
                    member=member, occurred_on=form.cleaned_data["occurred_on"],
                    description=form.cleaned_data["description"],
                    reporter_name=form.cleaned_data["reporter_name"],
                    reporter_contact=form.cleaned_data["reporter_contact"])
            except ValidationError as error:
                apply_errors(form, error)
            else:
                context["thanks"] = True
        if not context.get("thanks"):
            form.ask_again()
            if status == 200 and form.errors:
                status = 400
        context["form"] = form
    else:
        context["form"] = PublicReportForm(member=member)
    template = "deeds/_public_form.html" if fragment else "deeds/public_form_page.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


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
