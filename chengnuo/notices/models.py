from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMMENDATION = "commendation", _("Commendation")
    CRITICISM = "criticism", _("Criticism")


class NoticeState(models.TextChoices):
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# What may be written on an issued notice: its ledger entry, attached once the row exists
# (the entry names the notice's id), and the withdrawal. Nothing else ever changes.
WITHDRAWAL_FIELDS = frozenset(
    {"state", "withdrawn_by", "withdrawn_at", "withdrawal_reason", "withdrawal_entry"})
MUTABLE_FIELDS = WITHDRAWAL_FIELDS | {"ledger_entry"}


class Notice(models.Model):
    """A commendation or a criticism (通报) issued by a superior organization to
    organizations and members of its subtree, shown to their members and the public.

    A notice is never edited once issued (guideline part 三 item 5: the criticism is made
    known to members and the public; a changed text would change what they were told): it
    can only be withdrawn, with a visible reason. Both acts are in the ledger.
    """

    issuer = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                               related_name="notices_issued",
                               verbose_name=_("issuing organization"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=120)
    body = models.TextField(_("text"), max_length=5000)
    # What a criticism rests on when it cites no overdue record (an inspection's finding).
    finding = models.TextField(_("finding"), max_length=2000, blank=True)
    records = models.ManyToManyField("supervision.OverdueRecord", blank=True,
                                     related_name="notices",
                                     verbose_name=_("overdue records cited"))
    organizations = models.ManyToManyField("organizations.Organization", blank=True,
                                           related_name="notices_received",
                                           verbose_name=_("organizations concerned"))
    members = models.ManyToManyField("members.Member", blank=True, related_name="notices",
                                     verbose_name=_("members concerned"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                  on_delete=models.SET_NULL, related_name="+")
    issued_at = models.DateTimeField(_("issued at"))
    ledger_entry = models.ForeignKey("ledger.LedgerEntry", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("state"), max_length=10, choices=NoticeState.choices,
                             default=NoticeState.PUBLISHED)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), max_length=1000,
                                         blank=True)
    withdrawal_entry = models.ForeignKey("ledger.LedgerEntry", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.CheckConstraint(
                condition=Q(state="published", withdrawn_at__isnull=True)
                | (Q(state="withdrawn", withdrawn_at__isnull=False)
                   & ~Q(withdrawal_reason="")),
                name="notice_withdrawn_with_a_reason"),
        ]
        indexes = [models.Index(fields=["issuer", "-issued_at"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # The invariant "never edited" in one place, whoever calls save().
        update_fields = kwargs.get("update_fields")
        if self.pk is not None and not kwargs.get("force_insert") and (
                update_fields is None or not set(update_fields) <= MUTABLE_FIELDS):
            raise ValueError("An issued notice is never edited; withdraw it instead.")
        super().save(*args, **kwargs)

    @property
    def is_criticism(self) -> bool:
        return self.kind == Kind.CRITICISM

    @property
    def is_withdrawn(self) -> bool:
        return self.state == NoticeState.WITHDRAWN


class RectificationState(models.TextChoices):
    OPEN = "open", _("Awaiting rectification")
    ANSWERED = "answered", _("Reported")
    ACCEPTED = "accepted", _("Accepted")
    OVERDUE = "overdue", _("Overdue")
    WITHDRAWN = "withdrawn", _("Closed: notice withdrawn")


# The whole life of a rectification order (限期整改). Every order ends with a result,
# accepted or closed with its withdrawn notice (guideline part 四 item 2: 件件有结果).
# An overdue order can still be answered and accepted; overdue_since keeps that it was late.
TRANSITIONS: dict[str, set[str]] = {
    RectificationState.OPEN: {RectificationState.ANSWERED, RectificationState.OVERDUE,
                              RectificationState.WITHDRAWN},
    RectificationState.OVERDUE: {RectificationState.ANSWERED, RectificationState.WITHDRAWN},
    # Returned: back to open, or straight to overdue when the deadline has passed.
    RectificationState.ANSWERED: {RectificationState.ACCEPTED, RectificationState.OPEN,
                                  RectificationState.OVERDUE, RectificationState.WITHDRAWN},
    RectificationState.ACCEPTED: set(),
    RectificationState.WITHDRAWN: set(),
}
ANSWERABLE_STATES = {RectificationState.OPEN, RectificationState.OVERDUE}
CLOSED_STATES = {RectificationState.ACCEPTED, RectificationState.WITHDRAWN}


class Rectification(models.Model):
    """An order to fix a failure by a deadline (责令限期整改), carried by a criticism and
    addressed to exactly one organization or one member among the notice's targets."""

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT,
                               related_name="rectifications", verbose_name=_("notice"))
    organization = models.ForeignKey("organizations.Organization", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="rectifications",
                                     verbose_name=_("organization"))
    member = models.ForeignKey("members.Member", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="rectifications",
                               verbose_name=_("member"))
    # Where the target belongs (the organization itself, or the member's organization when
    # the order was issued): the one column subtree listings range over by path.
    home = models.ForeignKey("organizations.Organization", on_delete=models.PROTECT,
                             related_name="+")
    requirement = models.TextField(_("what must be fixed"), max_length=2000)
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=RectificationState.choices,
                             default=RectificationState.OPEN)
    overdue_since = models.DateField(_("overdue since"), null=True, blank=True)
    escalated_to = models.ForeignKey("organizations.Organization", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("escalated to"))
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    result = models.TextField(_("result"), max_length=2000, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    ledger_entry = models.ForeignKey("ledger.LedgerEntry", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("rectification order")
        verbose_name_plural = _("rectification orders")
        constraints = [
            models.CheckConstraint(
                condition=(Q(organization__isnull=False) & Q(member__isnull=True))
                | (Q(organization__isnull=True) & Q(member__isnull=False)),
                name="rectification_exactly_one_target"),
            models.CheckConstraint(
                condition=Q(state__in=["accepted", "withdrawn"], closed_at__isnull=False)
                | (~Q(state__in=["accepted", "withdrawn"]) & Q(closed_at__isnull=True)),
                name="rectification_closed_exactly_when_ended"),
            models.UniqueConstraint(fields=["notice", "organization"],
                                    condition=Q(organization__isnull=False),
                                    name="rectification_one_per_organization"),
            models.UniqueConstraint(fields=["notice", "member"],
                                    condition=Q(member__isnull=False),
                                    name="rectification_one_per_member"),
        ]
        indexes = [
            models.Index(fields=["home", "state"]),
            # The overdue sweep: open orders by deadline.
            models.Index(fields=["state", "deadline"]),
        ]

    def __str__(self) -> str:
        return self.requirement[:60]

    @property
    def target(self):
        return self.organization if self.organization_id else self.member

    @property
    def target_name(self) -> str:
        return str(self.target)

    @property
    def is_closed(self) -> bool:
        return self.state in CLOSED_STATES

    @property
    def subject_key(self) -> str:
        """How the overdue sweep names this order in its records."""
        return f"rectification:{self.pk}"


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class RectificationAnswer(models.Model):
    """What the target reports it did, with evidence; the issuer accepts it or sends it
    back with a note."""

    rectification = models.ForeignKey(Rectification, on_delete=models.CASCADE,
                                      related_name="answers")
    number = models.PositiveSmallIntegerField()
    text = models.TextField(_("what was done to rectify"), max_length=4000)
    evidence = models.ManyToManyField("evidence.Evidence", blank=True,
                                      related_name="rectification_answers",
                                      verbose_name=_("evidence"))
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    answered_at = models.DateTimeField(_("answered at"))
    late = models.BooleanField(_("answered after the deadline"), default=False)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices,
                                blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note"), max_length=2000, blank=True)

    class Meta:
        ordering = ["rectification", "number"]
        verbose_name = _("rectification answer")
        verbose_name_plural = _("rectification answers")
        constraints = [
            models.UniqueConstraint(fields=["rectification", "number"],
                                    name="rectification_answer_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.rectification_id} #{self.number}"
