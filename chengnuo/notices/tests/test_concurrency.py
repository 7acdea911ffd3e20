"""Concurrent decisions on one order, on PostgreSQL (select_for_update is a no-op on
SQLite)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from chengnuo.notices import services
from chengnuo.notices.models import RectificationAnswer

from .conftest import criticize

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks are only real on PostgreSQL"),
]


def _race(*works):
    """Run each work in its own thread, released together; errors by index."""
    barrier = threading.Barrier(len(works))
    errors = [None] * len(works)

    def runner(index):
        try:
            barrier.wait()
            works[index]()
        except Exception as error:  # collected and asserted on by the test
            errors[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(len(works))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_accepting_and_returning_at_once_has_one_winner(county_admin, county_inspector,
                                                        county, branch, branch_secretary,
                                                        record):
    for _round in range(4):
        notice = criticize(county_admin, county, organizations=[branch], records=[record],
                           orders=[branch])
        order = notice.rectifications.get()
        services.rectification_answer(actor=branch_secretary, rectification=order,
                                      text="已整改")
        errors = _race(
            lambda o=order: services.rectification_accept(actor=county_admin,
                                                          rectification=o, result="到位"),
            lambda o=order: services.rectification_return(actor=county_inspector,
                                                          rectification=o, note="缺照片"))
        refused = [error for error in errors if error is not None]
        assert len(refused) == 1 and isinstance(refused[0], ValidationError), errors
        order.refresh_from_db()
        answer = RectificationAnswer.objects.get(rectification=order)
        assert (order.state, answer.decision) in {("accepted", "accepted"),
                                                  ("open", "returned")}


def test_two_accepts_at_once_close_the_order_once(county_admin, county_inspector, county,
                                                  branch, branch_secretary, record):
    from chengnuo.ledger.models import LedgerEntry

    notice = criticize(county_admin, county, organizations=[branch], records=[record],
                       orders=[branch])
    order = notice.rectifications.get()
    services.rectification_answer(actor=branch_secretary, rectification=order, text="已整改")
    errors = _race(
        lambda: services.rectification_accept(actor=county_admin, rectification=order,
                                              result="甲"),
        lambda: services.rectification_accept(actor=county_inspector, rectification=order,
                                              result="乙"))
    refused = [error for error in errors if error is not None]
    assert len(refused) == 1 and refused[0].messages == ["这项整改已经通过了。"]
    assert LedgerEntry.objects.filter(kind="rectification.accept").count() == 1
