from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from chengnuo.accounts.permissions import (
    Need,
    OutOfReach,
    access_organization,
    can,
    is_system_admin,
    organizations_for,
    reach_paths,
)
from chengnuo.cycles.selectors import current_cycle, cycles_covering
from chengnuo.members.models import Member
from chengnuo.organizations.models import Organization
from chengnuo.pledges.models import Scope

from . import actions, selectors

PAGE_SIZE = 50


def _chosen_cycle(organization, cycles, wanted):
    for cycle in cycles:
        if str(cycle.pk) == wanted:
            return cycle
    return current_cycle(organization, timezone.localdate())


@login_required
def overview(request, slug):
    organization = access_organization(request.user, slug)
    if not organization.is_grassroots:
        # Only grassroots organizations have members who pledge.
        raise OutOfReach
    cycles = list(cycles_covering(organization))
    cycle = _chosen_cycle(organization, cycles, request.GET.get("cycle", ""))
    status = request.GET.get("status", "")
    category = request.GET.get("category", "")
    search = request.GET.get("q", "").strip()[:50]
    context = {
        "organization": organization, "cycles": cycles, "cycle": cycle,
        "status": status, "category": category, "search": search,
        "statuses": [(code, actions.STATUS_LABELS[code])
                     for code in [*selectors.STATUSES, selectors.AMENDING]],
        "categories": [
            ("leader", Member._meta.get_field("holds_leadership_post").verbose_name),
            ("in_service", Member._meta.get_field("in_service").verbose_name),
            ("without_post", Member._meta.get_field("without_post").verbose_name),
            ("oral", actions.ORAL_LABEL),
        ],
        "may_manage": can(request.user, Need.MANAGE, organization),
    }
    if cycle is None:
        return render(request, "worklists/overview.html", context)
    own = selectors.own_pledge(organization, cycle)
    members = selectors.overview_members(organization, cycle)
    page = Paginator(selectors.filter_members(members, status=status, category=category,
                                              search=search), PAGE_SIZE).get_page(
        request.GET.get("page"))
    pledges = selectors.pledges_by_member(cycle, list(page))
    counts = selectors.status_counts(members, own, organization)
    rows = []
    for member in page:
        cells = []
        if member.work_status:
            cells.append(actions.member_cell(request.user, cycle, member, Scope.WORK,
                                             pledges.get((member.pk, Scope.WORK))))
        if member.residence_status:
            cells.append(actions.member_cell(request.user, cycle, member, Scope.RESIDENCE,
                                             pledges.get((member.pk, Scope.RESIDENCE))))
        rows.append((member, cells))
    context.update({
        "own": actions.organization_cell(request.user, cycle, organization, own),
        "counts": [(code, label, counts[code]) for code, label in context["statuses"]],
        "page": page,
        "rows": rows,
        "filtered": bool(status or category or search),
    })
    return render(request, "worklists/overview.html", context)


@login_required
def queue(request):
    user = request.user
    choices = _under_choices(user)
    under = next((org for org in choices if org.slug == request.GET.get("under")), None)
    if under is None and request.GET.get("under"):
        # An organization deeper than the menu offers, still within the user's reach.
        under = organizations_for(user, Need.REVIEW).filter(
            slug=request.GET.get("under")).first()
    kind = request.GET.get("kind", "")
    pledges = selectors.review_queue(user, under=under, kind=kind)
    page = Paginator(pledges, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "worklists/queue.html", {
        "page": page, "under": under, "kind": kind, "choices": choices,
        "reach": [org for org in choices if org.path in set(reach_paths(user, Need.REVIEW))],
        "filtered": bool(under or kind),
    })


def _under_choices(user) -> list[Organization]:
    """The organizations at the top of the user's review reach and those right below."""
    tops = reach_paths(user, Need.REVIEW)
    if is_system_admin(user) and not tops:
        return list(Organization.objects.filter(depth__lte=2).order_by("path"))
    return list(Organization.objects.filter(Q(path__in=tops) | Q(parent__path__in=tops))
                .order_by("path")[:200])
