"""bench_subtree: builds a throwaway tree, prints both timings, leaves the database alone."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils.connection import ConnectionDoesNotExist

from chengnuo.demo.bench import ALIAS, TABLE
from chengnuo.demo.bench_tree import build_tree
from chengnuo.organizations.models import Kind, Organization
from chengnuo.tests.factories import OrganizationFactory


def bench(**options) -> str:
    out = io.StringIO()
    call_command("bench_subtree", stdout=out, **options)
    return out.getvalue()


def test_the_benchmark_prints_both_timings_plans_and_the_machine(db):
    text = bench(organizations=400, runs=2)
    assert "(a) path LIKE 'X%'" in text and "(b) path >= X" in text
    assert text.count("毫秒") >= 4
    assert "执行计划" in text and "Python" in text
    assert ("SQLite" if connection.vendor == "sqlite" else "PostgreSQL") in text
    assert "西湖区" in text


def test_the_benchmark_leaves_the_main_database_untouched(db):
    OrganizationFactory(name="浙江省", kind="province")
    bench(organizations=300, runs=1)
    assert Organization.objects.count() == 1
    assert TABLE not in connection.introspection.table_names()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'chengnuo_bench%%'")
            assert cursor.fetchone()[0] == 0
    with pytest.raises(ConnectionDoesNotExist):
        connections[ALIAS]


@pytest.mark.parametrize("options", [{"organizations": 10}, {"runs": 0, "organizations": 300}])
def test_a_benchmark_too_small_to_mean_anything_is_refused_in_chinese(db, options):
    with pytest.raises(CommandError, match="至少"):
        bench(**options)


def test_the_tree_has_a_provinces_fan_out_at_full_size():
    tree = build_tree(200_000)
    assert len(tree.rows) == 200_000
    assert tree.levels["cities"] == 11 and tree.levels["counties"] == 90
    assert tree.levels["townships"] == 1_300
    kinds = {row[5] for row in tree.rows}
    assert {Kind.COMMITTEE, Kind.GENERAL_BRANCH, Kind.BRANCH} <= kinds
    paths = [row[1] for row in tree.rows]
    assert len(set(paths)) == len(paths)
    assert tree.target_county()[0] == "西湖区"
