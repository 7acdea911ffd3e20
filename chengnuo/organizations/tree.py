"""The organization tree as materialized paths.

Each organization's path is its parent's path plus a fixed-width decimal step, so the
subtree of X is every path in the half-open range [X.path, X.path + 1). A range on the
unique path index seeks on SQLite and PostgreSQL alike; `LIKE 'X%'` would scan on SQLite.
Paths are digits only, so the range holds under any collation.
"""

from django.db.models import Q

STEP_WIDTH = 4
MAX_CHILDREN = 10**STEP_WIDTH - 1


def child_path(parent_path: str, index: int) -> str:
    """The path of the index-th child (1-based) of parent_path ('' for a root)."""
    if not 1 <= index <= MAX_CHILDREN:
        raise ValueError(f"child index {index} outside 1..{MAX_CHILDREN}")
    return f"{parent_path}{index:0{STEP_WIDTH}d}"


def step_index(path: str) -> int:
    return int(path[-STEP_WIDTH:])


def depth_of(path: str) -> int:
    return len(path) // STEP_WIDTH


def upper_bound(path: str) -> str | None:
    """The smallest path-like string above every descendant of path (None: no bound)."""
    if set(path) == {"9"}:
        return None
    return str(int(path) + 1).zfill(len(path))


def subtree_q(path: str, field: str = "path") -> Q:
    """Q for everything at or under path; field may cross relations (organization__path)."""
    q = Q(**{f"{field}__gte": path})
    bound = upper_bound(path)
    if bound is not None:
        q &= Q(**{f"{field}__lt": bound})
    return q


def ancestor_paths(path: str) -> list[str]:
    """Paths of path's ancestors, root first, path itself excluded."""
    return [path[:end] for end in range(STEP_WIDTH, len(path), STEP_WIDTH)]
