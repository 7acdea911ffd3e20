"""The supervision pages: a cycle's quarters, one quarter's facts and review (filing and
correcting it), and a superior's view of what is overdue in its subtree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.cycles.selectors import cycles_covering, fulfilled_among
from chengnuo.layout.forms import apply_errors

from . import selectors, services
from .access import access_supervised, may_file
from .forms import QuarterlyReviewForm
from .models import OverdueKind

PAGE_SIZE = 50


def _grassroots(request, slug):
    organization = access_supervised(request.user, slug)
    if not organization.is_grassroots:
        # Only grassroots organizations file quarterly reviews.
        raise OutOfReach
    return organization


@login_required
def quarters(request, slug):
    organization = _grassroots(request, slug)
    today = timezone.localdate()
    cycles = list(cycles_covering(organization))
    wanted = request.GET.get("cycle", "")
    # The chooser's list already holds the cycle being fulfilled: no second query for it.
    cycle = next((c for c in cycles if str(c.pk) == wanted), None) or fulfilled_among(
        cycles, today)
    return render(request, "supervision/quarters.html", {
        "organization": organization, "cycles": cycles, "cycle": cycle,
        "quarters": selectors.quarter_states(organization, cycle, today) if cycle else [],
        "may_file": may_file(request.user, organization),
    })


@login_required
def quarter(request, slug, year, quarter):
    organization = _grassroots(request, slug)
    cycle = cycles_covering(organization).filter(year=year).first()
    if cycle is None or quarter not in (1, 2, 3, 4):
        raise Http404
    today = timezone.localdate()
    versions = selectors.review_versions(organization, cycle, quarter)
    latest = versions[-1] if versions else None
    first, last = cycle.quarter_bounds(quarter)
    started = today >= first
    # The form is offered once the quarter has started; a filing posted before that is
    # still answered by the service's refusal.
    allowed = may_file(request.user, organization)
    facts = (selectors.live_facts(organization, cycle, quarter, today)
             if allowed or latest is None else None)
    form = None
    if allowed:
        form = QuarterlyReviewForm(request.POST or None, facts=facts, previous=latest)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                if latest is None:
                    services.quarterly_review_file(
                        actor=request.user, organization=organization, cycle=cycle,
                        quarter=quarter, summary=data["summary"], comments=form.comments())
                    messages.success(request, _("The quarterly review is filed."))
                else:
                    services.quarterly_review_correct(
                        actor=request.user, review=latest, summary=data["summary"],
                        comments=form.comments(), reason=data.get("reason", ""))
                    messages.success(request, _("The correction is filed as a new version."))
            except ValidationError as error:
                apply_errors(form, error)
            else:
                return redirect(reverse("supervision:quarter",
                                        args=[organization.slug, year, quarter]))
    elif request.method == "POST":
        raise OutOfReach
    shown = _shown_version(request, versions)
    return render(request, "supervision/quarter.html", {
        "organization": organization, "cycle": cycle, "quarter": quarter,
        "first": first, "last": last,
        "started": started, "versions": versions, "latest": latest, "shown": shown,
        "facts": selectors.facts_of(shown) if shown else facts, "form": form,
    }, status=400 if request.method == "POST" else 200)


def _shown_version(request, versions):
    if not versions:
        return None
    wanted = request.GET.get("version", "")
    if not wanted:
        return versions[-1]
    try:
        return next(v for v in versions if v.number == int(wanted))
    except (ValueError, StopIteration):
        raise Http404 from None


@login_required
def overdue(request, slug):
    organization = access_supervised(request.user, slug)
    kind = request.GET.get("kind", "")
    if kind not in OverdueKind.values:
        kind = ""
    page = Paginator(selectors.open_overdue(organization, kind), PAGE_SIZE).get_page(
        request.GET.get("page"))
    counts = selectors.overdue_counts(organization)
    return render(request, "supervision/overdue.html", {
        "organization": organization, "kind": kind, "page": page,
        "counts": [(code, label, counts[code]) for code, label in OverdueKind.choices],
        "total": sum(counts.values()),
        "missing": selectors.missing_review_organizations(organization),
        "missing_total": selectors.missing_review_organization_count(organization),
    })
