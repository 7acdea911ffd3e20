"""Telling the owner and the superior about newly found overdue records, in bulk.

The owner is the member (their account) for a member's record, the organization's admins
for the organization's own. The superior is the admins of the nearest organization above
that has any: the member's organization for a member, the parent (or further up) for an
organization. A few queries per batch of records, whatever their number; the inbox rows
carry the record's subject key as dedupe key, so a record is told about once per person.

The rows go through notifications.services.notify_many: the same inbox rows as notify, and
the same email copies handed to a worker only after the batch's transaction commits.
"""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from chengnuo.accounts.models import Role, RoleGrant
from chengnuo.members.models import Member
from chengnuo.notifications.models import EmailState, Notification
from chengnuo.notifications.services import notify_many
from chengnuo.organizations import tree
from chengnuo.organizations.models import Organization

from .models import OverdueRecord


def alert(records: list[OverdueRecord], *, dedupe_suffix: str = "") -> int:
    """Inbox rows (and emails after commit) for records; returns how many rows were made."""
    if not records:
        return 0
    organizations = {row["pk"]: row for row in Organization.objects.filter(
        pk__in={r.organization_id for r in records}).values("pk", "path", "name", "slug")}
    members = {row["pk"]: row for row in Member.objects.filter(
        pk__in={r.member_id for r in records if r.member_id}).values("pk", "name", "user_id")}
    paths = {p for org in organizations.values()
             for p in [*tree.ancestor_paths(org["path"]), org["path"]]}
    admins: dict[str, set[int]] = defaultdict(set)
    for user_id, path in RoleGrant.objects.filter(
            role=Role.ADMIN, organization__path__in=paths).values_list(
            "user_id", "organization__path"):
        admins[path].add(user_id)
    told: list[tuple[OverdueRecord, set[int], str]] = []
    for record in records:
        organization = organizations[record.organization_id]
        path = organization["path"]
        if record.member_id:
            member = members[record.member_id]
            owner = {member["user_id"]} - {None}
            superior = _nearest_admins(admins, [*tree.ancestor_paths(path), path])
            label = member["name"]
        else:
            owner = admins.get(path, set())
            superior = _nearest_admins(admins, tree.ancestor_paths(path))
            label = organization["name"]
        told.append((record, owner | superior, label))
    users = dict(get_user_model().objects.filter(
        pk__in={pk for _r, ids, _l in told for pk in ids}, is_active=True).values_list(
        "pk", "email"))
    rows = [
        Notification(recipient_id=user_id, kind=f"overdue.{record.kind}",
                     title=_title(record), body=_body(record, label),
                     url=_url(record, organizations[record.organization_id]),
                     dedupe_key=record.subject_key + dedupe_suffix,
                     email_state=EmailState.PENDING if users[user_id] else EmailState.NONE)
        for record, ids, label in told for user_id in sorted(ids) if user_id in users]
    return notify_many(rows)


def _nearest_admins(admins: dict[str, set[int]], paths: list[str]) -> set[int]:
    """The admins of the deepest of paths that has any."""
    for path in reversed(paths):
        if admins.get(path):
            return admins[path]
    return set()


def _title(record: OverdueRecord) -> str:
    return (_("%(kind)s: %(what)s") % {"kind": record.get_kind_display(),
                                        "what": record.description})[:200]


def _body(record: OverdueRecord, owner: str) -> str:
    return _("%(owner)s — was due %(due)s, found late on %(today)s.") % {
        "owner": owner, "due": record.due_on.isoformat(),
        "today": record.detected_on.isoformat()}


def _url(record: OverdueRecord, organization: dict) -> str:
    return getattr(record, "url", "") or reverse("supervision:overdue",
                                                 args=[organization["slug"]])
