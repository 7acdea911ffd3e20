"""What the facts suggest about a member's quarter, offered beside the comment form.

A hint only prefills the words with the facts and names the rating they point to; the
rating itself is left for the secretary to choose, because the comment is a judgement
(guideline part 三 step 5: 党组织分析点评), not arithmetic.
"""

from django.utils.translation import gettext as _

from .facts import Facts
from .models import Rating


def suggested_rating(facts: Facts) -> Rating | None:
    """The rating the facts point to; None for a member with nothing published."""
    if not facts.items:
        return None
    if facts.overdue >= 2 or (facts.overdue and not facts.reports):
        return Rating.POOR
    if facts.overdue or facts.at_risk or facts.done_late:
        return Rating.AVERAGE
    if (facts.due and facts.done >= facts.due) or facts.deeds:
        return Rating.GOOD
    return Rating.FAIRLY_GOOD


def facts_sentence(facts: Facts) -> str:
    """The quarter's facts in one sentence, to start the comment from."""
    if not facts.items:
        return _("No published commitment this cycle.")
    parts = [_("%(due)s due this quarter, %(done)s done") % {
        "due": facts.due, "done": facts.done}]
    if facts.done_late:
        parts.append(_("%(n)s done late") % {"n": facts.done_late})
    if facts.overdue:
        parts.append(_("%(n)s overdue now") % {"n": facts.overdue})
    if facts.at_risk:
        parts.append(_("%(n)s at risk") % {"n": facts.at_risk})
    parts.append(_("%(reports)s progress reports with %(evidence)s pieces of evidence") % {
        "reports": facts.reports, "evidence": facts.evidence})
    if facts.deeds:
        parts.append(_("%(n)s verified shining deeds") % {"n": facts.deeds})
    return _("; ").join(parts) + _(".")
