"""How long the overdue sweep takes on a county's worth of commitments, printed with the
conditions.

Not part of the normal run (marker `benchmark`); run it with

    .venv/bin/pytest -m benchmark -s tests/benchmarks/test_sweep.py

It builds its data in the throwaway test database with bulk rows: BRANCHES branches under
one county with MEMBERS members between them (each with an account, each branch with a
secretary), every member with a published pledge of ITEMS_EACH items, half of them past
their due date, a missed milestone on every tenth item, and the first quarter's review
missing everywhere. Then it times the first sweep
(everything is new: records and notifications) and a second one the same day (nothing is).
"""

import datetime
import os
import platform
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chengnuo.accounts.models import Role, RoleGrant
from chengnuo.cycles.models import Cycle
from chengnuo.cycles.services import cycle_open
from chengnuo.ledger.services import ledger_append
from chengnuo.members.models import Member
from chengnuo.notifications.models import Notification
from chengnuo.organizations.models import Organization
from chengnuo.pledges.models import Milestone, Pledge, PledgeItem, PledgeVersion
from chengnuo.supervision.models import OverdueKind, OverdueRecord
from chengnuo.supervision.sweep import sweep_overdue
from chengnuo.tests.factories import OrganizationFactory, cycle_dates

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

MEMBERS = int(os.environ.get("BENCH_MEMBERS", 2000))
BRANCHES = 40
ITEMS_EACH = 5


@pytest.fixture
def busy_county(county, township, county_admin):
    User = get_user_model()
    # A cycle whose first quarter ended a month ago: every branch owes its first review.
    dates = cycle_dates(timezone.localdate() - datetime.timedelta(days=90))
    cycle = cycle_open(actor=county_admin, organization=county,
                       year=dates["commitment_deadline"].year, **dates)
    # Opened before that quarter ended: a cycle opened later owes no review for it.
    Cycle.objects.filter(pk=cycle.pk).update(created_at=timezone.make_aware(
        datetime.datetime.combine(dates["solicitation_opens"], datetime.time(9))))
    branches = [OrganizationFactory(name=f"样本党支部{i:02d}", kind="branch",
                                    sector="community", parent=township)
                for i in range(BRANCHES)]
    secretaries = User.objects.bulk_create(
        User(username=f"bench_secretary_{i}", email=f"s{i}@example.cn")
        for i in range(BRANCHES))
    RoleGrant.objects.bulk_create(RoleGrant(user=u, organization=b, role=Role.ADMIN)
                                  for u, b in zip(secretaries, branches, strict=True))
    users = User.objects.bulk_create(User(username=f"bench_member_{i}")
                                     for i in range(MEMBERS))
    members = Member.objects.bulk_create(
        Member(name=f"党员{i:04d}", gender="male", birth_date=datetime.date(1970, 1, 1),
               joined_date=datetime.date(1995, 1, 1), organization=branches[i % BRANCHES],
               user=users[i])
        for i in range(MEMBERS))
    entry = ledger_append(kind="bench", subject="bench", payload={})
    now = timezone.now()
    pledges = Pledge.objects.bulk_create(
        Pledge(cycle=cycle, member=m, organization=m.organization,
               reviewing_organization=m.organization, state="published") for m in members)
    versions = PledgeVersion.objects.bulk_create(
        PledgeVersion(pledge=p, number=1, state="published", submitted_at=now,
                      published_at=now, ledger_entry=entry) for p in pledges)
    for pledge, version in zip(pledges, versions, strict=True):
        pledge.current_version = pledge.published_version = version
    Pledge.objects.bulk_update(pledges, ["current_version", "published_version"])
    today = timezone.localdate()
    past, ahead = today - datetime.timedelta(days=10), dates["quarter_4_ends"]
    items = PledgeItem.objects.bulk_create(
        PledgeItem(version=v, position=k, category="lead_service", target="全年24户次",
                   content=f"每月走访困难群众不少于{k + 2}户",
                   due_date=past if (n * ITEMS_EACH + k) % 2 else ahead)
        for n, v in enumerate(versions) for k in range(ITEMS_EACH))
    Milestone.objects.bulk_create(
        Milestone(item=item, title="第一轮走访", due_date=past)
        for n, item in enumerate(items) if n % 10 == 0)
    return today, cycle


def _run(today):
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        result = sweep_overdue(today=today)
        seconds = time.perf_counter() - started
    return result, seconds, len(captured)


def test_the_sweep_on_a_busy_county(busy_county):
    today, _cycle = busy_county
    items = PledgeItem.objects.count()
    database = ".".join(str(part) for part in connection.get_database_version())
    print(f"\n{connection.vendor} {database}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}")
    print(f"{Organization.objects.filter(kind='branch').count()} branches, {MEMBERS} members "
          f"with accounts, {items} published items ({items // 2} past due), "
          f"{Milestone.objects.count()} missed milestones")
    first, seconds, queries = _run(today)
    print(f"  first sweep:  {seconds:6.2f} s, {queries} queries; "
          f"{first.as_dict()}")
    second, again, queries_again = _run(today)
    print(f"  second sweep: {again:6.2f} s, {queries_again} queries; "
          f"{second.as_dict()}")
    if os.environ.get("BENCH_SHOW_QUERIES"):
        with CaptureQueriesContext(connection) as captured:
            sweep_overdue(today=today)
        for query in captured.captured_queries:
            print(f"    {query['time']}s {query['sql'][:300]}")
    assert OverdueRecord.objects.count() == sum(first.found.values())
    assert first.found[OverdueKind.QUARTERLY_REVIEW] == BRANCHES
    assert not second.found and second.notifications == 0
    assert Notification.objects.count() == first.notifications
