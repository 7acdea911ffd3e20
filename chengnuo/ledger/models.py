from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS_HASH = "0" * 64


class LedgerEntry(models.Model):
    """One public change, chained to the one before it by hash.

    hash = sha256(previous hash + canonical JSON of this entry's content), so changing or
    removing any row breaks every hash after it, which `verify_ledger` reports.
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    recorded_at = models.DateTimeField()
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=120)
    payload = models.JSONField(default=dict)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")

    def __str__(self) -> str:
        return f"#{self.sequence} {self.kind} {self.subject}"

    @property
    def fingerprint(self) -> str:
        return self.hash[:12]


class LedgerHead(models.Model):
    """The single row that every append locks, and that remembers the last entry.

    Appends serialize on it; verification compares it with the last row, so removing the
    newest entries is caught too.
    """

    singleton = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(singleton=1),
                                              name="ledger_head_single_row")]

    def __str__(self) -> str:
        return f"head #{self.sequence}"
