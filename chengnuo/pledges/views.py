"""The logged-in pages of the commitment workflow: my pledges, a pledge with its versions
and actions, and the reviewer's page. Every action is a plain POST answered by a redirect;
a refusal from a service is shown on the page and changes nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from chengnuo.accounts.permissions import (
    Need,
    access_member,
    access_organization,
    member_of,
)
from chengnuo.cycles.models import Cycle
from chengnuo.layout.forms import apply_errors
from chengnuo.progress import access as progress_access

from . import access, diff, selectors, services
from .advisor import ItemText, advise, concern_label
from .forms import (
    AmendForm,
    ExtendForm,
    ItemForm,
    PublicationForm,
    PublishForm,
    ReviewForm,
    StartForm,
    SubmitForm,
)
from .models import PledgeItem, Scope, State

# What the owner does next, by the state of the current version.
NEXT_ACTION = {
    State.DRAFT: gettext_lazy("Add your commitments, then submit them for review."),
    State.SUBMITTED: gettext_lazy("Submitted: waiting for the review."),
    State.RETURNED: gettext_lazy("Returned: read the guidance and revise."),
    State.APPROVED: gettext_lazy("Approved: waiting to be published."),
    State.PUBLISHED: gettext_lazy("Published: the public can see it."),
    State.SUPERSEDED: gettext_lazy("Superseded by an amendment."),
}
ORAL_NEXT_ACTION = gettext_lazy("An oral pledge: your secretary records it on your behalf.")


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _next_url(request, default: str) -> str:
    candidate = request.POST.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return candidate
    return default


def _detail_url(pledge, anchor: str = "") -> str:
    return reverse("pledges:detail", args=[pledge.pk]) + (f"#{anchor}" if anchor else "")


# ---- my pledges ---------------------------------------------------------------------------

@login_required
def pledges_mine(request):
    """The logged-in member's pledges in the cycles of their organization, with the next
    step for each and buttons to start the missing ones."""
    member = member_of(request.user)
    if member is None:
        return render(request, "pledges/mine.html", {"member": None})
    member = access_member(request.user, member.pk)
    cycles = selectors.cycles_for_member(member)
    pledges = list(selectors.member_pledges(member, cycles))
    residence = member.residence_organization if member.in_service else None
    residence_paths = ([*residence.ancestor_paths(), residence.path]
                       if residence is not None else [])
    rows = []
    for cycle in cycles:
        mine = {p.scope: p for p in pledges if p.cycle_id == cycle.pk}
        entries = []
        for scope, where in ((Scope.WORK, member.organization), (Scope.RESIDENCE, residence)):
            if where is None:
                continue
            if scope == Scope.RESIDENCE and cycle.organization.path not in residence_paths:
                continue
            pledge = mine.get(scope)
            next_action = None
            if pledge is not None:
                oral = pledge.current_version and pledge.current_version.is_oral
                next_action = (ORAL_NEXT_ACTION if oral and pledge.state == State.DRAFT
                               else NEXT_ACTION[pledge.state])
            entries.append({"scope": Scope(scope), "where": where, "pledge": pledge,
                            "next_action": next_action})
        rows.append({"cycle": cycle, "entries": entries})
    return render(request, "pledges/mine.html", {"member": member, "rows": rows})


@login_required
@require_POST
def pledge_start(request):
    """Start a pledge: the member for themself, a secretary for a member (an oral pledge
    for an eligible member) or for their organization."""
    form = StartForm(request.POST)
    back = _next_url(request, reverse("pledges:mine"))
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect(back)
    data = form.cleaned_data
    cycle = get_object_or_404(Cycle.objects.select_related("organization"), pk=data["cycle"])
    member = (access.access_pledge_owner(request.user, data["member"], data["scope"])
              if data["member"] else None)
    organization = (access_organization(request.user, data["organization"])
                    if data["organization"] else None)
    try:
        pledge = services.pledge_start(actor=request.user, cycle=cycle, member=member,
                                       organization=organization, scope=data["scope"],
                                       oral=data["oral"])
    except ValidationError as error:
        messages.error(request, _error_text(error))
        owner = {"member": member} if member else {"owner_organization": organization}
        existing = access.pledges_for(request.user).filter(
            cycle=cycle, scope=data["scope"], **owner).first()
        return redirect(_detail_url(existing) if existing else back)
    messages.success(request, _("Pledge started. Now add the commitments."))
    return redirect(_detail_url(pledge, "add-item"))


# ---- the pledge page ----------------------------------------------------------------------

def _pick_version(request, versions, pledge):
    current = next(v for v in versions if v.pk == pledge.current_version_id)
    wanted = request.GET.get("version", "")
    if wanted:
        try:
            return current, next(v for v in versions if v.number == int(wanted))
        except (ValueError, StopIteration):
            raise Http404 from None
    return current, current


def _detail_context(request, pledge, **forms) -> dict:
    user = request.user
    versions = selectors.versions_of(pledge)
    current, version = _pick_version(request, versions, pledge)
    published = next((v for v in versions if v.pk == pledge.published_version_id), None)
    is_current = version.pk == current.pk
    may_edit = access.may_edit(user, pledge)
    may_publish = access.may_publish(user, pledge)
    editable = is_current and current.state == State.DRAFT and may_edit
    # Amendments of a published pledge are not bound by the commitment deadline.
    deadline_passed = (pledge.published_version_id is None
                       and timezone.localdate() > pledge.deadline())
    previous = selectors.previous_submitted(versions, current)
    # The guidance the owner works from: the current return, or the return this draft revises.
    guidance_from = None
    if current.state == State.RETURNED:
        guidance_from = current
    elif current.state == State.DRAFT and previous is not None \
            and previous.state == State.RETURNED:
        guidance_from = previous
    suggestions = list(selectors.suggestions_open_to(pledge)) if editable else []
    context = {
        "pledge": pledge,
        "versions": versions,
        "version": version,
        "current": current,
        "published": published,
        "is_current": is_current,
        "minimum": services.minimum_items(pledge),
        "extensions": list(pledge.extensions.select_related("granted_by")),
        "deadline_passed": deadline_passed,
        "guidance_from": guidance_from,
        "editable": editable,
        "is_oral": current.is_oral,
        "can_revise": current.state == State.RETURNED and may_edit,
        "can_withdraw": current.state == State.SUBMITTED and may_edit,
        "can_publish": current.state == State.APPROVED and may_publish,
        "can_record": published is not None and may_publish,
        "can_amend": current.state == State.PUBLISHED and may_edit,
        "may_report": published is not None and progress_access.may_report(user, pledge),
        "can_review": (current.state == State.SUBMITTED and access.may_review(user, pledge)
                       and not access.reviews_own_work(user, pledge)),
        "can_extend": (deadline_passed and current.state in (State.DRAFT, State.RETURNED)
                       and access.may_extend(user, pledge)),
        "next_action": NEXT_ACTION[current.state],
    }
    if editable:
        context["item_form"] = forms.get("item_form") or ItemForm(
            pledge=pledge, suggestions=suggestions, auto_id="add_%s")
        context["submit_form"] = forms.get("submit_form") or SubmitForm()
    if context["can_publish"]:
        context["publish_form"] = forms.get("publish_form") or PublishForm()
    if context["can_record"]:
        context["publication_form"] = forms.get("publication_form") or PublicationForm(
            initial={"date": timezone.localdate()})
    if context["can_amend"]:
        context["amend_form"] = forms.get("amend_form") or AmendForm()
    if context["can_extend"]:
        context["extend_form"] = forms.get("extend_form") or ExtendForm()
    # A refused action whose form the page no longer offers (the pledge moved on, or the
    # user may not do it) still says why, at the top of the page.
    context["action_errors"] = [
        message for name, form in forms.items() if context.get(name) is not form
        for errors in form.errors.values() for message in errors]
    return context


def _render_detail(request, pledge, **forms):
    return render(request, "pledges/detail.html", _detail_context(request, pledge, **forms))


@login_required
def pledge_detail(request, pk):
    pledge = access.access_pledge(request.user, pk)
    return _render_detail(request, pledge)


@login_required
@require_POST
def item_add(request, pk):
    pledge = access.access_pledge(request.user, pk)
    form = ItemForm(request.POST, pledge=pledge,
                    suggestions=selectors.suggestions_open_to(pledge), auto_id="add_%s")
    if form.is_valid():
        try:
            services.item_add(actor=request.user, pledge=pledge, **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Item added."))
            return redirect(_detail_url(pledge, "items"))
    return _render_detail(request, pledge, item_form=form)


def _item_of(pledge, item_pk) -> PledgeItem:
    return get_object_or_404(
        PledgeItem.objects.select_related("version").prefetch_related(
            "milestones", "suggestions"),
        pk=item_pk, version__pledge=pledge)


@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request, pk, item_pk):
    """Edit one item of the draft: inline through htmx, or as a page of its own."""
    pledge = access.access_pledge(request.user, pk)
    item = _item_of(pledge, item_pk)
    suggestions = selectors.suggestions_open_to(pledge)
    form = ItemForm(request.POST or None, pledge=pledge, suggestions=suggestions, item=item,
                    auto_id=f"item{item.pk}_%s")
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(actor=request.user, item=item, **form.service_fields())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Item saved."))
            return redirect(_detail_url(pledge, f"item-{item.pk}"))
    context = {"pledge": pledge, "item": item, "form": form}
    if request.method == "GET" and request.headers.get("HX-Request"):
        return render(request, "pledges/_item_edit.html", context)
    return render(request, "pledges/item_edit.html", context)


@login_required
@require_POST
def item_remove(request, pk, item_pk):
    pledge = access.access_pledge(request.user, pk)
    item = _item_of(pledge, item_pk)
    try:
        services.item_remove(actor=request.user, item=item)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Item removed."))
    return redirect(_detail_url(pledge, "items"))


@login_required
@require_POST
def pledge_submit(request, pk):
    pledge = access.access_pledge(request.user, pk)
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            services.pledge_submit(actor=request.user, pledge=pledge,
                                   note=form.cleaned_data["note"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Submitted for review."))
            return redirect(_detail_url(pledge))
    return _render_detail(request, pledge, submit_form=form)


def _button_action(request, pk, service, success: str):
    """A one-button action on the pledge page: call the service, say what happened, and go
    back to the page (a refusal is shown there as a message; nothing changed)."""
    pledge = access.access_pledge(request.user, pk)
    try:
        service(actor=request.user, pledge=pledge)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, success)
    return redirect(_detail_url(pledge))


@login_required
@require_POST
def pledge_withdraw(request, pk):
    return _button_action(request, pk, services.pledge_withdraw, _(
        "The submission was withdrawn; the draft can be edited again. Submit it when it is "
        "ready."))


@login_required
@require_POST
def pledge_revise(request, pk):
    return _button_action(request, pk, services.pledge_revise, _(
        "A new draft was made from the returned version. Change it following the guidance, "
        "then submit it again."))


def _form_action(request, pk, form_class, form_name: str, act, success: str,
                 anchor: str | None = None):
    """The shape every action form on the pledge page shares: fetch through the permission
    layer, call the service, and on a refusal show the page again with the form's errors."""
    pledge = access.access_pledge(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            act(pledge, form)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, success)
            return redirect(_detail_url(pledge, anchor) if anchor else _detail_url(pledge))
    return _render_detail(request, pledge, **{form_name: form})


@login_required
@require_POST
def pledge_publish(request, pk):
    def act(pledge, form):
        services.pledge_publish(actor=request.user, pledge=pledge, channels=form.channels())

    return _form_action(request, pk, PublishForm, "publish_form", act,
                        _("Published and recorded in the ledger."))


@login_required
@require_POST
def publication_record(request, pk):
    def act(pledge, form):
        services.publication_record(actor=request.user, pledge=pledge, **form.cleaned_data)

    return _form_action(request, pk, PublicationForm, "publication_form", act,
                        _("Publication channel recorded."), anchor="publication")


@login_required
@require_POST
def pledge_amend(request, pk):
    def act(pledge, form):
        services.pledge_amend(actor=request.user, pledge=pledge,
                              reason=form.cleaned_data["reason"])

    return _form_action(request, pk, AmendForm, "amend_form", act, _(
        "An amendment was started. The public keeps seeing the published version until the "
        "amendment is approved and published."))


@login_required
@require_POST
def pledge_extend(request, pk):
    def act(pledge, form):
        services.pledge_extend_deadline(actor=request.user, pledge=pledge,
                                        **form.cleaned_data)

    return _form_action(request, pk, ExtendForm, "extend_form", act, _("Deadline extended."))


# ---- the reviewer's page ------------------------------------------------------------------

def _diff_labels() -> dict[str, str]:
    return {"category": _("Category"), "content": _("Commitment"),
            "target": _("Measurable target"), "due_date": _("Due date"),
            "milestones": _("Milestones"), "suggestions": _("Suggestions taken up")}


def _review_context(request, pledge, form) -> dict:
    versions = selectors.versions_of(pledge)
    version = next(v for v in versions if v.pk == pledge.current_version_id)
    items = list(version.items.all())
    advice = advise(
        [ItemText(key=str(i.pk), content=i.content, target=i.target, due_date=i.due_date)
         for i in items],
        minimum_items=services.minimum_items(pledge),
        maximum_items=max(pledge.cycle.maximum_items, services.minimum_items(pledge)),
        others=selectors.other_items(pledge), cycle_end=pledge.cycle.ends)
    previous = selectors.previous_submitted(versions, version)
    changes = (diff.compare(list(previous.items.all()), items, _diff_labels())
               if previous is not None else [])
    return {
        "pledge": pledge,
        "version": version,
        "versions": versions,
        "decided": version.state != State.SUBMITTED,
        "already_decided": version.state in (State.APPROVED, State.RETURNED, State.PUBLISHED,
                                             State.SUPERSEDED),
        "form": form,
        "leader": pledge.member_id is not None and pledge.member.holds_leadership_post,
        "minimum": services.minimum_items(pledge),
        "rows": [{"item": i, "flags": [(concern_label(f.concern), f)
                                       for f in advice.item_flags.get(str(i.pk), [])]}
                 for i in items],
        "pledge_flags": [(concern_label(f.concern), f) for f in advice.pledge_flags],
        "flag_count": advice.flag_count,
        "previous": previous,
        "changes": changes,
        "change_summary": diff.summary(changes),
    }


@login_required
@require_http_methods(["GET", "POST"])
def pledge_review(request, pk):
    """审诺: the submitted version with the advisor's flags, the changes since the previous
    submission, the five criteria, and approve or return."""
    pledge = access.access_pledge(request.user, pk, Need.REVIEW)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pledge_review(actor=request.user, pledge=pledge, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
            pledge = access.access_pledge(request.user, pk, Need.REVIEW)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect(_detail_url(pledge))
    return render(request, "pledges/review.html", _review_context(request, pledge, form))
