from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    MEMBER = "member", _("A member")
    ORGANIZATION = "organization", _("The organization")
    PUBLIC = "public", _("The public")


class DeedState(models.TextChoices):
    REPORTED = "reported", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    DISMISSED = "dismissed", _("Dismissed")


class Deed(models.Model):
    """A good word or deed of a member (闪光言行), reported by a member, the organization or
    the public, and verified or dismissed by the member's organization. Only verified deeds
    reach the member's public page."""

    member = models.ForeignKey("members.Member", on_delete=models.CASCADE,
                               related_name="deeds", verbose_name=_("member"))
    # The member's organization when reported: who verifies, and whose subtree sees it.
    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="deeds")
    cycle = models.ForeignKey("cycles.Cycle", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="deeds")
    occurred_on = models.DateField(_("date"))
    description = models.TextField(_("what happened"), max_length=2000)
    source = models.CharField(_("reported by"), max_length=12, choices=Source.choices)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    reporter_name = models.CharField(_("your name"), max_length=40, blank=True)
    reporter_contact = models.CharField(_("contact"), max_length=60, blank=True)
    evidence = models.ManyToManyField("evidence.Evidence", blank=True, related_name="deeds",
                                      verbose_name=_("evidence"))
    state = models.CharField(_("state"), max_length=10, choices=DeedState.choices,
                             default=DeedState.REPORTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("shining deed")
        verbose_name_plural = _("shining deeds")
        indexes = [models.Index(fields=["organization", "state"]),
                   models.Index(fields=["member", "state"])]

    def __str__(self) -> str:
        return self.description[:40]


class DeedStar(models.Model):
    """A quarter's 闪光言行之星: a member of a grassroots organization recognized for a
    verified deed of that quarter (guideline part 三 item 5: 对农村、社区和企事业单位的党员，重在
    考评"闪光言行"; positive, dynamic and long-term recognition). One star per member per
    quarter; an organization may name several members."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="deed_stars",
                                     verbose_name=_("organization"))
    cycle = models.ForeignKey("cycles.Cycle", on_delete=models.PROTECT,
                              related_name="deed_stars", verbose_name=_("cycle"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT,
                               related_name="deed_stars", verbose_name=_("member"))
    deed = models.ForeignKey(Deed, on_delete=models.PROTECT, related_name="stars",
                             verbose_name=_("shining deed"))
    citation = models.TextField(_("citation"), max_length=500)
    named_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                 on_delete=models.SET_NULL, related_name="+")
    named_at = models.DateTimeField()
    ledger_entry = models.ForeignKey("ledger.LedgerEntry", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["quarter", "member__name", "pk"]
        verbose_name = _("star of shining deeds")
        verbose_name_plural = _("stars of shining deeds")
        constraints = [
            models.UniqueConstraint(fields=["organization", "cycle", "quarter", "member"],
                                    name="deed_star_once_per_member_quarter"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4),
                                   name="deed_star_quarter_1_to_4"),
        ]
        indexes = [models.Index(fields=["cycle", "quarter"])]

    def __str__(self) -> str:
        return f"{self.member} · Q{self.quarter}"


class StarList(models.Model):
    """A superior organization's published regional list of a quarter's stars, chosen from
    the grassroots organizations of its subtree. Published once, appended to the ledger and
    never edited. Keyed by year, not by cycle: below a city, each county may run its own
    cycle of the same year."""

    organization = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                                     related_name="star_lists",
                                     verbose_name=_("organization"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    title = models.CharField(_("title"), max_length=100)
    stars = models.ManyToManyField(DeedStar, through="StarListEntry", related_name="lists")
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField()
    ledger_entry = models.ForeignKey("ledger.LedgerEntry", on_delete=models.PROTECT,
                                     related_name="+")

    class Meta:
        ordering = ["-year", "-quarter", "pk"]
        verbose_name = _("regional list of stars")
        verbose_name_plural = _("regional lists of stars")
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "quarter"],
                                    name="star_list_once_per_quarter"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4),
                                   name="star_list_quarter_1_to_4"),
        ]

    def __str__(self) -> str:
        return self.title


class StarListEntry(models.Model):
    star_list = models.ForeignKey(StarList, on_delete=models.CASCADE, related_name="entries")
    star = models.ForeignKey(DeedStar, on_delete=models.PROTECT, related_name="entries")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["star_list", "position"]
        constraints = [
            models.UniqueConstraint(fields=["star_list", "star"], name="star_listed_once"),
        ]

    def __str__(self) -> str:
        return f"{self.star_list_id}:{self.position}"
