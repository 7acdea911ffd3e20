import pytest
from django.db import connection

from chengnuo.organizations import tree
from chengnuo.organizations.models import Organization
from chengnuo.tests.factories import OrganizationFactory


def test_child_paths_are_fixed_width_steps():
    assert tree.child_path("", 1) == "0001"
    assert tree.child_path("0001", 12) == "00010012"
    assert tree.depth_of("00010012") == 2


def test_upper_bound_is_above_every_descendant_and_below_the_next_sibling():
    assert tree.upper_bound("00010009") == "00010010"
    assert tree.upper_bound("00019999") == "00020000"
    assert "000100099999" < tree.upper_bound("00010009") <= "00010010"
    assert tree.upper_bound("9999") is None


def test_child_index_outside_the_step_is_refused():
    with pytest.raises(ValueError):
        tree.child_path("0001", 10_000)


def test_ancestor_paths_run_from_the_root():
    assert tree.ancestor_paths("000100020003") == ["0001", "00010002"]


def test_subtree_of_returns_the_node_and_all_below_and_nothing_else(county, branch,
                                                                   other_branch, city):
    subtree = set(Organization.objects.subtree_of(county))
    assert county in subtree and branch in subtree
    assert other_branch not in subtree and city not in subtree


def test_descendants_exclude_the_node_itself(county, township):
    assert list(Organization.objects.descendants_of(county)) == [township]


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            cursor.execute("SET enable_seqscan = on")
            return plan
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@pytest.mark.django_db
def test_subtree_query_seeks_the_path_index():
    root = OrganizationFactory(kind="province")
    for _ in range(5):
        OrganizationFactory(kind="city", parent=root)
    plan = _plan(Organization.objects.filter(tree.subtree_q(root.path)).values("pk"))
    if connection.vendor == "sqlite":
        # A seek on the unique path index with both bounds, not a scan of the table.
        assert "SEARCH" in plan and "path>? AND path<?" in plan.replace("=", ""), plan
    else:
        assert "Index" in plan and "path" in plan, plan
