"""Filling an empty deployment with the demonstration province."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from chengnuo.audit.services import audit_event
from chengnuo.organizations.models import Organization

from .accounts import DEMO_ACCOUNTS
from .builder import DemoBuilder

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
