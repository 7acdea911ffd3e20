"""Concurrent writers on PostgreSQL (select_for_update is a no-op on SQLite)."""

import threading

import pytest
from django.db import connection, connections

from chengnuo.ledger.services import ledger_append, ledger_verify
from chengnuo.organizations import services
from chengnuo.organizations.models import Organization

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks are only real on PostgreSQL"),
]


def _run_together(count, work):
    barrier = threading.Barrier(count)
    errors = []

    def runner(index):
        try:
            barrier.wait()
            work(index)
        except Exception as error:  # reported below, so the test fails with the cause
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def test_concurrent_children_of_one_parent_get_distinct_paths(county_admin, committee):
    _run_together(8, lambda i: services.organization_create(
        actor=county_admin, parent=committee, name=f"并发支部{i}", kind="branch",
        sector="rural"))
    paths = list(Organization.objects.filter(parent=committee).values_list("path", flat=True))
    assert len(paths) == 8 and len(set(paths)) == 8


def test_concurrent_ledger_appends_keep_one_unbroken_chain(db):
    _run_together(8, lambda i: ledger_append(kind="test", subject=f"s{i}", payload={"i": i}))
    assert ledger_verify() == (8, None)
