"""Steps the rectification services share: locking an order and moving it along the map."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..models import TRANSITIONS, Rectification, RectificationState


def clean_text(value, *, field: str, limit: int, required: str | None = None) -> str:
    """value stripped; refused when required and empty (required is the message) or
    longer than limit."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: required})
    if len(value) > limit:
        raise ValidationError({field: _("Keep this under %(limit)s characters.") % {
            "limit": limit}})
    return value


def locked(rectification: Rectification) -> Rectification:
    """The order's row locked for this transaction, then read with its relations.

    On PostgreSQL a lock that had to wait re-reads only the locked row; reading the order
    again by a statement of its own once the lock is held sees what the winner committed.
    """
    Rectification.objects.select_for_update().filter(pk=rectification.pk).values_list(
        "pk").get()
    return Rectification.objects.select_related(
        "notice__issuer__parent", "notice__issued_by", "organization",
        "member__organization", "member__user", "home", "escalated_to").get(
        pk=rectification.pk)


def move(order: Rectification, new_state: str) -> None:
    """Apply one transition of models.TRANSITIONS."""
    if new_state not in TRANSITIONS[order.state]:
        raise ValidationError(_(
            "A rectification order that is “%(state)s” cannot become “%(new)s”.") % {
            "state": RectificationState(order.state).label,
            "new": RectificationState(new_state).label})
    order.state = new_state
