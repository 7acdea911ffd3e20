from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from chengnuo.roster.errors import RosterInvalid
from chengnuo.roster.readers import read_roster
from chengnuo.roster.services import roster_import


class Command(BaseCommand):
    help = ("Import a roster file (.xlsx or .csv) of organizations and members. The whole "
            "file is checked first; if any row is wrong, nothing is imported and the wrong "
            "rows are listed. Without --user it runs as the system, with full reach.")

    def add_arguments(self, parser):
        parser.add_argument("file", help="the roster file, .xlsx or .csv")
        parser.add_argument("--user", help="import as this user, within their reach")

    def handle(self, *args, file, user=None, **options):
        actor = None
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(_("No user named “%(user)s”.") % {"user": user})
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(_("Cannot read %(file)s: %(error)s")
                               % {"file": file, "error": error.strerror}) from None
        try:
            result = roster_import(actor=actor, roster=read_roster(data))
        except RosterInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(_format(error))
            raise CommandError(_("Nothing was imported: %(count)s problem(s) in the file.")
                               % {"count": len(invalid.errors)}) from None
        for label, counts in ((_("Organizations"), result.organizations),
                              (_("Members"), result.members)):
            self.stdout.write(_("%(what)s: %(created)s created, %(updated)s updated, "
                                "%(unchanged)s unchanged.") % {
                "what": label, "created": counts.created, "updated": counts.updated,
                "unchanged": counts.unchanged})


def _format(error) -> str:
    if error.row is None:
        return (_("%(sheet)s: %(reason)s") % {"sheet": error.sheet, "reason": error.reason}
                if error.sheet else error.reason)
    return _("Sheet %(sheet)s, row %(row)s: %(reason)s") % {
        "sheet": error.sheet, "row": error.row, "reason": error.reason}
