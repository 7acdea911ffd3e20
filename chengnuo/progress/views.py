"""The logged-in progress pages: one item with its schedule, history and report form, and
an organization's progress for the cycle."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chengnuo.accounts.permissions import Need, access_organization, can
from chengnuo.boards.selectors import pick_cycle
from chengnuo.layout.forms import apply_errors
from chengnuo.pledges.models import PledgeItem

from . import access, charts, schedule, selectors, services
from .forms import ProgressForm, StatusFilterForm

ORGANIZATION_PAGE_SIZE = 30


def _item_url(item) -> str:
    return reverse("progress:item", args=[item.pk])


@login_required
@require_http_methods(["GET", "POST"])
def item_progress(request, pk):
    """An item's schedule, status and reports; the report form for who may report."""
    item = access.access_item(request.user, pk)
    pledge = item.version.pledge
    published = pledge.published_version
    if published is not None and item.version_id != published.pk:
        # An older (or draft) copy of a published commitment: progress lives on the
        # published copy with the same key.
        current = PledgeItem.objects.filter(version=published, key=item.key).first()
        if current is not None:
            return redirect(_item_url(current))
    is_published = published is not None and item.version_id == published.pk
    may_report = is_published and access.may_report(request.user, pledge)
    form = None
    if may_report:
        form = ProgressForm(request.POST or None, request.FILES or None, item=item,
                            auto_id="progress_%s")
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.progress_report(
                    actor=request.user, item=item, reported_on=data["reported_on"],
                    percent=data["percent"], narrative=data["narrative"],
                    milestone=data["milestone"], uploads=data["evidence"])
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Progress reported. The public board shows it."))
                return redirect(_item_url(item) + "#history")
    elif request.method == "POST":
        messages.error(request, _("You may not report progress on this item."))
        return redirect(_item_url(item))
    plan = schedule.item_schedule(item, timezone.localdate(),
                                  started_on=schedule.started_on(pledge),
                                  cycle_ends=pledge.cycle.quarter_4_ends)
    return render(request, "progress/item.html", {
        "item": item, "pledge": pledge, "plan": plan, "is_published": is_published,
        "reports": selectors.reports_of(item), "form": form,
        "on_behalf": access.reports_on_behalf(pledge),
        "may_view_organization": can(request.user, Need.VIEW, pledge.organization)})


@login_required
def organization_progress(request, slug):
    """Every published item made at the organization this cycle with its status, members'
    and the organization's own, filterable by status; charts of the counts."""
    organization = access_organization(request.user, slug)
    today = timezone.localdate()
    cycle, years = pick_cycle(organization, request.GET.get("year"), today)
    filters = StatusFilterForm(request.GET or None)
    wanted = filters.cleaned_data["status"] if filters.is_valid() else ""
    rows = selectors.organization_rows(organization, cycle, today) if cycle else []
    shown = [r for r in rows if r.status == wanted] if wanted else rows
    page = Paginator(shown, ORGANIZATION_PAGE_SIZE).get_page(request.GET.get("page"))
    counts = schedule.count_by_status(r.status for r in rows)
    return render(request, "progress/organization.html", {
        "organization": organization, "cycle": cycle, "years": years, "page": page,
        "wanted": wanted, "wanted_label": schedule.Status(wanted).label if wanted else "",
        "total": len(rows),
        "counts": charts.status_counts(counts),
        "status_chart": charts.status_chart(counts),
        "owner_chart": charts.owner_chart(rows)})
