"""Orders past their deadline: overdue, and escalated to the level above the issuer."""

import datetime
import hashlib
from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.models import Role, RoleGrant
from chengnuo.audit.models import AuditEvent
from chengnuo.audit.services import audit_event
from chengnuo.notifications.services import notify, site_language

from ..models import Rectification, RectificationState
from ._base import move


def rectifications_overdue(*, orders: list[Rectification], today: datetime.date,
                           actor=None) -> list[Rectification]:
    """Mark orders overdue and escalate each to the issuer's parent organization.

    Rule (guideline part 三 item 5 and part 四 item 2): an order not answered by its
    deadline is overdue, and the level above the issuer follows it up, so that it still
    ends with a result. An issuer without a parent escalates to nobody; the order is still
    marked overdue. overdue_since and the escalation are set once and kept, so an order
    answered late shows that it was late. The caller holds the rows' locks; everything is
    written in bulk, and the issuer and the level above are told once each.
    """
    now = timezone.now()
    for order in orders:
        move(order, RectificationState.OVERDUE)
        order.overdue_since = order.overdue_since or today
        if order.escalated_at is None and order.notice.issuer.parent_id is not None:
            order.escalated_to = order.notice.issuer.parent
            order.escalated_at = now
    Rectification.objects.bulk_update(
        orders, ["state", "overdue_since", "escalated_to", "escalated_at"])
    AuditEvent.objects.bulk_create(
        audit_event(actor=actor, action="rectification.overdue", subject=order, save=False,
                    changes={"state": [None, RectificationState.OVERDUE],
                             "escalated_to": [None, str(order.escalated_to or "")]})
        for order in orders)
    _tell(orders, today)
    return orders


def _list_url(organization, state: str) -> str:
    return reverse("notices:rectifications", args=[organization.slug]) + f"?state={state}"


def _tell(orders: list[Rectification], today: datetime.date) -> None:
    """One notification for each organization to be told, naming how many of its orders
    are overdue: the issuer's admins and inspectors (and the one who issued), and those of
    the level the orders escalated to. The target is told by the sweep's own alert (its
    record), or by the return that made the order overdue."""
    if not orders:
        return
    with site_language():
        orgs = {o.notice.issuer_id for o in orders} | {o.escalated_to_id for o in orders
                                                       if o.escalated_to_id}
        speakers: dict[int, list] = defaultdict(list)
        for grant in RoleGrant.objects.filter(organization_id__in=orgs,
                                              role__in=[Role.ADMIN, Role.INSPECTOR]
                                              ).select_related("user"):
            speakers[grant.organization_id].append(grant.user)
        audiences: dict[tuple, tuple[list, list[Rectification], object]] = {}
        for order in orders:
            issuer = order.notice.issuer
            audiences.setdefault(("issuer", issuer.pk), (
                [*speakers[issuer.pk], order.notice.issued_by], [], issuer))[1].append(order)
            if order.escalated_to_id:
                audiences.setdefault(("escalated", order.escalated_to_id), (
                    speakers[order.escalated_to_id], [], order.escalated_to))[1].append(order)
        titles = {
            "issuer": _("Rectification orders you issued are overdue: %(count)s"),
            "escalated": _("Overdue rectification orders escalated to you: %(count)s"),
        }
        for (role, pk), (users, concerned, where) in audiences.items():
            url = (reverse("notices:rectification", args=[concerned[0].pk])
                   if len(concerned) == 1 else _list_url(where, RectificationState.OVERDUE))
            notify(recipients=users, kind="rectification.overdue",
                   title=titles[role] % {"count": len(concerned)}, url=url,
                   body="\n".join(f"{o.target_name}: {o.requirement[:80]}" for o in concerned),
                   dedupe_key=_key(role, pk, concerned))


def _key(role: str, pk: int, orders: list[Rectification]) -> str:
    # Once per audience and set of orders: a rerun tells nobody again, while orders that
    # fall overdue later the same day are still told.
    digest = hashlib.sha256(",".join(str(o.pk) for o in sorted(
        orders, key=lambda o: o.pk)).encode()).hexdigest()[:16]
    return f"rectification-overdue:{role}:{pk}:{digest}"
