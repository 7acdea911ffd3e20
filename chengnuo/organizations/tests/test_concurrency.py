"""Concurrent writers on PostgreSQL (select_for_update is a no-op on SQLite)."""

from chengnuo.ledger.services import ledger_append, ledger_verify
from chengnuo.organizations import services
from chengnuo.organizations.models import Organization
from chengnuo.tests.concurrency import POSTGRESQL_ONLY, race

pytestmark = POSTGRESQL_ONLY


def _run_together(count, work):
    """work(0) ... work(count - 1) at once; every one of them must succeed."""
    _results, errors = race(*(lambda i=i: work(i) for i in range(count)))
    assert errors == [None] * count, errors


def test_concurrent_children_of_one_parent_get_distinct_paths(county_admin, committee):
    _run_together(8, lambda i: services.organization_create(
        actor=county_admin, parent=committee, name=f"并发支部{i}", kind="branch",
        sector="rural"))
    paths = list(Organization.objects.filter(parent=committee).values_list("path", flat=True))
    assert len(paths) == 8 and len(set(paths)) == 8


def test_concurrent_ledger_appends_keep_one_unbroken_chain(db):
    _run_together(8, lambda i: ledger_append(kind="test", subject=f"s{i}", payload={"i": i}))
    assert ledger_verify() == (8, None)
