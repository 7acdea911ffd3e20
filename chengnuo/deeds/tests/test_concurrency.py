"""Concurrent decisions on PostgreSQL (select_for_update is a no-op on SQLite)."""

import datetime

from django.utils import timezone

from chengnuo.deeds import services
from chengnuo.deeds.models import DeedState
from chengnuo.tests.concurrency import POSTGRESQL_ONLY, one_refused, race

from .conftest import DEED

pytestmark = POSTGRESQL_ONLY


def test_two_admins_deciding_one_report_at_once_record_one_decision(
        member, member_user, branch_secretary, county_admin):
    for _round in range(4):
        deed = services.deed_report(
            actor=member_user, member=member, description=DEED,
            occurred_on=timezone.localdate() - datetime.timedelta(days=1))
        _results, errors = race(
            lambda d=deed: services.deed_verify(actor=branch_secretary, deed=d),
            lambda d=deed: services.deed_dismiss(actor=county_admin, deed=d, reason="不属实"))
        assert one_refused(errors).messages == ["这条报告已经处理过了。"]
        deed.refresh_from_db()
        assert deed.state in (DeedState.VERIFIED, DeedState.DISMISSED)
