from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from chengnuo.accounts.permissions import Need, access_organization

from . import services
from .columns import MEMBER_COLUMNS, ORGANIZATION_COLUMNS
from .errors import RosterInvalid
from .forms import MAX_UPLOAD_BYTES, RosterUploadForm
from .readers import MAX_ROWS, read_roster
from .template_files import guide_lines, template_csv, template_xlsx

# A file with thousands of wrong rows is one mistake repeated: the first ones show it.
ERRORS_SHOWN = 500

_TEMPLATES = {
    "xlsx": (template_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": (template_csv, "text/csv; charset=utf-8"),
}


@login_required
@require_http_methods(["GET", "POST"])
def roster_import(request, slug):
    organization = access_organization(request.user, slug, Need.IMPORT)
    form = RosterUploadForm()
    errors = result = None
    if request.method == "POST":
        form = RosterUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                roster = read_roster(form.cleaned_data["file"])
                result = services.roster_import(actor=request.user, roster=roster,
                                                scope=organization)
            except RosterInvalid as invalid:
                errors = invalid.errors
    return render(request, "roster/import.html", {
        "organization": organization,
        "form": form,
        "errors": errors[:ERRORS_SHOWN] if errors else None,
        "errors_hidden": max(0, len(errors) - ERRORS_SHOWN) if errors else 0,
        "result": result,
        "guide": guide_lines(),
        "organization_columns": ORGANIZATION_COLUMNS,
        "member_columns": MEMBER_COLUMNS,
        "max_rows": MAX_ROWS,
        "max_megabytes": MAX_UPLOAD_BYTES // (1024 * 1024),
    })


@require_GET
def roster_template(request, fmt):
    """The blank roster files; they hold no data, so anyone may fetch them."""
    if fmt not in _TEMPLATES:
        raise Http404
    build, content_type = _TEMPLATES[fmt]
    response = HttpResponse(build(), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"花名册模板.{fmt}")
    return response
