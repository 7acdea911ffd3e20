"""Who may open a piece of evidence.

Public evidence (attached to something the public sees) is open to everyone. Otherwise
evidence is seen by its uploader and by whoever reaches what it is attached to, through
that thing's own permission rule. Each kind of attachment is one entry in REACH, keyed by
its related_name on Evidence; an app that attaches evidence to something new adds its
entry here (or calls `reach_through` from its AppConfig.ready).
"""

from collections.abc import Callable

from django.db.models import QuerySet

from .models import Evidence


def _progress_reports(user, reports: QuerySet) -> QuerySet:
    from chengnuo.pledges.access import pledges_for

    return reports.filter(pledge__in=pledges_for(user))


def _deeds(user, deeds: QuerySet) -> QuerySet:
    from chengnuo.accounts.permissions import members_for

    return deeds.filter(member__in=members_for(user))


def _rectification_answers(user, answers: QuerySet) -> QuerySet:
    from chengnuo.notices.access import rectifications_for

    return answers.filter(rectification__in=rectifications_for(user))


# related_name on Evidence -> (user, queryset of attached objects) -> those user reaches.
REACH: dict[str, Callable[[object, QuerySet], QuerySet]] = {
    "progress_reports": _progress_reports,
    "deeds": _deeds,
    "rectification_answers": _rectification_answers,
}


def reach_through(related_name: str, reach: Callable[[object, QuerySet], QuerySet]) -> None:
    """Let evidence attached through related_name be seen by whoever reach() lets through."""
    REACH[related_name] = reach


def may_view(user, evidence: Evidence) -> bool:
    """Whether user may open evidence: public, their own upload, or attached to something
    they reach. One EXISTS query per kind of attachment at most."""
    if evidence.public:
        return True
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser or evidence.uploaded_by_id == user.pk:
        return True
    return any(reach(user, getattr(evidence, name).all()).exists()
               for name, reach in REACH.items())
