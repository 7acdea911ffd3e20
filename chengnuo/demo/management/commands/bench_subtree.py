import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from chengnuo.demo import bench
from chengnuo.demo.bench_tree import MIN_ORGANIZATIONS, build_tree


class Command(BaseCommand):
    help = ("Time 'everything under one county' by LIKE prefix and by path range, on a "
            "throwaway copy of the organization table with about 200,000 organizations.")

    def add_arguments(self, parser):
        parser.add_argument("--organizations", type=int, default=200_000,
                            help="How many organizations to build (default 200000).")
        parser.add_argument("--runs", type=int, default=50,
                            help="Runs per query; the median is reported (default 50).")

    def handle(self, *args, organizations: int, runs: int, **options):
        if organizations < MIN_ORGANIZATIONS:
            raise CommandError(_("Build at least %(min)d organizations.")
                               % {"min": MIN_ORGANIZATIONS})
        if runs < 1:
            raise CommandError(_("Run each query at least once."))
        write = self.stdout.write
        tree = build_tree(organizations)
        try:
            with bench.throwaway_database() as alias:
                started = time.perf_counter()
                model = bench.bench_model()
                bench.load(alias, model, tree)
                loaded = time.perf_counter() - started
                county, path = tree.target_county()
                methods = bench.measure(alias, model, path, runs)
                version = bench.database_version(alias)
        except bench.UnsupportedDatabase as error:
            raise CommandError(_("The benchmark runs on SQLite and PostgreSQL, not %(vendor)s.")
                               % {"vendor": error}) from None
        write(_("Subtree benchmark"))
        write(_("Database: %(version)s (a throwaway database, removed afterwards)")
              % {"version": version})
        write(_("Machine: %(machine)s") % {"machine": bench.machine()})
        write(_("Organizations: %(total)d (1 province, %(cities)d cities, %(counties)d counties, "
                "%(townships)d townships, %(grassroots)d grassroots), loaded in %(seconds).1f s")
              % {"total": len(tree.rows), "seconds": loaded, **tree.levels})
        write(_("Subtree of %(county)s (path %(path)s): %(rows)d organizations; median of "
                "%(runs)d runs") % {"county": county, "path": path, "rows": methods[0].rows,
                                    "runs": runs})
        for method in methods:
            write(_("%(label)s: count %(count).2f ms, fetch ids %(fetch).2f ms, %(rows)d rows")
                  % {"label": method.label, "count": method.count_ms,
                     "fetch": method.fetch_ms, "rows": method.rows})
        like, ranged = methods
        if ranged.count_ms > 0:
            write(_("The range is %(times).1f times as fast as LIKE (count).")
                  % {"times": like.count_ms / ranged.count_ms})
        for method in methods:
            write("")
            write(_("EXPLAIN %(label)s") % {"label": method.label})
            write(method.sql)
            write(method.plan)
