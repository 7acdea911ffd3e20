import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import tree


class Kind(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    COUNTY = "county", _("County / district")
    TOWNSHIP = "township", _("Township / street")
    COMMITTEE = "committee", _("Party committee")
    GENERAL_BRANCH = "general_branch", _("General branch")
    BRANCH = "branch", _("Branch")


ADMINISTRATIVE_KINDS = {Kind.PROVINCE, Kind.CITY, Kind.COUNTY, Kind.TOWNSHIP}
GRASSROOTS_KINDS = {Kind.COMMITTEE, Kind.GENERAL_BRANCH, Kind.BRANCH}
# A fixed order for the database constraint, so migrations do not churn with set order.
GRASSROOTS_ORDER = ["committee", "general_branch", "branch"]

# Which kinds may hang under which. Grassroots organizations may sit under any
# administrative level (a county's organs have their own committees), but an
# administrative level never sits under a grassroots organization.
ALLOWED_CHILD_KINDS = {
    None: {Kind.PROVINCE},
    Kind.PROVINCE: {Kind.CITY} | GRASSROOTS_KINDS,
    Kind.CITY: {Kind.COUNTY} | GRASSROOTS_KINDS,
    Kind.COUNTY: {Kind.TOWNSHIP} | GRASSROOTS_KINDS,
    Kind.TOWNSHIP: GRASSROOTS_KINDS,
    Kind.COMMITTEE: {Kind.GENERAL_BRANCH, Kind.BRANCH},
    Kind.GENERAL_BRANCH: {Kind.BRANCH},
    Kind.BRANCH: set(),
}


class Sector(models.TextChoices):
    RURAL = "rural", _("Rural")
    COMMUNITY = "community", _("Community")
    GOVERNMENT = "government", _("Government organ")
    PUBLIC_INSTITUTION = "public_institution", _("Public institution")
    STATE_ENTERPRISE = "state_enterprise", _("State-owned enterprise")
    PRIVATE_ENTERPRISE = "private_enterprise", _("Non-public enterprise")
    SOCIAL_ORGANIZATION = "social_organization", _("Social organization")
    SCHOOL = "school", _("School")


def new_slug() -> str:
    return secrets.token_hex(5)


class OrganizationQuerySet(models.QuerySet):
    def subtree_of(self, organization: "Organization") -> "OrganizationQuerySet":
        return self.filter(tree.subtree_q(organization.path))

    def descendants_of(self, organization: "Organization") -> "OrganizationQuerySet":
        return self.subtree_of(organization).exclude(pk=organization.pk)


class Organization(models.Model):
    """A node of the tree: an administrative level or a grassroots party organization."""

    path = models.CharField(max_length=64, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(editable=False)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        verbose_name=_("parent organization"),
    )
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sector = models.CharField(_("sector"), max_length=24, choices=Sector.choices, blank=True)
    secretary = models.ForeignKey(
        "members.Member", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=pgettext_lazy("party", "secretary"),
    )
    slug = models.SlugField(_("code"), max_length=40, unique=True, default=new_slug,
                            help_text=_("Public code used in links and roster files."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind__in=GRASSROOTS_ORDER) & ~models.Q(sector="")
                ) | (~models.Q(kind__in=GRASSROOTS_ORDER) & models.Q(sector="")),
                name="organization_sector_exactly_on_grassroots",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_grassroots(self) -> bool:
        return self.kind in GRASSROOTS_KINDS

    def ancestor_paths(self) -> list[str]:
        return tree.ancestor_paths(self.path)


class Post(models.Model):
    """A duty post (设岗定责) an organization defines for members without a post."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="posts",
        verbose_name=_("organization"),
    )
    name = models.CharField(_("post name"), max_length=60)
    responsibilities = models.TextField(_("responsibilities"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="post_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name
