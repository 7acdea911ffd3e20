"""Reporting a deed, the organization's queue of reports to decide, and a member's deeds.
Every action is a plain POST answered by a redirect; a refusal is shown and changes
nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chengnuo.accounts.permissions import (
    Need,
    OutOfReach,
    access_member,
    access_organization,
    can,
    home_organization,
    member_of,
)
from chengnuo.layout.forms import apply_errors
from chengnuo.members.models import Member

from .. import selectors, services
from ..access import access_deed
from ..forms import ReportForm

PAGE_SIZE = 20
RECENT_DECISIONS = 10


@login_required
def queue(request, slug):
    """Reports waiting for verification in the organization's subtree, oldest first, with
    the latest decisions below."""
    organization = access_organization(request.user, slug, Need.MANAGE)
    page = Paginator(selectors.waiting_deeds(organization), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "deeds/queue.html", {
        "organization": organization, "page": page,
        "decided": list(selectors.decided_deeds(organization)[:RECENT_DECISIONS])})


@login_required
@require_POST
def decide(request, pk):
    """Verify or dismiss one report through the service."""
    deed = access_deed(request.user, pk, Need.MANAGE)
    back = request.POST.get("next", "")
    queue_url = reverse("deeds:queue", args=[deed.organization.slug])
    if not back.startswith("/org/") or not back.endswith("/deeds/"):
        back = queue_url
    note = request.POST.get("note", "")
    try:
        if request.POST.get("decision") == "verify":
            services.deed_verify(actor=request.user, deed=deed, note=note)
            messages.success(request, _("Verified: the deed of %(name)s is on their public "
                                        "page.") % {"name": deed.member.name})
        elif request.POST.get("decision") == "dismiss":
            services.deed_dismiss(actor=request.user, deed=deed, reason=note)
            messages.success(request, _("The report is dismissed, with the reason."))
        else:
            raise ValidationError(_("Choose to verify or to dismiss."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(f"{back}#deed-{deed.pk}")
    return redirect(f"{back}#waiting")


def _choices(request) -> tuple[list[Member], Member | None, object]:
    """(members the form offers, the one asked for, the organization listed): the member of
    ?member=, or the members of ?org= (admins) or of the user's own organization."""
    user = request.user
    wanted = request.POST.get("member") or request.GET.get("member")
    if request.GET.get("member"):
        member = (Member.objects.select_related("organization")
                  .filter(pk=request.GET["member"]).first()
                  if request.GET["member"].isdigit() else None)
        if member is None:
            raise OutOfReach
        services.reporting_source(user, member)  # OutOfReach when not theirs to report
        return [member], member, member.organization
    if request.GET.get("org"):
        organization = access_organization(user, request.GET["org"], Need.MANAGE)
    else:
        own = member_of(user)
        organization = own.organization if own else home_organization(user)
    if organization is None or not organization.is_grassroots:
        return [], None, organization
    members = list(organization.members.order_by("name", "pk"))
    chosen = next((m for m in members if str(m.pk) == str(wanted)), None)
    if chosen is None and member_of(user) in members:
        chosen = member_of(user)
    return members, chosen, organization


@login_required
@require_http_methods(["GET", "POST"])
def report(request):
    """Report a member's shining deed: a member for themself or a fellow member, an admin
    for the organization."""
    members, chosen, organization = _choices(request)
    form_kwargs = {"members": members, "initial": {"member": chosen.pk if chosen else None}}
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, **form_kwargs)
        if form.is_valid():
            member = next(m for m in members if m.pk == form.cleaned_data["member"])
            try:
                deed = services.deed_report(
                    actor=request.user, member=member,
                    occurred_on=form.cleaned_data["occurred_on"],
                    description=form.cleaned_data["description"],
                    uploads=form.cleaned_data["uploads"])
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Thank you. The organization will verify the "
                                            "report."))
                if can(request.user, Need.MANAGE, deed.organization):
                    return redirect(reverse("deeds:queue", args=[deed.organization.slug])
                                    + f"#deed-{deed.pk}")
                return redirect("deeds:mine")
    else:
        form = ReportForm(**form_kwargs)
    return render(request, "deeds/report.html", {"form": form, "organization": organization},
                  status=400 if form.errors else 200)


@login_required
def member_deeds(request, pk):
    """Every deed reported about a member, in every state, with the stars it earned: for the
    member themself and those who reach them."""
    member = access_member(request.user, pk, Need.VIEW)
    page = Paginator(selectors.deeds_of_member(member), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "deeds/member.html", {
        "member": member, "page": page,
        "own": member.user_id is not None and member.user_id == request.user.pk})


@login_required
def mine(request):
    member = member_of(request.user)
    if member is None:
        raise Http404
    return redirect("deeds:member", pk=member.pk)
