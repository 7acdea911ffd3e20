from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .forms import LoginForm
from .permissions import home_organization


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
def home(request):
    """Send each user to where their work is: the top of their reach, or their own record."""
    organization = home_organization(request.user)
    if organization is not None:
        return redirect("organizations:detail", slug=organization.slug)
    return render(request, "accounts/no_role.html")
