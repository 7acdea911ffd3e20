"""Reads shared by the organization pages (and later the API); each returns a queryset
with what the page needs joined in, so a page's query count does not grow with rows."""

from django.db.models import Count, QuerySet

from chengnuo.members.models import Member

from . import tree
from .models import Organization, Post


def organization_children(organization: Organization) -> QuerySet[Organization]:
    return (organization.children.select_related("secretary")
            .annotate(child_count=Count("children", distinct=True),
                      member_count=Count("members", distinct=True))
            .order_by("path"))


def subtree_search(organization: Organization, text: str) -> QuerySet[Organization]:
    """Organizations under organization whose name contains text, nearest levels first."""
    return (Organization.objects.filter(tree.subtree_q(organization.path),
                                        name__icontains=text)
            .select_related("parent").order_by("depth", "path"))


def organization_ancestors(organization: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(path__in=organization.ancestor_paths()).order_by("path")


def organization_posts(organization: Organization) -> QuerySet[Post]:
    return organization.posts.annotate(holder_count=Count("holders")).order_by("name")


def organization_members(organization: Organization, *, subtree: bool = False,
                         search: str = "", category: str = "") -> QuerySet[Member]:
    members = (Member.objects.filter(tree.subtree_q(organization.path, "organization__path"))
               if subtree else Member.objects.filter(organization=organization))
    if search:
        members = members.filter(name__icontains=search.strip())
    if category:
        members = members.filter(**{category: True})
    return members.select_related("organization", "post", "residence_organization").order_by(
        "organization__path", "name", "pk")


def subtree_counts(organization: Organization) -> dict[str, int]:
    """Organizations and members at or under organization: two indexed range counts."""
    return {
        "organizations": Organization.objects.filter(tree.subtree_q(organization.path)).count(),
        "members": Member.objects.filter(
            tree.subtree_q(organization.path, "organization__path")).count(),
    }


def public_organization(slug: str) -> Organization | None:
    return (Organization.objects.select_related("secretary", "parent")
            .annotate(member_count=Count("members")).filter(slug=slug).first())
