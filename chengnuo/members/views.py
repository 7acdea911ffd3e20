from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chengnuo.accounts.permissions import Need, access_member, access_organization, can
from chengnuo.audit.services import events_for
from chengnuo.layout.forms import apply_errors

from . import services
from .forms import MemberForm, TransferForm


@login_required
def member_detail(request, pk):
    member = access_member(request.user, pk)
    may_manage = can(request.user, Need.MANAGE, member)
    return render(request, "members/detail.html", {
        "member": member,
        "may_manage": may_manage,
        # Full phone only for those who manage the record, and the member themself.
        "show_phone": may_manage or member.user_id == request.user.pk,
        "history": events_for(member)[:20] if may_manage else [],
    })


@login_required
@require_http_methods(["GET", "POST"])
def member_create(request, slug):
    organization = access_organization(request.user, slug, Need.MANAGE)
    form = MemberForm(request.POST or None, request.FILES or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_create(actor=request.user, organization=organization,
                                            **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Member added."))
            return redirect("members:detail", pk=member.pk)
    return render(request, "members/form.html", {
        "form": form, "organization": organization, "title": _("Add a member")})


@login_required
@require_http_methods(["GET", "POST"])
def member_edit(request, pk):
    member = access_member(request.user, pk, Need.MANAGE)
    form = MemberForm(request.POST or None, request.FILES or None, instance=member,
                      organization=member.organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(actor=request.user, member=member,
                                   **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("members:detail", pk=member.pk)
    return render(request, "members/form.html", {
        "form": form, "organization": member.organization, "member": member,
        "title": _("Edit member")})


@login_required
@require_http_methods(["GET", "POST"])
def member_transfer(request, pk):
    """Move a member to another organization within the user's reach (组织关系转接)."""
    member = access_member(request.user, pk, Need.MANAGE)
    form = TransferForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(actor=request.user, member=member,
                                   organization=form.cleaned_data["organization_code"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Member transferred."))
            return redirect("members:detail", pk=member.pk)
    return render(request, "members/form.html", {
        "form": form, "organization": member.organization, "member": member,
        "title": _("Transfer %(name)s to another organization") % {"name": member.name}})
