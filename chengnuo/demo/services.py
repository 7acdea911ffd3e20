"""Filling an empty deployment with the demonstration province."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.audit.services import audit_event
from chengnuo.organizations.models import Organization

from .accounts import DEMO_ACCOUNTS
from .builder import DemoBuilder
from .commitments import CommitmentSeeder, NotADemo, Tally, demo_top, has_cycle
from .fulfilment import play_running_year

DEFAULT_SEED = 2010
MAX_SCALE = 200


def demo_is_needed() -> bool:
    """True while the database holds no organization at all."""
    return not Organization.objects.exists()


@transaction.atomic
def demo_seed(*, scale: int = 1, seed: int = DEFAULT_SEED) -> dict[str, int]:
    """Build the demonstration province, its members, duty posts and demo accounts.

    Rule: demo data only ever goes into an empty database, so it can never mix with or
    overwrite real records; it is run by the operator from the command line (no actor).
    The whole province is written in one transaction: it is there entirely or not at all.
    """
    if not 1 <= scale <= MAX_SCALE:
        raise ValidationError(
            _("The scale must be a whole number from 1 to %(max)d.") % {"max": MAX_SCALE})
    if not demo_is_needed():
        raise ValidationError(
            _("The database already holds organizations; demo data only goes into an "
              "empty database."))
    usernames = [account.username for account in DEMO_ACCOUNTS]
    taken = sorted(get_user_model().objects.filter(username__in=usernames)
                   .values_list("username", flat=True))
    if taken:
        raise ValidationError(
            _("These demo usernames are already taken: %(names)s.") % {"names": ", ".join(taken)})
    builder = DemoBuilder(seed=seed, scale=scale)
    counts = builder.build()
    province = builder.places["province"].organization
    audit_event(actor=None, action="demo.seed", subject=province,
                changes={name: [None, str(value)] for name, value in
                         {**counts, "scale": scale, "seed": seed}.items()})
    return counts


@transaction.atomic
def demo_commitments(*, today: datetime.date | None = None) -> Tally | None:
    """Play two years in the demo province through the services: the running year two
    quarters into its fulfilment (progress, deeds, quarterly reviews, the overdue sweep, a
    criticism with rectification orders; see demo.fulfilment), then the first half of the
    next year: a cycle, suggestions and pledges in every state (see demo.commitments).

    Rule: only in the demonstration province with its demo accounts, and only once: when a
    cycle already exists anywhere in the province (opened by an earlier run or by a user),
    nothing is added and None is returned. All of it is written in one transaction.
    """
    top = demo_top()
    if top is not None and has_cycle(top):
        return None
    today = today or timezone.localdate()
    try:
        # The running year first, so the ledger and the clock move forward together.
        running = play_running_year(today)
        seeder = CommitmentSeeder(today=today)
    except NotADemo:
        raise ValidationError(_(
            "This database does not hold the demo province with its demo accounts; demo "
            "commitments only go there.")) from None
    tally = seeder.run()
    tally.running = running
    audit_event(actor=None, action="demo.commitments", subject=seeder.top,
                changes={"year": [None, str(seeder.cycle.year)],
                         "suggestions": [None, str(tally.suggestions)],
                         "pledges": [None, str(tally.pledges)],
                         "published": [None, str(tally.published)]})
    return tally
