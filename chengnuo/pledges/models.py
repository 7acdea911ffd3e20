import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .categories import Category


class Scope(models.TextChoices):
    WORK = "work", _("Work unit")
    RESIDENCE = "residence", _("Residence community")


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded by an amendment")


# The whole workflow of one version. A returned or published version is never edited
# again: revising or amending starts a new draft version (pledge_revise, pledge_amend).
TRANSITIONS: dict[str, set[str]] = {
    State.DRAFT: {State.SUBMITTED},
    # Back to draft only by withdrawal before anyone decided: nothing reviewed is lost.
    State.SUBMITTED: {State.APPROVED, State.RETURNED, State.DRAFT},
    State.RETURNED: set(),
    State.APPROVED: {State.PUBLISHED},
    State.PUBLISHED: {State.SUPERSEDED},
    State.SUPERSEDED: set(),
}
EDITABLE_STATES = {State.DRAFT}


class Criterion(models.TextChoices):
    """The five review criteria of guideline part 三, step 2 (审诺)."""

    SCIENTIFIC = "scientific", _("Fits the scientific outlook on development")
    ADVANCED = "advanced", _("Shows the advanced nature of the party")
    HELPS_WORK = "helps_work", _("Helps the work")
    FITS_POST = "fits_post", _("Fits the duties of the post")
    PEOPLE_WANT = "people_want", _("Matches what the people want")


class Channel(models.TextChoices):
    """Where a pledge was made public (示诺, guideline part 三, step 3)."""

    MEETING = "meeting", _("Meeting")
    DOCUMENT = "document", _("Document")
    BULLETIN_BOARD = "bulletin_board", _("Party affairs bulletin board")
    NEWSPAPER = "newspaper", _("Newspaper")
    TELEVISION = "television", _("Television")
    INTERNET = "internet", _("Internet")


class PledgeQuerySet(models.QuerySet):
    def for_board(self) -> "PledgeQuerySet":
        return self.exclude(published_version=None)


class Pledge(models.Model):
    """The commitments (承诺书) of one owner in one cycle and one scope.

    The owner is a member or an organization. An in-service member has a second pledge
    at their residence community, reviewed there (guideline part 一, item 四). The pledge
    itself only points at its versions: the one being worked on (current) and the one the
    public sees (published). `state` mirrors the current version so lists filter on one
    indexed column.
    """

    cycle = models.ForeignKey("cycles.Cycle", on_delete=models.PROTECT,
                              related_name="pledges", verbose_name=_("cycle"))
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices,
                             default=Scope.WORK)
    member = models.ForeignKey("members.Member", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="pledges",
                               verbose_name=_("member"))
    owner_organization = models.ForeignKey(
        "organizations.Organization", null=True, blank=True, on_delete=models.PROTECT,
        related_name="own_pledges", verbose_name=_("organization committing"))
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="board_pledges",
        verbose_name=_("organization where the pledge is made"))
    reviewing_organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT,
        related_name="pledges_to_review", verbose_name=_("reviewing organization"))
    post = models.ForeignKey("organizations.Post", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="pledges",
                             verbose_name=_("duty post"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices,
                             default=State.DRAFT)
    current_version = models.ForeignKey("PledgeVersion", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    published_version = models.ForeignKey("PledgeVersion", null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")
    extended_until = models.DateField(_("deadline extended until"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PledgeQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "organization", "pk"]
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        constraints = [
            models.CheckConstraint(
                condition=(Q(member__isnull=False) & Q(owner_organization__isnull=True))
                | (Q(member__isnull=True) & Q(owner_organization__isnull=False)),
                name="pledge_exactly_one_owner"),
            models.CheckConstraint(
                condition=Q(scope="work") | Q(member__isnull=False),
                name="pledge_residence_only_for_members"),
            models.UniqueConstraint(fields=["cycle", "member", "scope"],
                                    condition=Q(member__isnull=False),
                                    name="pledge_one_per_member_scope"),
            models.UniqueConstraint(fields=["cycle", "owner_organization"],
                                    condition=Q(owner_organization__isnull=False),
                                    name="pledge_one_per_organization"),
        ]
        indexes = [
            models.Index(fields=["organization", "cycle", "state"]),
            models.Index(fields=["reviewing_organization", "state"]),
        ]

    def __str__(self) -> str:
        if self.scope == Scope.RESIDENCE:
            return gettext("%(owner)s's pledge at the residence community") % {
                "owner": self.owner_label}
        return gettext("%(owner)s's pledge") % {"owner": self.owner_label}

    @property
    def owner_label(self) -> str:
        owner = self.member if self.member_id else self.owner_organization
        return str(owner)

    @property
    def is_member_pledge(self) -> bool:
        return self.member_id is not None

    def public_path(self) -> str:
        """Where the public sees this pledge: the member's page, or the organization's
        board for an organization's own pledge."""
        if self.member_id:
            return reverse("boards:member", args=[self.member.public_id])
        return reverse("organizations:public", args=[self.organization.slug])

    def deadline(self):
        """The last day the owner may submit: the cycle's deadline or the extension."""
        if self.extended_until and self.extended_until > self.cycle.commitment_deadline:
            return self.extended_until
        return self.cycle.commitment_deadline


class PledgeVersion(models.Model):
    """One version of a pledge's items. Submitted, returned and published versions are
    frozen; every change after submission is a new version, so a published pledge never
    changes silently and reviewers can compare versions."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices,
                             default=State.DRAFT)
    is_oral = models.BooleanField(
        _("oral pledge recorded by the secretary"), default=False,
        help_text=_("Only elderly, infirm, low-literacy or retired members may pledge "
                    "orally."))
    note = models.TextField(_("note to the reviewer"), max_length=1000, blank=True)
    post_name = models.CharField(_("duty post"), max_length=60, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    ledger_entry = models.ForeignKey("ledger.LedgerEntry", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pledge", "number"]
        verbose_name = _("pledge version")
        verbose_name_plural = _("pledge versions")
        constraints = [
            models.UniqueConstraint(fields=["pledge", "number"],
                                    name="pledge_version_number_unique"),
        ]

    def __str__(self) -> str:
        return gettext("%(pledge)s, version %(number)s") % {
            "pledge": self.pledge, "number": self.number}

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_STATES


class PledgeItem(models.Model):
    """One concrete commitment (承诺事项): what, which category, a measurable target, when."""

    version = models.ForeignKey(PledgeVersion, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    content = models.TextField(_("commitment"), max_length=500)
    target = models.CharField(_("measurable target"), max_length=200, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    suggestions = models.ManyToManyField(
        "suggestions.Suggestion", blank=True, related_name="items",
        verbose_name=_("suggestions taken up"))
    # The same commitment across versions: copies of an item keep its key, so progress
    # reported against the published version follows it into an amendment.
    key = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    # Progress kept in step by the progress services (履诺), so boards and lists read it
    # from the item instead of aggregating reports.
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    last_reported_on = models.DateField(_("last progress reported"), null=True, blank=True)

    class Meta:
        ordering = ["version", "position", "pk"]
        verbose_name = _("commitment item")
        verbose_name_plural = _("commitment items")

    def __str__(self) -> str:
        return self.content[:40]


class Milestone(models.Model):
    """A step on an item's schedule (履诺进度表)."""

    item = models.ForeignKey(PledgeItem, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=120)
    due_date = models.DateField(_("due date"))
    key = models.UUIDField(default=uuid.uuid4, editable=False, db_index=True)
    reached_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        ordering = ["item", "due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class Decision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned with guidance")


class Review(models.Model):
    """A reviewer's decision on one submitted version (审诺). One per version: the unique
    constraint makes a second, concurrent decision impossible even past the row lock."""

    version = models.OneToOneField(PledgeVersion, on_delete=models.CASCADE,
                                   related_name="review")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    criteria_met = models.JSONField(_("criteria met"), default=list)
    higher_standard_confirmed = models.BooleanField(
        _("confirmed the higher standard for a leadership post"), default=False)
    guidance = models.TextField(_("guidance"), max_length=2000, blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.version}: {self.get_decision_display()}"


class Publication(models.Model):
    """One channel through which a published version was made public."""

    version = models.ForeignKey(PledgeVersion, on_delete=models.CASCADE,
                                related_name="publications")
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    date = models.DateField(_("date"))
    reference = models.CharField(_("reference"), max_length=200, blank=True,
                                 help_text=_("Meeting name, document number, page or "
                                             "address."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "date", "pk"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.date}"


class DeadlineExtension(models.Model):
    """An admin's recorded permission to submit after the cycle's deadline."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="extensions")
    until = models.DateField(_("extended until"))
    reason = models.CharField(_("reason"), max_length=300)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pledge", "granted_at"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")

    def __str__(self) -> str:
        return f"{self.pledge} → {self.until}"
