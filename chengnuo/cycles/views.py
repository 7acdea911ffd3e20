from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chengnuo.accounts.permissions import (
    Need,
    OutOfReach,
    access_organization,
    can,
    organizations_for,
)
from chengnuo.layout.forms import apply_errors
from chengnuo.organizations import tree

from . import selectors, services
from .forms import CycleForm, default_initial
from .models import Cycle

BELOW_LIMIT = 50


@login_required
def cycle_list(request, slug):
    organization = access_organization(request.user, slug)
    covering = list(selectors.cycles_covering(organization))
    below = list(Cycle.objects.filter(tree.subtree_q(organization.path, "organization__path"))
                 .exclude(organization=organization).select_related("organization")
                 .order_by("-year", "organization__path")[:BELOW_LIMIT])
    for cycle in (*covering, *below):
        # The grants are loaded once; this asks no further query per cycle.
        cycle.may_edit = can(request.user, Need.MANAGE, cycle.organization)
    return render(request, "cycles/list.html", {
        "organization": organization,
        "covering": covering,
        "below": below,
        "current": selectors.current_cycle(organization, timezone.localdate()),
        "may_open": can(request.user, Need.MANAGE, organization),
    })


@login_required
@require_http_methods(["GET", "POST"])
def cycle_open(request, slug):
    organization = access_organization(request.user, slug, Need.MANAGE)
    form = CycleForm(request.POST or None, initial=default_initial(timezone.localdate()))
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_open(actor=request.user, organization=organization,
                                        year=form.cleaned_data["year"],
                                        **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The %(year)s cycle is open.") % {"year": cycle.year})
            return redirect("cycles:list", slug=organization.slug)
    return render(request, "cycles/form.html", {
        "organization": organization, "form": form, "title": _("Open a cycle")})


@login_required
@require_http_methods(["GET", "POST"])
def cycle_edit(request, pk):
    # Only cycles opened where the user manages exist for this page.
    try:
        cycle = Cycle.objects.select_related("organization").get(
            pk=pk, organization__in=organizations_for(request.user, Need.MANAGE))
    except Cycle.DoesNotExist:
        raise OutOfReach from None
    initial = {name: getattr(cycle, name) for name in services.CYCLE_FIELDS}
    form = CycleForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.cycle_update(actor=request.user, cycle=cycle, **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("cycles:list", slug=cycle.organization.slug)
    return render(request, "cycles/form.html", {
        "organization": cycle.organization, "form": form, "cycle": cycle,
        "title": _("Edit the %(year)s cycle") % {"year": cycle.year}})
