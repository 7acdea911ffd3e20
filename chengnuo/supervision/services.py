"""督诺: filing the quarterly review, correcting it, and closing overdue records.

Guideline part 三 step 5: every quarter the grassroots organization sums up how its public
commitments are going (梳理总结) and comments on each member's fulfilment (点评).
"""

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.audit.services import audit_event
from chengnuo.cycles.models import Cycle
from chengnuo.notifications.services import notify, site_language
from chengnuo.organizations.models import Organization

from .access import require_filer
from .facts import QuarterFacts, quarter_facts
from .models import MemberComment, OverdueRecord, QuarterlyReview, Rating

SUMMARY_MAX = 5000
WORDS_MAX = 1000
REASON_MAX = 500


@transaction.atomic
def quarterly_review_file(*, actor, organization: Organization, cycle: Cycle, quarter: int,
                          summary: str,
                          comments: Mapping[int, tuple[str, str]]) -> QuarterlyReview:
    """File the quarter's review: the summary, and one comment (a rating and words) on
    every member of the organization, with a snapshot of the facts it was written from.

    Rules (guideline part 三 step 5, 每季度…作1次梳理总结…作1次点评): an admin of a grassroots
    organization files it, once per quarter, from the quarter's first day on; a filed
    review is never edited (see quarterly_review_correct). Filing closes the overdue
    record of a missing review; members rated poor are told.
    """
    organization = _locked(organization)
    require_filer(actor, organization)
    today = timezone.localdate()
    _check_quarter(organization, cycle, quarter, today)
    if QuarterlyReview.objects.filter(organization=organization, cycle=cycle,
                                      quarter=quarter).exists():
        raise ValidationError(_(
            "The review of this quarter has already been filed; file a correction instead."))
    facts = quarter_facts(organization, cycle, quarter, today)
    review = _save(actor=actor, organization=organization, cycle=cycle, quarter=quarter,
                   number=1, summary=summary, facts=facts, comments=comments)
    resolved = overdue_resolve(subject_keys=[review.subject_key], on=today)
    audit_event(actor=actor, action="quarterly_review.file", subject=review, changes={
        "quarter": [None, f"{cycle.year} Q{quarter}"], "summary": [None, review.summary],
        "comments": [None, len(comments)], "overdue_resolved": [None, resolved or None]})
    _tell_poorly_rated(review, previous=None)
    return review


@transaction.atomic
def quarterly_review_correct(*, actor, review: QuarterlyReview, summary: str,
                             comments: Mapping[int, tuple[str, str]],
                             reason: str) -> QuarterlyReview:
    """Correct a filed review: a new version that supersedes it, with the reason. The
    corrected version stays visible beside the new one, so nothing filed is changed
    silently. The new version comments on every member of the organization now and keeps
    the facts of the day it is filed."""
    organization = _locked(review.organization)
    require_filer(actor, organization)
    review = QuarterlyReview.objects.select_related("cycle").get(pk=review.pk)
    if QuarterlyReview.objects.filter(supersedes=review).exists():
        raise ValidationError(_(
            "This version has already been corrected; correct the latest version."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the filed review must be corrected.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("The reason is too long.")})
    facts = quarter_facts(organization, review.cycle, review.quarter, timezone.localdate())
    corrected = _save(actor=actor, organization=organization, cycle=review.cycle,
                      quarter=review.quarter, number=review.number + 1, summary=summary,
                      facts=facts, comments=comments, supersedes=review, reason=reason)
    audit_event(actor=actor, action="quarterly_review.correct", subject=corrected, changes={
        "version": [review.number, corrected.number], "reason": [None, reason],
        "summary": [review.summary, corrected.summary]})
    _tell_poorly_rated(corrected, previous=review)
    return corrected


def overdue_resolve(*, subject_keys: Iterable[str], on: datetime.date) -> int:
    """Close the open overdue records of these subjects (the late thing is done); returns
    how many were open. For the apps whose actions end a lateness."""
    return OverdueRecord.objects.filter(subject_key__in=list(subject_keys),
                                        resolved_on=None).update(resolved_on=on)


# ---- steps ---------------------------------------------------------------------------------

def _locked(organization: Organization) -> Organization:
    """The organization row locked: filings and corrections of its reviews queue here, so
    two at once cannot both see "not filed yet"."""
    return Organization.objects.select_for_update().get(pk=organization.pk)


def _check_quarter(organization: Organization, cycle: Cycle, quarter: int,
                   today: datetime.date) -> None:
    if not organization.is_grassroots:
        raise ValidationError(_("Only a grassroots organization files quarterly reviews."))
    if cycle.organization.path not in [*organization.ancestor_paths(), organization.path]:
        raise ValidationError(_("This cycle does not cover the organization."))
    try:
        first, _last = cycle.quarter_bounds(quarter)
    except ValueError:
        raise ValidationError({"quarter": _("A cycle has quarters 1 to 4.")}) from None
    if today < first:
        raise ValidationError({"quarter": _(
            "This quarter has not started yet; it can be reviewed from %(day)s.") % {
                "day": first.isoformat()}})


def _check_comments(comments: Mapping, facts: QuarterFacts) -> dict[int, tuple[str, str]]:
    """One comment, with a known rating and some words, on every member and nobody else."""
    names = {row.member_id: row.name for row in facts.members}
    try:
        given = {int(pk): value for pk, value in comments.items()}
    except (TypeError, ValueError):
        raise ValidationError({"comments": _("Unknown member.")}) from None
    missing = [names[pk] for pk in names if pk not in given]
    if missing:
        raise ValidationError({"comments": _("Comment on every member; missing: %(names)s.") % {
            "names": _(", ").join(missing)}})
    if set(given) - set(names):
        raise ValidationError({"comments": _(
            "Only the organization's members are commented on.")})
    checked, errors = {}, {}
    for pk, value in given.items():
        rating, words = (value if isinstance(value, tuple | list) and len(value) == 2
                         else (None, None))
        words = (words or "").strip()
        if rating not in Rating.values:
            errors[f"rating_{pk}"] = _("Choose a rating for %(name)s.") % {"name": names[pk]}
        if not words:
            errors[f"words_{pk}"] = _("Write a comment on %(name)s.") % {"name": names[pk]}
        elif len(words) > WORDS_MAX:
            errors[f"words_{pk}"] = _("The comment on %(name)s is too long.") % {
                "name": names[pk]}
        checked[pk] = (rating, words)
    if errors:
        raise ValidationError(errors)
    return checked


def _save(*, actor, organization, cycle, quarter, number, summary, facts, comments,
          supersedes=None, reason="") -> QuarterlyReview:
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Sum up how the commitments went this quarter.")})
    if len(summary) > SUMMARY_MAX:
        raise ValidationError({"summary": _("The summary is too long.")})
    checked = _check_comments(comments, facts)
    try:
        # The unique version number backs the row lock: should two filings ever get past
        # it, one of them stops here and nothing of it is kept.
        with transaction.atomic():
            review = QuarterlyReview.objects.create(
                organization=organization, cycle=cycle, quarter=quarter, number=number,
                summary=summary, facts=facts.as_json(), filed_by=actor,
                correction_reason=reason, supersedes=supersedes)
    except IntegrityError:
        raise ValidationError(_(
            "The review of this quarter has already been filed; file a correction "
            "instead.")) from None
    MemberComment.objects.bulk_create(
        MemberComment(review=review, member_id=pk, rating=rating, words=words)
        for pk, (rating, words) in checked.items())
    return review


def _tell_poorly_rated(review: QuarterlyReview, *, previous: QuarterlyReview | None) -> None:
    """Members rated poor are told the comment, to act on it (督促党员积极落实承诺事项); after a
    correction, only those whose poor comment is new or changed."""
    comments = list(review.comments.filter(rating=Rating.POOR).select_related("member__user"))
    if previous is not None:
        before = {c.member_id: (c.rating, c.words) for c in previous.comments.all()}
        comments = [c for c in comments if before.get(c.member_id) != (c.rating, c.words)]
    # The member reads it later, whatever language the secretary's browser asked for.
    with site_language():
        for comment in comments:
            notify(recipients=[comment.member.user],
                   kind="supervision.comment",
                   title=_("Your organization's comment on quarter %(quarter)s: %(rating)s") % {
                       "quarter": review.quarter, "rating": comment.get_rating_display()},
                   body=comment.words, url=reverse("pledges:mine"),
                   dedupe_key=f"review-comment:{review.pk}:{comment.member_id}")
