from django.core.management.base import BaseCommand

from chengnuo.evidence.services import evidence_prune


class Command(BaseCommand):
    help = ("Delete evidence left behind by rolled-back actions: rows nothing refers to and "
            "stored files without a row, once they are a day old.")

    def add_arguments(self, parser):
        parser.add_argument("--months", type=int, default=2,
                            help="How many monthly upload folders to scan for stray files.")

    def handle(self, *args, months, **options):
        rows, files = evidence_prune(months=months)
        self.stdout.write(f"Deleted {rows} unattached evidence rows and {files} stray files.")
