import re
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

PHONE_PATTERN = re.compile(r"^1[3-9]\d{9}$")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


def new_public_id() -> str:
    return secrets.token_hex(6)


def mask_phone(phone: str) -> str:
    """The public form of a phone number: first three and last four digits only."""
    if not phone:
        return ""
    if len(phone) <= 7:
        return "*" * len(phone)
    return f"{phone[:3]}{'*' * (len(phone) - 7)}{phone[-4:]}"


class MemberQuerySet(models.QuerySet):
    def in_subtree(self, organization) -> "MemberQuerySet":
        from chengnuo.organizations.tree import subtree_q

        return self.filter(subtree_q(organization.path, "organization__path"))


class Member(models.Model):
    """A party member (党员) with the categories the guideline treats differently.

    The guideline (part 一, item 四) distinguishes members holding a leadership post, members
    in service (who also commit at their residence community), members without a post (who
    commit through an assigned duty post), and the elderly, infirm, low-literacy and retired
    (who may pledge orally).
    """

    name = models.CharField(pgettext_lazy("person", "name"), max_length=50)
    gender = models.CharField(_("gender"), max_length=6, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    joined_date = models.DateField(_("date joined the party"))
    # NULL, not "", for "no phone": the unique constraint must let many members have none.
    phone = models.CharField(_("phone"), max_length=20, null=True, blank=True)  # noqa: DJ001
    photo = models.ImageField(_("photo"), upload_to="members/photos/", blank=True)
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="members",
        verbose_name=_("home organization"),
    )
    residence_organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="residents", verbose_name=_("residence community"),
    )
    post = models.ForeignKey(
        "organizations.Post", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="holders", verbose_name=_("duty post"),
    )
    holds_leadership_post = models.BooleanField(_("holds a leadership post"), default=False)
    in_service = models.BooleanField(_("in service"), default=False)
    without_post = models.BooleanField(_("without a post"), default=False)
    elderly_or_low_literacy = models.BooleanField(
        _("elderly, infirm or low literacy"), default=False)
    retired = models.BooleanField(_("retired"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="member", verbose_name=_("account"),
    )
    public_id = models.CharField(max_length=16, unique=True, default=new_public_id,
                                 editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "name", "pk"]
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.UniqueConstraint(
                fields=["phone"], condition=Q(phone__isnull=False), name="member_phone_unique",
                violation_error_message=_("This phone number already belongs to another member.")),
            models.CheckConstraint(
                condition=~(Q(holds_leadership_post=True) & Q(without_post=True)),
                name="member_leader_has_a_post"),
            models.CheckConstraint(condition=~(Q(in_service=True) & Q(retired=True)),
                                   name="member_in_service_not_retired"),
            models.CheckConstraint(
                condition=Q(residence_organization__isnull=True) | Q(in_service=True),
                name="member_residence_only_in_service"),
            models.CheckConstraint(condition=Q(post__isnull=True) | Q(without_post=True),
                                   name="member_duty_post_only_without_post"),
        ]
        indexes = [models.Index(fields=["organization", "name"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """The category rules of guideline part 一 item 四, and plain date sense."""
        errors: dict[str, str] = {}
        today = timezone.localdate()
        if self.phone is not None:
            self.phone = self.phone.strip().replace(" ", "").replace("-", "") or None
        if self.phone and not PHONE_PATTERN.match(self.phone):
            errors["phone"] = gettext("A phone number has 11 digits and starts with 1.")
        elif self.phone and Member.objects.filter(phone=self.phone).exclude(pk=self.pk).exists():
            errors["phone"] = gettext("This phone number already belongs to another member.")
        if self.birth_date and self.birth_date > today:
            errors["birth_date"] = gettext("The birth date is in the future.")
        if self.joined_date and self.joined_date > today:
            errors["joined_date"] = gettext("The date joined the party is in the future.")
        if (self.birth_date and self.joined_date
                and self.joined_date.year - self.birth_date.year < 18):
            errors["joined_date"] = gettext("A member joins the party at 18 or older.")
        if self.holds_leadership_post and self.without_post:
            errors["without_post"] = gettext(
                "A member with a leadership post cannot also be without a post.")
        if self.in_service and self.retired:
            errors["retired"] = gettext("A member cannot be both in service and retired.")
        if self.residence_organization_id is not None:
            if not self.in_service:
                errors["residence_organization"] = gettext(
                    "Only members in service report to a residence community.")
            elif self.residence_organization_id == self.organization_id:
                errors["residence_organization"] = gettext(
                    "The residence community must differ from the home organization.")
            elif self.residence_organization.sector != "community":
                errors["residence_organization"] = gettext(
                    "The residence organization must be a community organization.")
        if self.post_id is not None and not self.without_post:
            errors["post"] = gettext("Only a member without a post holds a duty post.")
        elif self.post_id is not None and self.post.organization_id != self.organization_id:
            errors["post"] = gettext("The post belongs to another organization.")
        if self.organization_id is not None and not self.organization.is_grassroots:
            errors["organization"] = gettext(
                "Members belong to a grassroots organization (committee, general branch "
                "or branch).")
        if errors:
            raise ValidationError(errors)

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone or "")

    @property
    def may_pledge_orally(self) -> bool:
        return self.elderly_or_low_literacy or self.retired

    def category_labels(self) -> list[str]:
        return [
            str(Member._meta.get_field(name).verbose_name)
            for name in CATEGORY_FIELDS if getattr(self, name)
        ]


CATEGORY_FIELDS = ("holds_leadership_post", "in_service", "without_post",
                   "elderly_or_low_literacy", "retired")
