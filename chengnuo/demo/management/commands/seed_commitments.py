import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from chengnuo.demo.services import demo_commitments


def commitments_summary(tally, seconds: float) -> str:
    running = tally.running
    year = "" if running is None else (
        _("Running year %(year)d, %(quarters)d quarters in: %(reports)d progress reports with "
          "%(photos)d photos, %(deeds)d deeds, %(reviews)d quarterly reviews filed, "
          "%(notices)d notices with %(orders)d rectification orders, %(overdue)d things "
          "overdue in the showcase community. ") % vars(running))
    return year + (_("Demo commitments created in %(seconds).1f s: %(suggestions)d suggestions, "
              "%(pledges)d pledges (%(draft)d draft, %(submitted)d submitted, %(returned)d "
              "returned, %(approved)d approved, %(public)d on the public boards).")
            % {"seconds": seconds, "suggestions": tally.suggestions, "pledges": tally.pledges,
               **tally.states})


class Command(BaseCommand):
    help = ("Add the first half of a year to the demo province: a cycle opened at the "
            "province, suggestions and pledges in every state in the showcase community. "
            "Does nothing when a cycle exists already or the database is not the demo.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        try:
            tally = demo_commitments()
        except ValidationError as error:
            # Not the demo: say so and succeed, so `make run` carries on for real data.
            self.stdout.write(" ".join(error.messages))
            return
        if tally is None:
            self.stdout.write(_("The demo province already has a cycle; no commitments added."))
            return
        self.stdout.write(self.style.SUCCESS(
            commitments_summary(tally, time.perf_counter() - started)))
