"""Concurrent decisions on one order, on PostgreSQL (select_for_update is a no-op on
SQLite)."""

from chengnuo.notices import services
from chengnuo.notices.models import RectificationAnswer
from chengnuo.tests.concurrency import POSTGRESQL_ONLY, one_refused, race

from .conftest import criticize

pytestmark = POSTGRESQL_ONLY


def test_accepting_and_returning_at_once_has_one_winner(county_admin, county_inspector,
                                                        county, branch, branch_secretary,
                                                        record):
    for _round in range(4):
        notice = criticize(county_admin, county, organizations=[branch], records=[record],
                           orders=[branch])
        order = notice.rectifications.get()
        services.rectification_answer(actor=branch_secretary, rectification=order,
                                      text="已整改")
        _results, errors = race(
            lambda o=order: services.rectification_accept(actor=county_admin,
                                                          rectification=o, result="到位"),
            lambda o=order: services.rectification_return(actor=county_inspector,
                                                          rectification=o, note="缺照片"))
        one_refused(errors)
        order.refresh_from_db()
        answer = RectificationAnswer.objects.get(rectification=order)
        assert (order.state, answer.decision) in {("accepted", "accepted"),
                                                  ("open", "returned")}


def test_two_accepts_at_once_close_the_order_once(county_admin, county_inspector, answered):
    from chengnuo.ledger.models import LedgerEntry

    _results, errors = race(
        lambda: services.rectification_accept(actor=county_admin, rectification=answered,
                                              result="甲"),
        lambda: services.rectification_accept(actor=county_inspector, rectification=answered,
                                              result="乙"))
    assert one_refused(errors).messages == ["这项整改已经通过了。"]
    assert LedgerEntry.objects.filter(kind="rectification.accept").count() == 1
