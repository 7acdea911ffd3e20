import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from chengnuo.demo.management.commands.seed_commitments import commitments_summary
from chengnuo.demo.services import DEFAULT_SEED, demo_commitments, demo_is_needed, demo_seed


class Command(BaseCommand):
    help = ("Fill an empty database with a demonstration province (Zhejiang as divided in "
            "2010), its grassroots organizations, members, duty posts and demo accounts, "
            "then the first half of a year of commitments (see seed_commitments).")

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1,
                            help="Multiply the grassroots organizations and members (default 1).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help=f"Random seed; the same seed gives the same data "
                                 f"(default {DEFAULT_SEED}).")
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when the database already holds organizations.")
        parser.add_argument("--without-commitments", action="store_true",
                            help="Only the organizations, members and accounts; no cycle, "
                                 "suggestions or pledges.")

    def handle(self, *args, scale: int, seed: int, if_empty: bool, without_commitments: bool,
               **options):
        if if_empty and not demo_is_needed():
            self.stdout.write(_("The database already holds organizations; no demo data added."))
            return
        started = time.perf_counter()
        try:
            counts = demo_seed(scale=scale, seed=seed)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(self.style.SUCCESS(
            _("Demo data created in %(seconds).1f s: %(organizations)d organizations, "
              "%(members)d members, %(posts)d duty posts, %(accounts)d accounts.")
            % {"seconds": time.perf_counter() - started, **counts}))
        if without_commitments:
            return
        started = time.perf_counter()
        try:
            tally = demo_commitments()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if tally is not None:
            self.stdout.write(self.style.SUCCESS(
                commitments_summary(tally, time.perf_counter() - started)))
