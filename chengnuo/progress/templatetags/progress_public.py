"""Progress on the public pages and beside private ones: status badges, an item's schedule
from what the page already loaded, and the summary and member charts (one query each).

Nothing here reads the request or the user, so the public pages stay cacheable and set
no cookie.
"""

from django import template
from django.utils import timezone

from .. import charts, schedule, selectors

register = template.Library()


@register.filter
def status_class(status: str) -> str:
    """Bootstrap classes of a status badge."""
    try:
        return charts.STATUS_CLASSES[schedule.Status(status)]
    except ValueError:
        return "text-bg-secondary"


@register.simple_tag
def item_plan(item, pledge) -> schedule.ItemSchedule:
    """The schedule of item of pledge's published version; no query when its milestones
    are prefetched and the pledge's cycle and published version are loaded."""
    return schedule.item_schedule(item, timezone.localdate(),
                                  started_on=schedule.started_on(pledge),
                                  cycle_ends=pledge.cycle.quarter_4_ends)


@register.inclusion_tag("progress/_summary.html")
def board_progress(organization, cycle):
    """The organization's items of the cycle counted by status, with a chart: one query."""
    rows = selectors.organization_rows(organization, cycle, timezone.localdate()) \
        if cycle is not None else []
    counts = schedule.count_by_status(r.status for r in rows)
    return {"organization": organization, "cycle": cycle, "total": len(rows),
            "counts": charts.status_counts(counts), "chart": charts.status_chart(counts),
            "chart_id": f"progress-summary-{organization.pk}",
            "chart_data_id": f"progress-summary-{organization.pk}-data"}


@register.inclusion_tag("progress/_member_chart.html")
def member_progress(member):
    """The member's items of the year being fulfilled (else their newest), done against
    expected: one query."""
    rows = selectors.member_rows(member, timezone.localdate())
    counts = schedule.count_by_status(r.status for r in rows)
    return {"member": member, "rows": rows, "year": rows[0].year if rows else None,
            "counts": charts.status_counts(counts), "chart": charts.items_chart(rows),
            "chart_id": f"progress-member-{member.pk}",
            "chart_data_id": f"progress-member-{member.pk}-data"}
