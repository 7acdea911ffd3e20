"""The notice pages: a subtree's notices and orders, issuing a notice, a notice with its
orders, an order with its answers, and the public page of a notice. Actions are plain
POSTs answered by a redirect; a refusal from a service is shown beside the form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from chengnuo.accounts.permissions import OutOfReach, access_organization
from chengnuo.boards.views import public
from chengnuo.layout.forms import apply_errors

from . import access, selectors, services
from .forms import AnswerForm, DecisionForm, NoticeForm, WithdrawForm, parse_targets, target_value
from .models import ANSWERABLE_STATES, Kind, RectificationState

PAGE_SIZE = 25
FILTERS = [
    ("pending", gettext_lazy("Not closed yet")),
    ("open", RectificationState.OPEN.label),
    ("overdue", RectificationState.OVERDUE.label),
    ("answered", RectificationState.ANSWERED.label),
    ("closed", gettext_lazy("Closed")),
]


@login_required
def notice_list(request, slug):
    organization = access_organization(request.user, slug)
    page = Paginator(selectors.notices_of_subtree(organization), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "notices/list.html", {
        "organization": organization, "page": page,
        "may_issue": access.may_issue(request.user, organization)})


@login_required
def rectification_list(request, slug):
    organization = access_organization(request.user, slug)
    state = request.GET.get("state", "pending")
    if state not in selectors.ORDER_FILTERS:
        state = "pending"
    page = Paginator(selectors.rectifications_of_subtree(organization, state),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notices/rectifications.html", {
        "organization": organization, "page": page, "state": state,
        "filters": FILTERS})


# ---- issuing ------------------------------------------------------------------------------

def _record_ids(request) -> list[int]:
    # "?records=1,2" from the overdue page's script, "records=1&records=2" without it.
    raw = [part for value in request.GET.getlist("records") for part in value.split(",")]
    raw += request.POST.getlist("records")
    return [int(value) for value in raw if value.strip().isdigit()][:50]


def _issue_form(request, issuer) -> NoticeForm:
    """The form with its candidates: the targets posted (or those of the cited records),
    then what the search found."""
    posting = request.method == "POST"
    records = selectors.records_in(issuer, _record_ids(request))
    from_records = [target_value(r.member) if r.member_id else target_value(r.organization)
                    for r in records]
    posted = request.POST.getlist("targets") + [
        key.split("_", 1)[1] for key, value in request.POST.items()
        if key.startswith(("requirement_", "deadline_")) and value.strip()]
    org_ids, member_ids = parse_targets(posted + from_records)
    targets = [*selectors.organizations_below(issuer, ids=org_ids),
               *selectors.members_in(issuer, ids=member_ids)]
    search = (request.POST if posting else request.GET).get("q", "").strip()[:50]
    if search:
        targets += [*selectors.organizations_below(issuer, text=search),
                    *selectors.members_in(issuer, text=search)]
    unique = list({target_value(t): t for t in targets}.values())
    kwargs = {"records": records, "targets": unique}
    if posting and "find" not in request.POST:
        return NoticeForm(request.POST, **kwargs)
    if posting:
        # A search: keep what was typed, show no errors yet.
        initial = {key: request.POST.get(key) for key in request.POST
                   if key not in ("targets", "records")}
        initial.update(targets=request.POST.getlist("targets"),
                       records=request.POST.getlist("records"))
        return NoticeForm(initial=initial, **kwargs)
    return NoticeForm(initial={"kind": Kind.CRITICISM if records else "",
                               "records": [str(r.pk) for r in records]},
                      selected=from_records, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def notice_new(request, slug):
    issuer = access_organization(request.user, slug)
    if not access.may_issue(request.user, issuer):
        raise OutOfReach
    form = _issue_form(request, issuer)
    if form.is_bound and form.is_valid():
        try:
            notice = services.notice_issue(actor=request.user, issuer=issuer,
                                           **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The notice has been issued and sent."))
            return redirect("notices:detail", pk=notice.pk)
    search = (request.POST if request.method == "POST" else request.GET).get("q", "")
    return render(request, "notices/new.html", {
        "organization": issuer, "form": form, "search": search.strip()[:50]})


# ---- a notice -----------------------------------------------------------------------------

def _render_notice(request, notice, withdraw_form=None):
    user = request.user
    orders = [o for o in selectors.notice_orders(notice)
              if access.may_view_rectification(user, o)]
    may_withdraw = not notice.is_withdrawn and access.may_withdraw(user, notice)
    return render(request, "notices/detail.html", {
        "notice": notice, "orders": orders, "records": selectors.notice_records(notice),
        "may_withdraw": may_withdraw,
        "withdraw_form": (withdraw_form or WithdrawForm()) if may_withdraw else None})


@login_required
def notice_detail(request, pk):
    return _render_notice(request, access.access_notice(request.user, pk))


@login_required
@require_POST
def notice_withdraw(request, pk):
    notice = access.access_notice(request.user, pk)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.notice_withdraw(actor=request.user, notice=notice,
                                     reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The notice has been withdrawn."))
            return redirect("notices:detail", pk=notice.pk)
    return _render_notice(request, notice, withdraw_form=form)


@public
def public_notice(request, slug, pk):
    """A notice as the public reads it, reached from the board of an organization it
    concerns. Withdrawn notices stay, marked with the reason."""
    notice = selectors.public_notice(pk)
    if notice is None:
        raise Http404
    concerned = ({notice.issuer.slug} | {o.slug for o in notice.organizations.all()}
                 | {m.organization.slug for m in notice.members.all()})
    if slug not in concerned:
        raise Http404
    return render(request, "notices/public.html", {
        "notice": notice, "orders": selectors.public_orders(notice),
        "records": selectors.notice_records(notice), "board_slug": slug})


# ---- an order -----------------------------------------------------------------------------

def _render_order(request, order, answer_form=None, decision_form=None):
    user = request.user
    may_answer = order.state in ANSWERABLE_STATES and access.may_answer(user, order)
    may_decide = (order.state == RectificationState.ANSWERED
                  and access.may_decide(user, order))
    # A refused action whose form the page no longer offers (the order moved on) still
    # says why, at the top of the page.
    stale = [form for form, offered in ((answer_form, may_answer),
                                        (decision_form, may_decide))
             if form is not None and not offered]
    return render(request, "notices/rectification.html", {
        "order": order, "notice": order.notice, "answers": selectors.with_answers(order),
        "answer_form": (answer_form or AnswerForm()) if may_answer else None,
        "decision_form": (decision_form or DecisionForm()) if may_decide else None,
        "action_errors": [e for form in stale for errors in form.errors.values()
                          for e in errors]})


@login_required
def rectification_detail(request, pk):
    return _render_order(request, access.access_rectification(request.user, pk))


def _order_url(order) -> str:
    return reverse("notices:rectification", args=[order.pk])


@login_required
@require_POST
def rectification_answer(request, pk):
    order = access.access_rectification(request.user, pk)
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.rectification_answer(actor=request.user, rectification=order,
                                          text=form.cleaned_data["text"],
                                          uploads=form.cleaned_data["evidence"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your answer has been sent to the issuer."))
            return redirect(_order_url(order))
    return _render_order(request, order, answer_form=form)


@login_required
@require_POST
def rectification_decide(request, pk):
    order = access.access_rectification(request.user, pk)
    form = DecisionForm(request.POST)
    decision = request.POST.get("decision")
    if form.is_valid() and decision in ("accept", "return"):
        text = form.cleaned_data["text"]
        try:
            if decision == "accept":
                services.rectification_accept(actor=request.user, rectification=order,
                                              result=text)
            else:
                services.rectification_return(actor=request.user, rectification=order,
                                              note=text)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The order has been closed with its result.")
                             if decision == "accept"
                             else _("The answer has been sent back."))
            return redirect(_order_url(order))
    return _render_order(request, order, decision_form=form)
