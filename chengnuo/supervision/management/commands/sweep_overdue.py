import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from chengnuo.supervision.models import OverdueKind
from chengnuo.supervision.sweep import sweep_overdue


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date wants YYYY-MM-DD, not {text!r}") from None


class Command(BaseCommand):
    help = ("Find overdue items, milestones and missing quarterly reviews, record each once, "
            "tell the owner and the superior, and close what is no longer late. Safe to run "
            "again: a second run on the same day changes nothing more.")

    def add_arguments(self, parser):
        parser.add_argument("--date", type=_day, default=None,
                            help="Sweep as on this day (YYYY-MM-DD); default today.")

    def handle(self, *args, date=None, **options):
        today = date or timezone.localdate()
        result = sweep_overdue(today=today)
        self.stdout.write(f"Overdue sweep for {today.isoformat()}:")
        # The kinds this app finds always, then whatever other apps' finders reported.
        kinds = [OverdueKind.ITEM, OverdueKind.MILESTONE, OverdueKind.QUARTERLY_REVIEW]
        kinds += sorted({*result.found, *result.reopened, *result.resolved} - set(kinds))
        for kind in kinds:
            self.stdout.write(
                f"  {kind:18s} new {result.found[kind]:6d}  late again "
                f"{result.reopened[kind]:6d}  resolved {result.resolved[kind]:6d}")
        self.stdout.write(self.style.SUCCESS(
            f"Notifications made: {result.notifications}."))
