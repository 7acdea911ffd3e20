"""Concurrent decisions on PostgreSQL (select_for_update is a no-op on SQLite)."""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from chengnuo.deeds import services
from chengnuo.deeds.models import DeedState

from .conftest import DEED

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks are only real on PostgreSQL"),
]


def _race(*works):
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


def test_two_admins_deciding_one_report_at_once_record_one_decision(
        member, member_user, branch_secretary, county_admin):
    for _round in range(4):
        deed = services.deed_report(
            actor=member_user, member=member, description=DEED,
            occurred_on=timezone.localdate() - datetime.timedelta(days=1))
        errors = _race(
            lambda d=deed: services.deed_verify(actor=branch_secretary, deed=d),
            lambda d=deed: services.deed_dismiss(actor=county_admin, deed=d, reason="不属实"))
        refused = [error for error in errors if error is not None]
        assert len(refused) == 1 and isinstance(refused[0], ValidationError), errors
        assert refused[0].messages == ["这条报告已经处理过了。"]
        deed.refresh_from_db()
        assert deed.state in (DeedState.VERIFIED, DeedState.DISMISSED)
