"""State changes of organizations and posts. Each function is one transaction that checks
the actor's reach and the tree's rules, writes, and records the change in the audit trail."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import Need, can, require
from chengnuo.audit.services import audit_event, changes_between, snapshot
from chengnuo.members.models import Member

from . import tree
from .models import ALLOWED_CHILD_KINDS, GRASSROOTS_KINDS, Organization, Post

ORGANIZATION_FIELDS = ("name", "kind", "sector", "secretary", "slug", "parent")
POST_FIELDS = ("name", "responsibilities")


def check_placement(*, parent: Organization | None, kind: str, sector: str) -> None:
    """The tree's shape rules: which kind may sit under which; sectors on grassroots only."""
    allowed = ALLOWED_CHILD_KINDS[parent.kind if parent else None]
    if kind not in allowed:
        raise ValidationError(
            {"kind": _("A %(kind)s cannot be placed under %(parent)s.")
             % {"kind": Organization(kind=kind).get_kind_display(),
                "parent": parent.name if parent else _("the top of the tree")}})
    if kind in GRASSROOTS_KINDS and not sector:
        raise ValidationError({"sector": _("A grassroots organization needs a sector.")})
    if kind not in GRASSROOTS_KINDS and sector:
        raise ValidationError({"sector": _("Only grassroots organizations have a sector.")})


def next_child_path(parent: Organization | None) -> str:
    """The path for a new child of parent; the caller holds the lock on parent."""
    siblings = (Organization.objects.filter(parent=parent) if parent
                else Organization.objects.filter(depth=1))
    last = siblings.aggregate(last=Max("path"))["last"]
    index = tree.step_index(last) + 1 if last else 1
    if index > tree.MAX_CHILDREN:
        raise ValidationError(_("This organization already has the most children allowed."))
    return tree.child_path(parent.path if parent else "", index)


def _check_secretary(organization: Organization, secretary: Member | None) -> None:
    if secretary is not None and secretary.organization_id != organization.pk:
        raise ValidationError(
            {"secretary": _("The secretary must be a member of this organization.")})


@transaction.atomic
def organization_create(*, actor, parent: Organization | None, name: str, kind: str,
                        sector: str = "", slug: str = "") -> Organization:
    """Create an organization under parent.

    Rule: only an admin of parent's subtree (or a system admin, for a new province) may add
    to it, and the tree keeps its shape (ALLOWED_CHILD_KINDS).
    """
    if parent is None:
        if not (actor.is_active and actor.is_superuser):
            raise ValidationError(_("Only a system admin may create a top-level organization."))
    else:
        parent = Organization.objects.select_for_update().get(pk=parent.pk)
        require(actor, Need.MANAGE, parent)
    check_placement(parent=parent, kind=kind, sector=sector)
    path = next_child_path(parent)
    organization = Organization(parent=parent, path=path, depth=tree.depth_of(path),
                                name=name.strip(), kind=kind, sector=sector)
    if slug:
        organization.slug = slug
    organization.full_clean()
    organization.save()
    audit_event(actor=actor, action="organization.create", subject=organization,
                changes=changes_between({}, snapshot(organization, ORGANIZATION_FIELDS)))
    return organization


@transaction.atomic
def organization_update(*, actor, organization: Organization, name: str, sector: str,
                        secretary: Member | None) -> Organization:
    """Rename an organization, change its sector or secretary.

    Rule: an admin of its subtree only; the secretary is one of its own members. Moving
    an organization in the tree is not an edit (its path and all below would change).
    """
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    require(actor, Need.MANAGE, organization)
    check_placement(parent=organization.parent, kind=organization.kind, sector=sector)
    _check_secretary(organization, secretary)
    before = snapshot(organization, ORGANIZATION_FIELDS)
    organization.name, organization.sector, organization.secretary = (
        name.strip(), sector, secretary)
    organization.full_clean()
    changes = changes_between(before, snapshot(organization, ORGANIZATION_FIELDS))
    if changes:
        organization.save(update_fields=["name", "sector", "secretary", "updated_at"])
        audit_event(actor=actor, action="organization.update", subject=organization,
                    changes=changes)
    return organization


@transaction.atomic
def post_create(*, actor, organization: Organization, name: str,
                responsibilities: str) -> Post:
    """Define a duty post (设岗定责) in an organization the actor manages."""
    require(actor, Need.MANAGE, organization)
    post = Post(organization=organization, name=name.strip(),
                responsibilities=responsibilities.strip())
    post.full_clean()
    post.save()
    audit_event(actor=actor, action="post.create", subject=post,
                changes=changes_between({}, snapshot(post, POST_FIELDS)))
    return post


@transaction.atomic
def post_update(*, actor, post: Post, name: str, responsibilities: str) -> Post:
    post = (Post.objects.select_for_update(of=("self",)).select_related("organization")
            .get(pk=post.pk))
    require(actor, Need.MANAGE, post.organization)
    before = snapshot(post, POST_FIELDS)
    post.name, post.responsibilities = name.strip(), responsibilities.strip()
    post.full_clean()
    changes = changes_between(before, snapshot(post, POST_FIELDS))
    if changes:
        post.save(update_fields=["name", "responsibilities"])
        audit_event(actor=actor, action="post.update", subject=post, changes=changes)
    return post


@transaction.atomic
def post_assign(*, actor, post: Post, member: Member) -> Member:
    """Assign a member without a post to a duty post of their own organization.

    Rule: guideline part 一 item 四, 无职党员要结合党员设岗定责开展承诺 — only members
    without a post are assigned one, and only within their own organization.
    """
    member = Member.objects.select_for_update(of=("self",)).select_related("organization").get(
        pk=member.pk)
    require(actor, Need.MANAGE, member)
    if post.organization_id != member.organization_id:
        raise ValidationError({"post": _("The post belongs to another organization.")})
    if not member.without_post:
        raise ValidationError(
            {"post": _("Only a member without a post can be assigned a duty post.")})
    before = snapshot(member, ["post"])
    member.post = post
    changes = changes_between(before, snapshot(member, ["post"]))
    if changes:
        member.save(update_fields=["post", "updated_at"])
        audit_event(actor=actor, action="member.assign_post", subject=member,
                    changes=changes)
    return member


@transaction.atomic
def post_unassign(*, actor, member: Member) -> Member:
    member = Member.objects.select_for_update(of=("self",)).select_related(
        "organization", "post").get(
        pk=member.pk)
    require(actor, Need.MANAGE, member)
    if member.post_id is not None:
        before = snapshot(member, ["post"])
        member.post = None
        member.save(update_fields=["post", "updated_at"])
        audit_event(actor=actor, action="member.unassign_post", subject=member,
                    changes=changes_between(before, snapshot(member, ["post"])))
    return member


@transaction.atomic
def organization_delete(*, actor, organization: Organization) -> None:
    """Remove an organization entered by mistake.

    Rule: only an empty one (no subordinate organizations, no members, no one reporting to
    it as their residence community) may go, and never the top of the actor's own reach:
    history is kept by moving members first, never by deleting them with their branch.
    """
    organization = Organization.objects.select_for_update().get(pk=organization.pk)
    require(actor, Need.MANAGE, organization)
    if organization.parent_id is None or not can(actor, Need.MANAGE, organization.parent):
        raise ValidationError(_("Only an admin of the superior organization may delete it."))
    if (organization.children.exists() or organization.members.exists()
            or organization.residents.exists()):
        raise ValidationError(_("Only an organization without subordinate organizations and "
                                "members can be deleted."))
    audit_event(actor=actor, action="organization.delete", subject=organization,
                changes=changes_between(snapshot(organization, ORGANIZATION_FIELDS), {}))
    organization.delete()


@transaction.atomic
def post_delete(*, actor, post: Post) -> None:
    """Remove a duty post; its holders become members without a duty post again."""
    post = (Post.objects.select_for_update(of=("self",)).select_related("organization")
            .get(pk=post.pk))
    require(actor, Need.MANAGE, post.organization)
    holders = list(post.holders.values_list("pk", flat=True))
    audit_event(actor=actor, action="post.delete", subject=post,
                changes={**changes_between(snapshot(post, POST_FIELDS), {}),
                         "holders": [str(len(holders)), None]})
    Member.objects.filter(pk__in=holders).update(post=None)
    post.delete()
