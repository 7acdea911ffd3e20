from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chengnuo.layout.forms import apply_errors

from . import services
from .forms import AccountOpenForm, LoginForm, PasswordChangeForm, RoleGrantForm
from .models import RoleGrant
from .permissions import Need, access_member, access_organization, home_organization


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = PasswordChangeForm
    success_url = reverse_lazy("accounts:home")

    def form_valid(self, form):
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@login_required
def home(request):
    """Send each user to where their work is: the top of their reach, or their own record."""
    organization = home_organization(request.user)
    if organization is not None:
        return redirect("organizations:detail", slug=organization.slug)
    return render(request, "accounts/no_role.html")


@login_required
@require_http_methods(["GET", "POST"])
def organization_roles(request, slug):
    """Who holds which role at this organization; admins grant and revoke here."""
    organization = access_organization(request.user, slug, Need.MANAGE)
    form = RoleGrantForm(request.POST or None)
    if request.method == "POST" and "revoke" in request.POST:
        grant = RoleGrant.objects.filter(organization=organization,
                                         pk=request.POST.get("revoke")).first()
        if grant is None:
            raise Http404
        try:
            services.role_revoke(actor=request.user, grant=grant)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Role revoked."))
        return redirect("accounts:roles", slug=organization.slug)
    if request.method == "POST" and form.is_valid():
        try:
            services.role_grant(actor=request.user, user=form.cleaned_data["user"],
                                organization=organization, role=form.cleaned_data["role"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Role granted."))
            return redirect("accounts:roles", slug=organization.slug)
    grants = (RoleGrant.objects.filter(organization=organization)
              .select_related("user").order_by("role", "user__username"))
    return render(request, "accounts/roles.html", {
        "organization": organization, "form": form, "grants": grants})


@login_required
@require_http_methods(["GET", "POST"])
def member_account(request, pk):
    """Open a login account for a member so they can see and act on their own record."""
    member = access_member(request.user, pk, Need.MANAGE)
    form = AccountOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.account_open(actor=request.user, member=member, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Account opened. Give the member the username and "
                                        "initial password."))
            return redirect("members:detail", pk=member.pk)
    return render(request, "accounts/member_account.html", {"member": member, "form": form})
