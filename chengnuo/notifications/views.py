"""The inbox: every notification of the signed-in user, each linking to what to act on."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors
from .services import access_notification, notification_read, notification_read_all

PAGE_SIZE = 25


@login_required
def inbox(request):
    page = Paginator(selectors.inbox_of(request.user), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def open_notification(request, pk):
    """Mark the notification read and go to the thing it is about. A plain link (GET), so
    it opens in a new tab like any other; marking one's own notification read is harmless
    to repeat."""
    notification = access_notification(request.user, pk)
    notification_read(actor=request.user, notification=notification)
    target = notification.url
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = reverse("notifications:inbox")
    return redirect(target)


@login_required
@require_POST
def read_all(request):
    count = notification_read_all(actor=request.user)
    if count:
        messages.success(request, _("Marked %(count)s notifications read.") % {"count": count})
    return redirect("notifications:inbox")
