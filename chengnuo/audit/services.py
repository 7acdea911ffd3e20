"""Recording organization and member changes in the audit trail."""

from collections.abc import Iterable

from django.db import models

from .models import AuditEvent


def _display(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, str | None]:
    """The display values of fields on obj, to compare before and after a change."""
    return {name: _display(getattr(obj, name)) for name in fields}


def changes_between(before: dict, after: dict) -> dict[str, list]:
    """{field: [old, new]} for every field that differs; {} before means created, {} after
    means deleted."""
    names = dict.fromkeys([*before, *after])
    return {name: [before.get(name), after.get(name)] for name in names
            if before.get(name) != after.get(name)}


def audit_event(*, actor, action: str, subject: models.Model, changes: dict,
                save: bool = True) -> AuditEvent:
    """One audit row; the caller's transaction makes it stand or fall with the change."""
    event = AuditEvent(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        subject_label=str(subject)[:120],
        changes=changes,
    )
    if save:
        event.save()
    return event


def events_for(subject: models.Model):
    return AuditEvent.objects.filter(
        subject_type=subject._meta.label_lower, subject_id=subject.pk
    ).select_related("actor")
