"""The data behind the progress charts, as plain JSON-able dicts: the page puts it in a
<script type="application/json"> (json_script) and progress/charts.js draws it with
ECharts. Labels are translated here, so the script holds no text of its own."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from .schedule import STATUS_ORDER, Status

# Bootstrap's colours, so a chart's bars match the badges beside it.
STATUS_COLORS = {
    Status.OVERDUE: "#dc3545",
    Status.AT_RISK: "#ffc107",
    Status.ON_SCHEDULE: "#0d6efd",
    Status.DONE: "#198754",
}
STATUS_CLASSES = {
    Status.OVERDUE: "text-bg-danger",
    Status.AT_RISK: "text-bg-warning",
    Status.ON_SCHEDULE: "text-bg-primary",
    Status.DONE: "text-bg-success",
}
LABEL_LENGTH = 16  # characters of an item's text under its bar


def status_counts(counts: dict[str, int]) -> list[dict]:
    """[{status, label, count, css}] in STATUS_ORDER, for badges and fallback tables."""
    return [{"status": s.value, "label": s.label, "count": counts.get(s.value, 0),
             "css": STATUS_CLASSES[s]} for s in STATUS_ORDER]


def status_chart(counts: dict[str, int]) -> dict:
    """One bar per status: how many items stand where."""
    return {"kind": "status", "title": _("Items by status"),
            "labels": [str(s.label) for s in STATUS_ORDER],
            "values": [counts.get(s.value, 0) for s in STATUS_ORDER],
            "colors": [STATUS_COLORS[s] for s in STATUS_ORDER]}


def owner_chart(rows: Iterable) -> dict:
    """Stacked bars per owner (member or the organization): their items by status."""
    owners: dict[str, dict[str, int]] = {}
    for row in rows:
        owners.setdefault(row.owner, dict.fromkeys((s.value for s in STATUS_ORDER), 0))
        owners[row.owner][row.status] += 1
    return {"kind": "stacked", "title": _("Items by member and status"),
            "categories": list(owners),
            "series": [{"name": str(s.label), "color": STATUS_COLORS[s],
                        "values": [counts[s.value] for counts in owners.values()]}
                       for s in STATUS_ORDER]}


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1] + "…"


def items_chart(rows: Iterable) -> dict:
    """A member's items: the percent done beside the percent the schedule expects."""
    rows = list(rows)
    return {"kind": "items", "title": _("Done and expected by now, per item"),
            "categories": [f"{n}. {_short(r.content)}" for n, r in enumerate(rows, start=1)],
            "series": [
                {"name": _("Percent done"), "color": "#198754",
                 "values": [r.percent for r in rows]},
                {"name": _("Expected by now"), "color": "#adb5bd",
                 "values": [r.expected for r in rows]}],
            "max": 100, "unit": "%"}
