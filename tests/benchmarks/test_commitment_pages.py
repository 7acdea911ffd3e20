"""How long the commitment pages take on a busy branch, printed with the conditions.

Not part of the normal run (marker `benchmark`); run it with

    make bench-pages            # or: .venv/bin/pytest -m benchmark -s tests/benchmarks

It builds its data in the throwaway test database: one branch with MEMBERS members, half of
them with a published pledge of ITEMS items and half with a submitted one, then times each
page with the cache cleared (median of RUNS) and counts its queries.
"""

import datetime
import os
import platform
import statistics
import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chengnuo.accounts.models import Role
from chengnuo.cycles.services import cycle_open
from chengnuo.ledger.services import ledger_append
from chengnuo.members.models import Member
from chengnuo.pledges.models import Pledge, PledgeItem, PledgeVersion
from chengnuo.tests.factories import (
    OrganizationFactory,
    RoleGrantFactory,
    UserFactory,
    cycle_dates,
)

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]

MEMBERS = int(os.environ.get("BENCH_MEMBERS", 300))
ITEMS = 5
RUNS = 7


@pytest.fixture
def busy_branch(township, county):
    branch = OrganizationFactory(name="样本党支部", kind="branch", sector="community",
                                 parent=township)
    admin = RoleGrantFactory(organization=county, role=Role.ADMIN,
                             user=UserFactory(username="bench_admin")).user
    secretary = RoleGrantFactory(organization=branch, role=Role.ADMIN,
                                 user=UserFactory(username="bench_secretary")).user
    dates = cycle_dates()
    cycle = cycle_open(actor=admin, organization=county,
                       year=dates["commitment_deadline"].year, **dates)
    # Bulk rows rather than the services: the pages are measured, not the workflow.
    members = Member.objects.bulk_create(
        Member(name=f"党员{i:04d}", gender="male", birth_date=datetime.date(1970, 1, 1),
               joined_date=datetime.date(1995, 1, 1), organization=branch)
        for i in range(MEMBERS))
    entry = ledger_append(kind="bench", subject="bench", payload={})
    now = timezone.now()
    pledges = Pledge.objects.bulk_create(
        Pledge(cycle=cycle, member=m, organization=branch, reviewing_organization=branch,
               state="published" if i % 2 == 0 else "submitted")
        for i, m in enumerate(members))
    versions = PledgeVersion.objects.bulk_create(
        PledgeVersion(pledge=p, number=1, state=p.state, submitted_at=now,
                      published_at=now if p.state == "published" else None,
                      ledger_entry=entry if p.state == "published" else None)
        for p in pledges)
    for pledge, version in zip(pledges, versions, strict=True):
        pledge.current_version = version
        pledge.published_version = version if pledge.state == "published" else None
    Pledge.objects.bulk_update(pledges, ["current_version", "published_version"])
    due = dates["commitment_deadline"] + datetime.timedelta(days=30)
    PledgeItem.objects.bulk_create(
        PledgeItem(version=v, position=k, category="lead_service", target="全年24户次",
                   content=f"每月走访困难群众不少于{k + 2}户，帮助解决实际困难", due_date=due)
        for v in versions for k in range(ITEMS))
    return branch, admin, secretary


def _time(client, url: str) -> tuple[float, int]:
    times, queries = [], 0
    for _ in range(RUNS):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, url
        queries = len(captured)
    return statistics.median(times), queries


def test_commitment_pages_on_a_busy_branch(client, busy_branch):
    branch, admin, secretary = busy_branch
    database = ".".join(str(part) for part in connection.get_database_version())
    print(f"\n{connection.vendor} {database}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}")
    print(f"one branch, {MEMBERS} members: {MEMBERS // 2} published pledges of {ITEMS} items, "
          f"{MEMBERS - MEMBERS // 2} submitted; cache cleared, median of {RUNS}")
    pages = [
        ("public board (first 20 pledges)", f"/p/{branch.slug}/", None),
        ("bulletin-board sheet (every published pledge)", f"/p/{branch.slug}/sheet/", None),
        ("every post badge (QR drawn each time)", f"/p/{branch.slug}/badges/", None),
        ("secretary's overview (first page)", f"/org/{branch.slug}/commitments/", secretary),
        ("review queue (county admin)", "/reviews/", admin),
    ]
    for label, url, user in pages:
        if user is None:
            client.logout()
        else:
            client.force_login(user)
        ms, queries = _time(client, url)
        print(f"  {label:48s} {queries:3d} queries {ms:8.1f} ms")
