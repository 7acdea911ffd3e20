from django.core.management.base import BaseCommand, CommandError

from chengnuo.ledger.services import ledger_verify


class Command(BaseCommand):
    help = "Recompute the ledger's hash chain; fail and name the first broken entry."

    def handle(self, *args, **options):
        checked, broken = ledger_verify()
        if broken is not None:
            raise CommandError(
                f"Ledger broken at entry #{broken.sequence}: {broken.reason} "
                f"({checked} entries before it are intact)."
            )
        self.stdout.write(self.style.SUCCESS(f"Ledger intact: {checked} entries."))
