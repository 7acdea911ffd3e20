from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.http import require_http_methods, require_POST

from chengnuo.accounts.permissions import (
    Need,
    access_organization,
    can,
    sees_other_members,
)
from chengnuo.audit.services import events_for
from chengnuo.boards.views import board_context
from chengnuo.layout.forms import apply_errors
from chengnuo.members.models import CATEGORY_FIELDS, Member

from . import selectors, services
from .forms import OrganizationCreateForm, OrganizationEditForm, PostForm
from .models import ALLOWED_CHILD_KINDS, Post

PAGE_SIZE = 50
PUBLIC_MAX_AGE = 60  # seconds a public page may be served from a cache


@login_required
def organization_detail(request, slug):
    organization = access_organization(request.user, slug)
    children = Paginator(selectors.organization_children(organization), PAGE_SIZE).get_page(
        request.GET.get("page"))
    ancestors = list(selectors.organization_ancestors(organization))
    # Ancestors above the user's reach are shown by name only, without a link.
    visible_ancestors = {a.pk for a in ancestors if can(request.user, Need.VIEW, a)}
    members = selectors.organization_members(organization)[:PAGE_SIZE]
    search = request.GET.get("q", "").strip()[:50]
    may_manage = can(request.user, Need.MANAGE, organization)
    return render(request, "organizations/detail.html", {
        "search": search,
        "found": selectors.subtree_search(organization, search)[:PAGE_SIZE] if search else None,
        "history": events_for(organization)[:10] if may_manage else [],
        "organization": organization,
        "ancestors": ancestors,
        "visible_ancestors": visible_ancestors,
        "children": children,
        "posts": selectors.organization_posts(organization),
        "members": members,
        "counts": selectors.subtree_counts(organization),
        "may_manage": may_manage,
        "link_members": sees_other_members(request.user),
        "may_import": can(request.user, Need.IMPORT, organization),
        "may_add_child": bool(ALLOWED_CHILD_KINDS[organization.kind]),
    })


@login_required
def member_list(request, slug):
    organization = access_organization(request.user, slug)
    subtree = request.GET.get("scope") == "subtree"
    category = request.GET.get("category", "")
    if category not in CATEGORY_FIELDS:
        category = ""
    search = request.GET.get("q", "")[:50]
    members = selectors.organization_members(organization, subtree=subtree, search=search,
                                             category=category)
    page = Paginator(members, PAGE_SIZE).get_page(request.GET.get("page"))
    # An htmx request (the filter form) only needs the results, not the whole page.
    template = ("organizations/_member_results.html" if request.headers.get("HX-Request")
                and not request.headers.get("HX-History-Restore-Request")
                else "organizations/member_list.html")
    return render(request, template, {
        "organization": organization,
        "page": page,
        "subtree": subtree,
        "search": search,
        "category": category,
        "categories": [(name, Member._meta.get_field(name).verbose_name)
                       for name in CATEGORY_FIELDS],
        "may_manage": can(request.user, Need.MANAGE, organization),
        "link_members": sees_other_members(request.user),
    })


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, slug):
    organization = access_organization(request.user, slug, Need.MANAGE)
    initial = {"name": organization.name, "sector": organization.sector,
               "secretary": organization.secretary}
    form = OrganizationEditForm(request.POST or None, initial=initial,
                                organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            services.organization_update(
                actor=request.user, organization=organization,
                name=form.cleaned_data["name"],
                sector=form.cleaned_data.get("sector", organization.sector),
                secretary=form.cleaned_data.get("secretary"))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("organizations:detail", slug=organization.slug)
    return render(request, "organizations/form.html", {
        "organization": organization, "form": form, "title": _("Edit organization"),
        "delete_url": reverse("organizations:delete", args=[organization.slug])
        if organization.parent_id else None})


@login_required
@require_POST
def organization_delete(request, slug):
    organization = access_organization(request.user, slug, Need.MANAGE)
    parent = organization.parent
    try:
        services.organization_delete(actor=request.user, organization=organization)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("organizations:edit", slug=organization.slug)
    messages.success(request, _("Organization deleted."))
    return redirect("organizations:detail", slug=parent.slug)


@login_required
@require_POST
def post_delete(request, slug, post_id):
    organization = access_organization(request.user, slug, Need.MANAGE)
    post = Post.objects.filter(organization=organization, pk=post_id).first()
    if post is None:
        raise Http404
    services.post_delete(actor=request.user, post=post)
    messages.success(request, _("Post deleted; its members are without a duty post again."))
    return redirect("organizations:detail", slug=organization.slug)


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request, slug):
    parent = access_organization(request.user, slug, Need.MANAGE)
    allowed = ALLOWED_CHILD_KINDS[parent.kind]
    if not allowed:
        raise Http404
    form = OrganizationCreateForm(request.POST or None, allowed_kinds=allowed)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.organization_create(actor=request.user, parent=parent,
                                                 **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Organization created."))
            return redirect("organizations:detail", slug=child.slug)
    return render(request, "organizations/form.html", {
        "organization": parent, "form": form, "title": _("Add a subordinate organization")})


@login_required
@require_http_methods(["GET", "POST"])
def post_edit(request, slug, post_id=None):
    organization = access_organization(request.user, slug, Need.MANAGE)
    post = None
    if post_id is not None:
        # Looked up inside the organization already authorized: another one's post is a 404.
        post = Post.objects.filter(organization=organization, pk=post_id).first()
        if post is None:
            raise Http404
    form = PostForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        fields = {"name": form.cleaned_data["name"],
                  "responsibilities": form.cleaned_data["responsibilities"]}
        try:
            if post is None:
                services.post_create(actor=request.user, organization=organization, **fields)
            else:
                services.post_update(actor=request.user, post=post, **fields)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("organizations:detail", slug=organization.slug)
    return render(request, "organizations/form.html", {
        "organization": organization, "form": form,
        "title": _("Edit post") if post else _("Add a duty post"),
        "delete_url": reverse("organizations:post_delete", args=[organization.slug, post.pk])
        if post else None})


@cache_control(public=True, max_age=PUBLIC_MAX_AGE)
@cache_page(PUBLIC_MAX_AGE)
def public_organization(request, slug):
    """Anyone may open it; it shows only what is public and sets no cookie, so proxies and
    the shared cache (one entry per language) can serve the bursts when boards go up."""
    organization = selectors.public_organization(slug)
    if organization is None:
        raise Http404
    # The suggestion form (with its CSRF token) is loaded separately, on demand.
    return render(request, "organizations/public.html", board_context(request, organization))
