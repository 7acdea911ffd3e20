"""通报: issuing a commendation or a criticism, and withdrawing it with a visible reason."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import OutOfReach
from chengnuo.audit.models import AuditEvent
from chengnuo.audit.services import audit_event
from chengnuo.ledger.services import ledger_append
from chengnuo.members.models import Member
from chengnuo.notifications.models import EmailState, Notification
from chengnuo.notifications.services import notify, notify_many, site_language
from chengnuo.organizations.models import Organization
from chengnuo.supervision.models import OverdueRecord
from chengnuo.supervision.services import overdue_resolve

from .. import access, recipients
from ..models import (
    CLOSED_STATES,
    Kind,
    Notice,
    NoticeState,
    Rectification,
    RectificationState,
)
from ._base import clean_text, move

TITLE_MAX, BODY_MAX, FINDING_MAX, REQUIREMENT_MAX, REASON_MAX = 120, 5000, 2000, 2000, 1000


def _inside(path: str, issuer: Organization) -> bool:
    return path.startswith(issuer.path)


def _targets(issuer, organizations, members):
    """The named organizations (strictly below the issuer) and members (in its subtree),
    read afresh with what the ledger and the notifications need."""
    org_ids = list(dict.fromkeys(o.pk for o in organizations))
    member_ids = list(dict.fromkeys(m.pk for m in members))
    orgs = list(Organization.objects.filter(pk__in=org_ids).order_by("path"))
    people = list(Member.objects.filter(pk__in=member_ids)
                  .select_related("organization", "user")
                  .order_by("organization__path", "name", "pk"))
    if len(orgs) != len(org_ids) or len(people) != len(member_ids):
        raise ValidationError(_("One of the chosen organizations or members no longer "
                                "exists."))
    if any(not _inside(o.path, issuer) or o.pk == issuer.pk for o in orgs):
        raise ValidationError({"organizations": _(
            "A notice goes only to organizations below the issuing organization.")})
    if any(not _inside(m.organization.path, issuer) for m in people):
        raise ValidationError({"members": _(
            "A notice goes only to members of the issuing organization's subtree.")})
    if not orgs and not people:
        raise ValidationError({"organizations": _(
            "Name at least one organization or member the notice concerns.")})
    return orgs, people


def _records(issuer, records) -> list[OverdueRecord]:
    ids = list(dict.fromkeys(r.pk for r in records))
    found = list(OverdueRecord.objects.filter(pk__in=ids).select_related("organization")
                 .order_by("pk"))
    if len(found) != len(ids) or any(not _inside(r.organization.path, issuer)
                                      for r in found):
        raise ValidationError({"records": _(
            "A notice cites only overdue records of the issuing organization's subtree.")})
    return found


def _orders(rectifications, orgs, people, today: datetime.date) -> list[Rectification]:
    """Unsaved orders for (target, requirement, deadline), each target one of the notice's."""
    by_org = {o.pk: o for o in orgs}
    by_member = {m.pk: m for m in people}
    orders, seen = [], set()
    for target, requirement, deadline in rectifications:
        key = (type(target).__name__, target.pk)
        if isinstance(target, Organization) and target.pk in by_org:
            order = Rectification(organization=by_org[target.pk], home=by_org[target.pk])
        elif isinstance(target, Member) and target.pk in by_member:
            member = by_member[target.pk]
            order = Rectification(member=member, home=member.organization)
        else:
            raise ValidationError({"rectifications": _(
                "A rectification order goes to one of the organizations or members the "
                "notice concerns.")})
        if key in seen:
            raise ValidationError({"rectifications": _(
                "Give each organization or member at most one rectification order.")})
        seen.add(key)
        order.requirement = clean_text(requirement, field="rectifications", limit=REQUIREMENT_MAX,
                                  required=_("Say what must be fixed."))
        if deadline is None:
            raise ValidationError({"rectifications": _(
                "Give each rectification order a deadline.")})
        if deadline <= today:
            raise ValidationError({"rectifications": _(
                "The deadline of a rectification order lies in the future.")})
        order.deadline = deadline
        orders.append(order)
    return orders


def _ledger_payload(notice, orgs, people, found, orders) -> dict:
    return {
        "notice": notice.pk,
        "issuer": notice.issuer.slug,
        "kind": notice.kind,
        "title": notice.title,
        "body": notice.body,
        "finding": notice.finding,
        "organizations": [o.slug for o in orgs],
        "members": [m.public_id for m in people],
        "records": [r.subject_key for r in found],
        "rectifications": [
            {"organization": o.organization.slug if o.organization_id else None,
             "member": o.member.public_id if o.member_id else None,
             "requirement": o.requirement, "deadline": o.deadline} for o in orders],
    }


@transaction.atomic
def notice_issue(*, actor, issuer: Organization, kind: str, title: str, body: str,
                 finding: str = "", organizations=(), members=(), records=(),
                 rectifications=()) -> Notice:
    """Issue a commendation or a criticism to organizations and members of the issuer's
    subtree; a criticism may order each of them to rectify by a deadline.

    Rule (guideline part 三 item 5, 督诺): "对不按时完成承诺事项的党组织和党员，上级党组织
    进行通报批评，责令限期整改，并把情况向党员群众进行通报" — so the issuer is a superior
    of every target, a criticism rests on overdue records or on a stated finding, and the
    notice goes to the targets, to their members and to the public (the ledger and the
    boards). Only admins and inspectors of the issuer issue; a notice is never edited.
    """
    if not access.may_issue(actor, issuer):
        raise OutOfReach
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose a commendation or a criticism.")})
    title = clean_text(title, field="title", limit=TITLE_MAX,
                       required=_("Give the notice a title."))
    body = clean_text(body, field="body", limit=BODY_MAX, required=_("Write the notice's text."))
    finding = clean_text(finding, field="finding", limit=FINDING_MAX)
    orgs, people = _targets(issuer, organizations, members)
    found = _records(issuer, records)
    today = timezone.localdate()
    orders = _orders(rectifications, orgs, people, today)
    if kind == Kind.CRITICISM and not found and not finding:
        raise ValidationError({"records": _(
            "A criticism cites at least one overdue record, or states the finding it "
            "rests on.")})
    if kind == Kind.COMMENDATION and (found or orders):
        raise ValidationError({"kind": _(
            "A commendation cites no overdue records and carries no rectification order.")})
    notice = Notice.objects.create(issuer=issuer, kind=kind, title=title, body=body,
                                   finding=finding, issued_by=actor, issued_at=timezone.now())
    notice.organizations.set(orgs)
    notice.members.set(people)
    notice.records.set(found)
    for order in orders:
        order.notice = notice
    Rectification.objects.bulk_create(orders)
    notice.ledger_entry = ledger_append(kind="notice.issue", subject=f"notice:{notice.pk}",
                                        payload=_ledger_payload(notice, orgs, people, found,
                                                                orders))
    notice.save(update_fields=["ledger_entry"])
    AuditEvent.objects.bulk_create([
        audit_event(actor=actor, action="notice.issue", subject=notice, save=False,
                    changes={"state": [None, NoticeState.PUBLISHED],
                             "ledger": [None, notice.ledger_entry.fingerprint]}),
        *(audit_event(actor=actor, action="rectification.order", subject=order, save=False,
                      changes={"deadline": [None, str(order.deadline)]}) for order in orders),
    ])
    _tell_about_issue(notice, orgs, people, orders)
    return notice


def _tell_about_issue(notice, orgs, people, orders) -> None:
    with site_language():
        template = (_("Criticism from %(issuer)s: %(title)s") if notice.is_criticism
                    else _("Commendation from %(issuer)s: %(title)s"))
        notify(recipients=recipients.audience_of(organization_ids=[o.pk for o in orgs],
                                                 member_ids=[m.pk for m in people]),
               kind=f"notice.{notice.kind}",
               title=template % {"issuer": notice.issuer.name, "title": notice.title},
               url=reverse("notices:detail", args=[notice.pk]), body=notice.body[:500])
        # Each order's own message to its answerers, all in one statement (notify_many).
        answerers = recipients.answerers_by_order(orders)
        notify_many([
            Notification(recipient=user, kind="rectification.order",
                         title=_("Rectification order from %(issuer)s, due %(deadline)s") % {
                             "issuer": notice.issuer.name,
                             "deadline": order.deadline.isoformat()},
                         url=reverse("notices:rectification", args=[order.pk]),
                         body=order.requirement[:500],
                         dedupe_key=f"rectification.order:{order.pk}",
                         email_state=EmailState.PENDING if user.email else EmailState.NONE)
            for order in orders for user in answerers[order.pk]])


@transaction.atomic
def notice_withdraw(*, actor, notice: Notice, reason: str) -> Notice:
    """Withdraw an issued notice. It stays visible, marked withdrawn with the reason, and
    its orders still open are closed with that reason as their result: every order ends
    with a result (guideline part 四 item 2, 项项有着落、件件有结果). The withdrawal is
    appended to the ledger; the notice's text is never changed.
    """
    # Lock the notice only, not its issuer's row the join reads.
    notice = (Notice.objects.select_for_update(of=("self",)).select_related("issuer")
              .get(pk=notice.pk))
    if not access.may_withdraw(actor, notice):
        if access.notices_for(actor).filter(pk=notice.pk).exists():
            raise ValidationError(_("Only the issuing organization withdraws its notice."))
        raise OutOfReach
    if notice.state != NoticeState.PUBLISHED:
        raise ValidationError(_("This notice has already been withdrawn."))
    reason = clean_text(reason, field="reason", limit=REASON_MAX,
                   required=_("Say why the notice is withdrawn; the reason is shown with it."))
    now = timezone.now()
    orders = list(Rectification.objects.select_for_update()
                  .filter(notice=notice).exclude(state__in=CLOSED_STATES).order_by("pk"))
    for order in orders:
        move(order, RectificationState.WITHDRAWN)
        order.result, order.closed_at = reason, now
    Rectification.objects.bulk_update(orders, ["state", "result", "closed_at"])
    overdue_resolve(subject_keys=[o.subject_key for o in orders], on=timezone.localdate())
    notice.withdrawal_entry = ledger_append(
        kind="notice.withdraw", subject=f"notice:{notice.pk}",
        payload={"notice": notice.pk, "reason": reason,
                 "rectifications_closed": [o.pk for o in orders]})
    notice.state, notice.withdrawn_by, notice.withdrawn_at = NoticeState.WITHDRAWN, actor, now
    notice.withdrawal_reason = reason
    notice.save(update_fields=["state", "withdrawn_by", "withdrawn_at", "withdrawal_reason",
                               "withdrawal_entry"])
    audit_event(actor=actor, action="notice.withdraw", subject=notice,
                changes={"state": [NoticeState.PUBLISHED, NoticeState.WITHDRAWN],
                         "reason": [None, reason]})
    with site_language():
        notify(recipients=recipients.audience_of(
                   organization_ids=notice.organizations.values_list("pk", flat=True),
                   member_ids=notice.members.values_list("pk", flat=True)),
               kind="notice.withdrawn",
               title=_("Notice withdrawn: %(title)s") % {"title": notice.title},
               url=reverse("notices:detail", args=[notice.pk]), body=reason)
    return notice
