"""The subtree benchmark: "everything under X" by LIKE prefix versus by path range.

It runs in a throwaway database of its own, never in the deployment's tables: a temporary
SQLite file, or on PostgreSQL a temporary schema in the configured database, dropped after.
The table is built from Organization's own path field, so it carries the same indexes
(on PostgreSQL that includes the varchar_pattern_ops index Django adds for LIKE).
"""

import os
import platform
import secrets
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.apps.registry import Apps
from django.db import connections, models, transaction
from django.db.utils import load_backend

from chengnuo.organizations import tree
from chengnuo.organizations.models import Organization

from .bench_tree import BenchTree

ALIAS = "chengnuo_subtree_bench"
TABLE = "chengnuo_bench_organization"


class UnsupportedDatabase(Exception):
    """The benchmark knows how to make a throwaway database on SQLite and PostgreSQL only."""


def bench_model() -> type[models.Model]:
    """An organization table for the benchmark only, in a registry of its own, so it is
    invisible to migrations and to the rest of the project."""
    attrs = {
        "__module__": __name__,
        "Meta": type("Meta", (), {"apps": Apps(), "app_label": "demo", "db_table": TABLE}),
        "id": models.BigAutoField(primary_key=True),
        "path": Organization._meta.get_field("path").clone(),
        "depth": models.PositiveSmallIntegerField(),
        "parent": models.ForeignKey("self", null=True, on_delete=models.DO_NOTHING),
        "name": models.CharField(max_length=100),
        "kind": models.CharField(max_length=20),
    }
    return type("BenchOrganization", (models.Model,), attrs)


def _register(settings: dict) -> None:
    """Open a connection under ALIAS without adding ALIAS to settings.DATABASES: it is
    this command's alone, and nothing iterating over the configured databases sees it."""
    configured = connections.configure_settings(
        {"default": dict(connections["default"].settings_dict), ALIAS: settings})[ALIAS]
    connections[ALIAS] = load_backend(configured["ENGINE"]).DatabaseWrapper(configured, ALIAS)


def _unregister() -> None:
    connections[ALIAS].close()
    del connections[ALIAS]


@contextmanager
def throwaway_database() -> Iterator[str]:
    """Yield the alias of a fresh, empty database; remove every trace afterwards."""
    default = connections["default"].settings_dict
    vendor = connections["default"].vendor
    if vendor == "sqlite":
        directory = tempfile.mkdtemp(prefix="chengnuo-bench-")
        _register({"ENGINE": default["ENGINE"], "NAME": os.path.join(directory, "bench.db")})
        try:
            yield ALIAS
        finally:
            _unregister()
            shutil.rmtree(directory, ignore_errors=True)
    elif vendor == "postgresql":
        schema = f"chengnuo_bench_{secrets.token_hex(4)}"
        options = {**default.get("OPTIONS", {}), "options": f"-c search_path={schema}"}
        _register({**default, "OPTIONS": options, "CONN_MAX_AGE": 0})
        try:
            with connections[ALIAS].cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{schema}"')
            yield ALIAS
        finally:
            with connections[ALIAS].cursor() as cursor:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
            _unregister()
    else:
        raise UnsupportedDatabase(vendor)


def load(alias: str, model: type[models.Model], bench: BenchTree) -> None:
    connection = connections[alias]
    with connection.schema_editor() as editor:
        editor.create_model(model)
    with transaction.atomic(using=alias):
        for start in range(0, len(bench.rows), 5000):
            model.objects.using(alias).bulk_create(
                model(id=i, path=p, depth=d, parent_id=parent, name=n, kind=k)
                for i, p, d, parent, n, k in bench.rows[start:start + 5000])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else f"ANALYZE {TABLE}")


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm the cache: the benchmark is about the index, not the disk
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


@dataclass
class Method:
    label: str
    queryset: models.QuerySet
    count_ms: float = 0.0
    fetch_ms: float = 0.0
    rows: int = 0
    sql: str = ""
    plan: str = ""


def measure(alias: str, model: type[models.Model], path: str, runs: int) -> list[Method]:
    objects = model.objects.using(alias)
    methods = [
        Method("(a) path LIKE 'X%' (startswith)", objects.filter(path__startswith=path)),
        Method("(b) path >= X AND path < upper_bound(X)", objects.filter(tree.subtree_q(path))),
    ]
    for method in methods:
        ids = method.queryset.values_list("id", flat=True)
        method.count_ms = median_ms(lambda qs=method.queryset: qs.all().count(), runs)
        method.fetch_ms = median_ms(lambda qs=ids: list(qs.all()), runs)
        method.rows = method.queryset.count()
        sql, params = ids.query.sql_with_params()
        method.sql = f"{sql}  -- params: {list(params)}"
        vendor = connections[alias].vendor
        method.plan = ids.explain(analyze=True) if vendor == "postgresql" else ids.explain()
    return methods


def database_version(alias: str) -> str:
    connection = connections[alias]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
        cursor.execute("SHOW server_version")
        return f"PostgreSQL {cursor.fetchone()[0]}"


def machine() -> str:
    load_average = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(
        os, "getloadavg") else "n/a"
    return (f"{os.cpu_count()} CPU, Python {platform.python_version()}, "
            f"{platform.platform()}, load average {load_average}")
