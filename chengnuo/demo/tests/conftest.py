import hashlib
import io

import pytest
from django.core.management import call_command

from chengnuo.members.models import Member
from chengnuo.organizations.models import Organization, Post


@pytest.fixture
def seeded(db):
    """The demonstration province at scale 1: organizations, members, posts and accounts.
    The commitments are left out here (they have their own tests), to keep these fast."""
    call_command("seed_demo", without_commitments=True, stdout=io.StringIO())


@pytest.fixture(scope="module")
def _seeded_module(django_db_setup, django_db_blocker):
    """Seeds once per module inside a transaction rolled back at the module's end. Each
    test's own transaction (the db fixture) nests in it as a savepoint, so what a test
    changes is undone before the next one, and nothing outlives the module. Seeding the
    two demo years takes seconds: once per test would make this suite slow."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def seeded_year(_seeded_module, db):
    """The demonstration province with its running year and the next year's first
    half-year, as `make run` creates it."""
    return _seeded_module


def data_digest() -> str:
    """A fingerprint of the demo data that ignores primary keys (sequences differ by run)."""
    lines = [f"{o.path} {o.name} {o.kind} {o.sector} {o.slug} "
             f"{o.secretary.public_id if o.secretary else ''}"
             for o in Organization.objects.select_related("secretary").order_by("path")]
    lines += [f"{m.public_id} {m.name} {m.gender} {m.birth_date} {m.joined_date} {m.phone} "
              f"{m.organization.path} {m.post.name if m.post else ''} "
              f"{m.residence_organization.path if m.residence_organization else ''} "
              f"{m.holds_leadership_post}{m.in_service}{m.without_post}"
              f"{m.elderly_or_low_literacy}{m.retired}"
              for m in Member.objects.select_related("organization", "post",
                                                     "residence_organization")
              .order_by("public_id")]
    lines += [f"{p.organization.path} {p.name}"
              for p in Post.objects.select_related("organization").order_by(
                  "organization__path", "name")]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()
