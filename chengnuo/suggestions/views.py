"""Suggestion pages: the public form (loaded on demand into the cached board, or as a page
of its own without JavaScript) and the secretary's list for answering."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from chengnuo.accounts.permissions import Need, access_organization, organizations_for
from chengnuo.layout.forms import apply_errors
from chengnuo.layout.human_check import LIMITED, THANKS, render_public_form, submit_checked
from chengnuo.organizations.selectors import public_organization
from chengnuo.pledges.models import PledgeItem

from . import services
from .forms import AnswerForm, SuggestionForm
from .models import Outcome, Suggestion

RATE_LIMIT = 5  # attempts per client and organization ...
RATE_WINDOW = 10 * 60  # ... in this many seconds
PAGE_SIZE = 20


@never_cache
@require_http_methods(["GET", "POST"])
def suggestion_form(request, slug):
    """GET: the form (a fragment for htmx, a page otherwise); POST: leave the suggestion."""
    organization = public_organization(slug)
    if organization is None:
        raise Http404
    context = {"organization": organization, "template": "suggestions/_form.html"}
    status = 200
    collecting = organization.is_grassroots and services.open_cycle_for(organization)
    if not collecting:
        context["closed"] = True
    elif request.method == "POST":
        form = SuggestionForm(request.POST, organization=organization)
        outcome = submit_checked(
            request, form, scope=f"suggestions:rate:{organization.pk}", limit=RATE_LIMIT,
            window=RATE_WINDOW, submit=lambda data: services.suggestion_leave(
                actor=request.user, organization=organization, text=data["text"],
                author_name=data["author_name"], contact=data["contact"]))
        if outcome == LIMITED:
            context["limited"], status = True, 429
        elif outcome == THANKS:
            context["thanks"] = True
        context["form"] = form
    else:
        context["form"] = SuggestionForm(organization=organization)
    return render_public_form(request, context, fragment="suggestions/_form.html",
                              page="suggestions/form_page.html", status=status)


def _item_choices(organization, cycle_ids) -> dict[int, list[tuple[int, str]]]:
    """Per cycle, the items an adopted suggestion may name: items of the current and the
    published version of every pledge made at organization (one query)."""
    items = (PledgeItem.objects
             .filter(version__pledge__organization=organization,
                     version__pledge__cycle_id__in=cycle_ids)
             .filter(Q(version=F("version__pledge__current_version"))
                     | Q(version=F("version__pledge__published_version")))
             .select_related("version__pledge__member", "version__pledge__owner_organization")
             .order_by("version__pledge__member__name", "version__pledge_id", "-version__number",
                       "position", "pk"))
    choices: dict[int, list[tuple[int, str]]] = {}
    for item in items:
        pledge = item.version.pledge
        label = _("%(owner)s, version %(number)s: %(item)s") % {
            "owner": pledge.owner_label, "number": item.version.number,
            "item": item.content[:50]}
        choices.setdefault(pledge.cycle_id, []).append((item.pk, label))
    return choices


@login_required
def suggestion_manage(request, slug):
    """The organization's suggestions, to answer each one in public."""
    organization = access_organization(request.user, slug, Need.MANAGE)
    outcome = request.GET.get("outcome", "")
    suggestions = (Suggestion.objects.filter(organization=organization)
                   .select_related("cycle", "item").order_by("-created_at", "-pk"))
    if outcome in Outcome.values:
        suggestions = suggestions.filter(outcome=outcome)
    page = Paginator(suggestions, PAGE_SIZE).get_page(request.GET.get("page"))
    choices = _item_choices(organization, {s.cycle_id for s in page.object_list})
    rows = [(s, AnswerForm(prefix=f"s{s.pk}", items=choices.get(s.cycle_id, []), initial={
        "outcome": s.outcome if s.outcome != Outcome.PENDING else Outcome.ADOPTED,
        "item": s.item_id, "answer": s.answer})) for s in page.object_list]
    return render(request, "suggestions/manage.html", {
        "organization": organization, "page": page, "rows": rows, "outcome": outcome,
        "outcomes": Outcome.choices})


def _managed_suggestion(request, pk) -> Suggestion:
    """The suggestion pk if it was made to an organization the user manages; 404 otherwise."""
    try:
        return (Suggestion.objects.filter(
            organization__in=organizations_for(request.user, Need.MANAGE))
            .select_related("organization", "cycle").get(pk=pk))
    except (Suggestion.DoesNotExist, ValueError):
        raise Http404 from None


def _back_to_manage(request, organization) -> str:
    back = request.POST.get("next", "")
    manage = reverse("suggestions:manage", args=[organization.slug])
    return back if back.startswith(manage) else manage


@login_required
@require_POST
def suggestion_withhold(request, pk):
    """Keep a suggestion's text off the public board (with the reason), or show it again."""
    suggestion = _managed_suggestion(request, pk)
    try:
        if request.POST.get("release"):
            services.suggestion_release(actor=request.user, suggestion=suggestion)
            messages.success(request, _("The suggestion is shown on the public board again."))
        else:
            services.suggestion_withhold(actor=request.user, suggestion=suggestion,
                                         reason=request.POST.get("reason", ""))
            messages.success(request, _("The suggestion is no longer shown; the public board "
                                        "says it was withheld and why."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_back_to_manage(request, suggestion.organization)
                    + f"#suggestion-{suggestion.pk}")


@login_required
@require_POST
def suggestion_answer(request, pk):
    """Record the public answer to one suggestion through the service."""
    suggestion = _managed_suggestion(request, pk)
    organization = suggestion.organization
    choices = _item_choices(organization, [suggestion.cycle_id]).get(suggestion.cycle_id, [])
    form = AnswerForm(request.POST, prefix=f"s{suggestion.pk}", items=choices)
    back = _back_to_manage(request, organization)
    if form.is_valid():
        item = None
        if form.cleaned_data["item"] is not None:
            item = PledgeItem.objects.filter(pk=form.cleaned_data["item"]).first()
        try:
            services.suggestion_answer(
                actor=request.user, suggestion=suggestion,
                outcome=form.cleaned_data["outcome"], answer=form.cleaned_data["answer"],
                item=item if form.cleaned_data["outcome"] == Outcome.ADOPTED else None)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The answer is saved and shown on the public board."))
            return redirect(back)
    suggestion.refresh_from_db()
    return render(request, "suggestions/answer_error.html", {
        "organization": organization, "suggestion": suggestion, "form": form, "back": back},
        status=400)
