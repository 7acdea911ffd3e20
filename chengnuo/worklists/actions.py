"""The one next step for each pledge on the overview, offered only to who may take it.

Every check reads paths already loaded with the page (the user's grants, the member's
organization, the pledge's organizations), so deciding the actions costs no query per row.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chengnuo.accounts.permissions import Need, can
from chengnuo.pledges import access
from chengnuo.pledges.models import Pledge, Scope, State

from .selectors import AMENDING, MISSING

STATUS_LABELS = {
    MISSING: _("Not started"),
    State.DRAFT: _("Draft"),
    State.SUBMITTED: _("Submitted"),
    State.RETURNED: _("Returned"),
    State.APPROVED: _("Approved"),
    State.PUBLISHED: _("Published"),
    AMENDING: _("Amendment in progress"),
}
STATUS_STYLES = {
    MISSING: "text-bg-light border", State.DRAFT: "text-bg-secondary",
    State.SUBMITTED: "text-bg-warning", State.RETURNED: "text-bg-danger",
    State.APPROVED: "text-bg-info", State.PUBLISHED: "text-bg-success",
    AMENDING: "text-bg-primary",
}


@dataclass
class Action:
    label: str
    url: str
    primary: bool = True
    post: dict = field(default_factory=dict)  # a form to POST instead of a link
    oral: bool = False  # also offer to record an oral pledge


@dataclass
class Cell:
    """One pledge slot of the overview: an owner in a scope, and what comes next."""

    scope: str
    status: str
    pledge: Pledge | None = None
    where: object = None  # the organization where the pledge is made
    action: Action | None = None
    note: str = ""

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def style(self):
        return STATUS_STYLES[self.status]

    @property
    def amending(self) -> bool:
        pledge = self.pledge
        return bool(pledge and pledge.published_version_id and pledge.state != State.PUBLISHED)


def next_action(user, pledge: Pledge) -> Action | None:
    detail = reverse("pledges:detail", args=[pledge.pk])
    state = pledge.state
    if state == State.DRAFT and access.may_edit(user, pledge):
        return Action(_("Continue the draft"), detail)
    if state == State.RETURNED and access.may_edit(user, pledge):
        return Action(_("Revise and resubmit"), detail)
    if state == State.SUBMITTED and access.may_review(user, pledge) \
            and not access.reviews_own_work(user, pledge):
        return Action(_("Review"), reverse("pledges:review", args=[pledge.pk]))
    if state == State.APPROVED and access.may_publish(user, pledge):
        return Action(_("Publish"), detail)
    if state == State.PUBLISHED:
        return Action(_("Public page"), pledge.public_path(), primary=False)
    if access.may_view(user, pledge):
        return Action(_("Open"), detail, primary=False)
    return None


def _start(cycle, scope: str, **owner) -> Action:
    return Action(_("Start the pledge"), reverse("pledges:start"),
                  post={"cycle": cycle.pk, "scope": scope, **owner})


def member_cell(user, cycle, member, scope: str, pledge: Pledge | None) -> Cell:
    where = member.residence_organization if scope == Scope.RESIDENCE else member.organization
    if pledge is not None:
        return Cell(scope, pledge.state, pledge, where, next_action(user, pledge))
    cell = Cell(scope, MISSING, None, where)
    is_self = member.user_id is not None and member.user_id == user.pk
    admin = can(user, Need.MANAGE, member) or (
        scope == Scope.RESIDENCE and can(user, Need.MANAGE, where))
    if not (is_self or admin):
        return cell
    if where.path[:len(cycle.organization.path)] != cycle.organization.path:
        cell.note = _("This cycle does not cover the residence community.")
    elif member.without_post and member.post_id is None:
        cell.note = _("Assign a duty post first.")
    else:
        cell.action = _start(cycle, scope, member=member.pk)
        cell.action.oral = admin and not is_self and member.may_pledge_orally
    return cell


def organization_cell(user, cycle, organization, pledge: Pledge | None) -> Cell:
    if pledge is not None:
        return Cell(Scope.WORK, pledge.state, pledge, organization, next_action(user, pledge))
    cell = Cell(Scope.WORK, MISSING, None, organization)
    if can(user, Need.MANAGE, organization):
        cell.action = _start(cycle, Scope.WORK, organization=organization.slug)
    return cell


ORAL_LABEL = _("May pledge orally")
