"""seed_commitments on a database seeded without the commitments, and on one that is not
the demo. Apart from test_seed_commitments.py, whose module-wide seeded database these must
not see."""

import io

from django.core.management import call_command

from chengnuo.cycles.models import Cycle
from chengnuo.pledges.models import Pledge
from chengnuo.tests.factories import OrganizationFactory


def test_seed_commitments_adds_the_year_to_a_demo_seeded_without_it(seeded):
    out = io.StringIO()
    call_command("seed_commitments", stdout=out)
    assert Cycle.objects.count() == 2 and Pledge.objects.count() > 20
    assert "承诺" in out.getvalue()


def test_seed_commitments_leaves_a_database_that_is_not_the_demo_alone(db):
    OrganizationFactory(name="某省", kind="province")
    out = io.StringIO()
    call_command("seed_commitments", stdout=out)
    assert not Cycle.objects.exists()
    assert "演示" in out.getvalue()
