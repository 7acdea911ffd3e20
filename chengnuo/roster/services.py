"""Importing a roster (花名册): organizations and members from one file, whole or not at all.

The whole file is checked first and every wrong row is reported with its sheet, row number
and reason; only a file without a single error is written, in one transaction and with
bulk statements, so the number of queries does not grow with the number of rows.
Organizations are matched by their code and members by phone number (else by organization,
name and birth date), so importing the same file again changes nothing.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from chengnuo.accounts.permissions import Need, can
from chengnuo.audit.models import AuditEvent
from chengnuo.audit.services import audit_event, changes_between, snapshot
from chengnuo.members.models import CATEGORY_FIELDS, PHONE_PATTERN, Member
from chengnuo.members.services import AUDITED_FIELDS
from chengnuo.organizations import tree
from chengnuo.organizations.models import Organization, Post
from chengnuo.organizations.services import check_placement

from . import cells
from .columns import MEMBER_COLUMNS, ORGANIZATION_COLUMNS, header_of
from .errors import RosterInvalid, RowError
from .readers import MAX_ROWS, Roster, SheetRow

ORGANIZATION_FIELDS = ("name", "kind", "sector", "parent", "slug")
MEMBER_FIELDS = tuple(name for name in AUDITED_FIELDS if name != "photo")
_MEMBER_STATE = ("name", "gender", "birth_date", "joined_date", "phone", "organization_id",
                 "residence_organization_id", "post_id", *CATEGORY_FIELDS)
_MEMBER_UPDATE_FIELDS = ("name", "gender", "birth_date", "joined_date", "phone",
                         "organization", "residence_organization", "post", *CATEGORY_FIELDS,
                         "updated_at")
# Relations are checked by the import itself, without a query per row.
_ORGANIZATION_UNCHECKED = ["path", "depth", "parent", "secretary", "created_at", "updated_at"]
_MEMBER_UNCHECKED = ["organization", "residence_organization", "post", "user", "photo",
                     "public_id", "created_at", "updated_at"]
# Model field -> the column a secretary sees, for reasons raised by model validation.
_ORGANIZATION_COLUMN_OF = {"slug": "code", "name": "name", "kind": "kind", "sector": "sector",
                           "parent": "parent"}
_MEMBER_COLUMN_OF = {"residence_organization": "residence", "organization": "organization",
                     "post": "post", **{name: name for name in (
                         "name", "gender", "birth_date", "joined_date", "phone",
                         *CATEGORY_FIELDS)}}
_CHUNK = 500  # ids or codes per IN (...) list: SQLite allows 999 parameters a statement


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@dataclass
class RosterResult:
    organizations: Counts = field(default_factory=Counts)
    members: Counts = field(default_factory=Counts)


@transaction.atomic
def roster_import(*, actor, roster: Roster, scope: Organization | None = None) -> RosterResult:
    """Create and update the organizations and members of a roster file.

    Rules: an import applies whole or not at all, and names every wrong row (DESIGN,
    quality bars). The actor needs the import right on every organization the file touches
    (for a new one: on its superior); anything outside their reach, or outside scope when
    given, is an unknown organization to them. actor=None is the system itself (the
    import_roster command without --user): it reaches everything and audits without an
    actor. Members keep the category rules of guideline part 一 item 四 (Member.clean) and
    the tree keeps its shape (check_placement).
    """
    if len(roster) > MAX_ROWS:
        raise RosterInvalid([RowError("", None, _(
            "The file has more than %(limit)s rows. Split it into several files and import "
            "them one after another.") % {"limit": MAX_ROWS})])
    plan = _Plan(actor=actor, scope=scope, roster=roster)
    plan.check()
    return plan.apply()


def _chunks(items, size: int = _CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start:start + size]


@dataclass(eq=False)
class _NewOrganization:
    row: SheetRow
    organization: Organization
    parent_code: str
    parent: Organization | None = None
    level: int = 0


@dataclass(eq=False)
class _MemberChange:
    row: SheetRow
    member: Member
    before: dict | None  # None: a new member
    before_state: tuple | None


class _Plan:
    """Checks every row against the database as it is, then writes the result."""

    def __init__(self, *, actor, scope: Organization | None, roster: Roster):
        self.actor, self.scope, self.roster = actor, scope, roster
        self.errors: list[RowError] = []
        self.result = RosterResult()
        self.by_slug: dict[str, Organization] = {}
        self.new: dict[str, _NewOrganization] = {}
        self.updated_organizations: list[tuple[Organization, dict]] = []
        self.members: list[_MemberChange] = []

    # -- reach ---------------------------------------------------------------------------

    def reaches(self, organization: Organization) -> bool:
        if self.scope is not None and not organization.path.startswith(self.scope.path):
            return False
        return self.actor is None or can(self.actor, Need.IMPORT, organization)

    def may_create_top_level(self) -> bool:
        if self.scope is not None:
            return False
        return self.actor is None or (self.actor.is_active and self.actor.is_superuser)

    # -- reporting -----------------------------------------------------------------------

    def error(self, row: SheetRow, columns, key: str | None, message: str) -> None:
        reason = (_("%(column)s: %(message)s") % {"column": header_of(columns, key),
                                                 "message": message}
                  if key else str(message))
        error = RowError(row.sheet, row.number, reason)
        if error not in self.errors[-3:]:  # one row may trip one rule in two ways
            self.errors.append(error)

    def validation_errors(self, row: SheetRow, columns, column_of: dict,
                          error: ValidationError) -> None:
        if hasattr(error, "error_dict"):
            for name, messages in error.message_dict.items():
                for message in messages:
                    self.error(row, columns, column_of.get(name), message)
        else:
            for message in error.messages:
                self.error(row, columns, None, message)

    def unknown(self, row: SheetRow, columns, key: str, code: str) -> None:
        # One message whether the code does not exist or lies outside the actor's reach,
        # so an import reveals nothing about organizations the actor may not see.
        self.error(row, columns, key, _(
            "Unknown organization code “%(code)s”: no such organization, or it is outside "
            "the organizations you manage.") % {"code": code})

    # -- checking ------------------------------------------------------------------------

    def check(self) -> None:
        self.load_organizations()
        self.check_organizations()
        self.place_new_organizations()
        self.check_members()
        if self.errors:
            order = {row.sheet: index for index, row in enumerate(
                [*self.roster.organizations, *self.roster.members])}
            self.errors.sort(key=lambda e: (order.get(e.sheet, -1), e.row or 0))
            raise RosterInvalid(self.errors)

    def load_organizations(self) -> None:
        codes = {cells.text(row.cells.get(key)) for row in self.roster.organizations
                 for key in ("code", "parent")}
        codes |= {cells.text(row.cells.get(key)) for row in self.roster.members
                  for key in ("organization", "residence")}
        codes.discard("")
        for chunk in _chunks(codes):
            for organization in Organization.objects.filter(slug__in=chunk).select_related(
                    "parent"):
                self.by_slug[organization.slug] = organization

    def check_organizations(self) -> None:
        columns = ORGANIZATION_COLUMNS
        first_row: dict[str, int] = {}
        for row in self.roster.organizations:
            errors_before = len(self.errors)
            code = cells.text(row.cells.get("code"))
            name = cells.text(row.cells.get("name"))
            parent_code = cells.text(row.cells.get("parent"))
            kind = sector = None
            try:
                kind = cells.kind(row.cells.get("kind"))
            except cells.CellError as error:
                self.error(row, columns, "kind", str(error))
            try:
                sector = cells.sector(row.cells.get("sector"))
            except cells.CellError as error:
                self.error(row, columns, "sector", str(error))
            if not name:
                self.error(row, columns, "name", _("This column is required."))
            if not code:
                self.error(row, columns, "code", _("This column is required."))
                continue
            if code in first_row:
                self.error(row, columns, "code", _(
                    "The code “%(code)s” is already used in row %(row)s.")
                    % {"code": code, "row": first_row[code]})
                continue
            first_row[code] = row.number
            existing = self.by_slug.get(code)
            if existing is not None and not self.reaches(existing):
                self.error(row, columns, "code", _(
                    "The code “%(code)s” is taken by another organization, or belongs to an "
                    "organization outside those you manage.") % {"code": code})
                continue
            if kind is None or sector is None or len(self.errors) > errors_before:
                if existing is None:
                    # Still known, so members of this organization are not reported twice.
                    self.new[code] = _NewOrganization(row, Organization(slug=code),
                                                      parent_code)
                continue
            if existing is not None:
                self.check_existing_organization(row, existing, name, kind, sector,
                                                 parent_code)
            else:
                organization = Organization(slug=code, name=name, kind=kind, sector=sector)
                try:
                    organization.clean_fields(exclude=_ORGANIZATION_UNCHECKED)
                except ValidationError as error:
                    self.validation_errors(row, columns, _ORGANIZATION_COLUMN_OF, error)
                self.new[code] = _NewOrganization(row, organization, parent_code)

    def check_existing_organization(self, row: SheetRow, organization: Organization,
                                    name: str, kind: str, sector: str,
                                    parent_code: str) -> None:
        columns = ORGANIZATION_COLUMNS
        current_parent = organization.parent.slug if organization.parent else ""
        if kind != organization.kind:
            self.error(row, columns, "kind", _(
                "An import cannot change the kind of an existing organization (now: "
                "%(kind)s).") % {"kind": organization.get_kind_display()})
            return
        if parent_code and parent_code != current_parent:
            self.error(row, columns, "parent", _(
                "An import cannot move an existing organization under another superior."))
            return
        before = snapshot(organization, ORGANIZATION_FIELDS)
        try:
            check_placement(parent=organization.parent, kind=kind, sector=sector)
            organization.name, organization.sector = name, sector
            organization.clean_fields(exclude=_ORGANIZATION_UNCHECKED)
        except ValidationError as error:
            self.validation_errors(row, columns, _ORGANIZATION_COLUMN_OF, error)
            return
        changes = changes_between(before, snapshot(organization, ORGANIZATION_FIELDS))
        if changes:
            self.updated_organizations.append((organization, changes))
        else:
            self.result.organizations.unchanged += 1

    def place_new_organizations(self) -> None:
        """Find each new organization's superior (in the database or in the file), check
        the tree's shape, and order them so a superior is created before its subordinates."""
        columns = ORGANIZATION_COLUMNS
        placeable: list[_NewOrganization] = []
        for new in self.new.values():
            if not new.organization.kind:
                continue  # its row is already reported
            code = new.parent_code
            if not code:
                if not self.may_create_top_level():
                    self.error(new.row, columns, "parent", _(
                        "A new organization needs the code of its superior organization."))
                    continue
            elif code in self.new:
                new.parent = self.new[code].organization
            elif code in self.by_slug and self.reaches(self.by_slug[code]):
                new.parent = self.by_slug[code]
            else:
                self.unknown(new.row, columns, "parent", code)
                continue
            if new.parent is not None and not new.parent.kind:
                continue  # the superior's own row is wrong and reported
            try:
                check_placement(parent=new.parent, kind=new.organization.kind,
                                sector=new.organization.sector)
            except ValidationError as error:
                self.validation_errors(new.row, columns, _ORGANIZATION_COLUMN_OF, error)
                continue
            placeable.append(new)
        levels = self.levels(placeable)
        for new in placeable:
            new.level = levels[new.organization.slug]
        # Stand-in ids let Member.clean() compare and follow these organizations before
        # they exist; apply() clears them before anything is written.
        for index, new in enumerate(self.new.values(), start=1):
            new.organization.pk = -index

    def levels(self, placeable: list[_NewOrganization]) -> dict[str, int]:
        """Distance of each new organization from an existing superior (or the top)."""
        columns = ORGANIZATION_COLUMNS
        level: dict[str, int] = {}
        for new in placeable:
            chain, node = [], new
            while node is not None and node.organization.slug not in level:
                if node in chain:
                    for looped in chain[chain.index(node):]:
                        self.error(looped.row, columns, "parent", _(
                            "The superior codes go round in a circle."))
                        level[looped.organization.slug] = 0
                    chain = chain[:chain.index(node)]
                    break
                chain.append(node)
                parent = node.parent
                node = (self.new.get(parent.slug)
                        if parent is not None and parent.pk is None else None)
            base = level[node.organization.slug] + 1 if node is not None else 0
            for offset, item in enumerate(reversed(chain)):
                level[item.organization.slug] = base + offset
        return level

    def home_organization(self, code: str) -> Organization | None:
        if code in self.new:
            return self.new[code].organization
        existing = self.by_slug.get(code)
        return existing if existing is not None and self.reaches(existing) else None

    def residence_organization(self, code: str) -> Organization | None:
        # As for member_create: the residence community may lie outside the actor's reach
        # (a county organ's member lives in a street community elsewhere).
        if code in self.new:
            return self.new[code].organization
        return self.by_slug.get(code)

    def load_members(self) -> tuple[dict, dict, dict]:
        homes = {cells.text(row.cells.get("organization")) for row in self.roster.members}
        home_ids = {self.by_slug[code].pk for code in homes
                    if code in self.by_slug and self.reaches(self.by_slug[code])}
        phones = {cells.phone(row.cells.get("phone")) for row in self.roster.members} - {None}
        related = ("organization", "residence_organization", "post")
        loaded: dict[int, Member] = {}
        for chunk in _chunks(home_ids):
            loaded.update((m.pk, m) for m in Member.objects.filter(
                organization_id__in=chunk).select_related(*related))
        for chunk in _chunks(phones):
            loaded.update((m.pk, m) for m in Member.objects.filter(
                phone__in=chunk).select_related(*related) if m.pk not in loaded)
        by_phone = {m.phone: m for m in loaded.values() if m.phone}
        by_key = defaultdict(list)
        for m in loaded.values():
            by_key[(m.organization_id, m.name, m.birth_date)].append(m)
        posts = {}
        for chunk in _chunks(home_ids):
            posts.update(((p.organization_id, p.name), p)
                         for p in Post.objects.filter(organization_id__in=chunk))
        return by_phone, by_key, posts

    def check_members(self) -> None:
        columns = MEMBER_COLUMNS
        by_phone, by_key, posts = self.load_members()
        phone_rows: dict[str, int] = {}
        member_rows: dict[int, int] = {}
        key_rows: dict[tuple, int] = {}
        keys_without_phone: dict[tuple, int] = {}
        for row in self.roster.members:
            errors_before = len(self.errors)
            c = row.cells
            name = cells.text(c.get("name"))
            if not name:
                self.error(row, columns, "name", _("The name is missing."))
            values = {"name": name}
            for key, convert in (("gender", cells.gender), ("birth_date", cells.date),
                                 ("joined_date", cells.date)):
                try:
                    values[key] = convert(c.get(key))
                except cells.CellError as error:
                    self.error(row, columns, key, str(error))
                    continue
                if values[key] is None:
                    self.error(row, columns, key, _("This column is required."))
            for key in CATEGORY_FIELDS:
                try:
                    values[key] = cells.yes_no(c.get(key))
                except cells.CellError as error:
                    self.error(row, columns, key, str(error))
            phone = cells.phone(c.get("phone"))
            if phone is not None:
                if phone in phone_rows:
                    self.error(row, columns, "phone", _(
                        "The phone number %(phone)s is already used in row %(row)s.")
                        % {"phone": phone, "row": phone_rows[phone]})
                else:
                    phone_rows[phone] = row.number
            home_code = cells.text(c.get("organization"))
            home = self.home_organization(home_code) if home_code else None
            if not home_code:
                self.error(row, columns, "organization", _("This column is required."))
            elif home is None:
                self.unknown(row, columns, "organization", home_code)
            residence_code = cells.text(c.get("residence"))
            residence = None
            if residence_code:
                residence = self.residence_organization(residence_code)
                if residence is None:
                    self.unknown(row, columns, "residence", residence_code)
            post_name = cells.text(c.get("post"))
            post = None
            if post_name and home is not None:
                post = posts.get((home.pk, post_name))
                if post is None:
                    self.error(row, columns, "post", _(
                        "The organization has no duty post named “%(post)s”; set the post "
                        "up first, or leave the cell empty.") % {"post": post_name})

            target = None
            if phone is not None and phone in by_phone:
                target = by_phone[phone]
                if not self.reaches(target.organization):
                    self.error(row, columns, "phone", _(
                        "The phone number %(phone)s belongs to another member.")
                        % {"phone": phone})
                    target = None
            if (target is None and home is not None and home.pk > 0
                    and values.get("birth_date")):
                candidates = by_key.get((home.pk, name, values["birth_date"]), [])
                if len(candidates) > 1:
                    self.error(row, columns, "phone", _(
                        "The organization has several members with this name and birth "
                        "date; give the phone number to tell them apart."))
                elif candidates:
                    target = candidates[0]
            if home is not None and values.get("birth_date"):
                # A row without a phone is known by organization, name and birth date only,
                # so another row with the same three is the same person, written twice.
                key = (home.pk, name, values["birth_date"])
                earlier = key_rows.get(key) if phone is None else keys_without_phone.get(key)
                if earlier is not None:
                    self.error(row, columns, "name", _(
                        "This is the same member as in row %(row)s.") % {"row": earlier})
                key_rows.setdefault(key, row.number)
                if phone is None:
                    keys_without_phone.setdefault(key, row.number)
            if target is not None:
                if target.pk in member_rows:
                    self.error(row, columns, "name", _(
                        "This is the same member as in row %(row)s.")
                        % {"row": member_rows[target.pk]})
                member_rows[target.pk] = row.number
            if len(self.errors) > errors_before or (home is not None and not home.kind):
                continue  # reported already (a new organization's own row may be wrong)
            self.check_member(row, target, values, phone, home, residence, post)

    def check_member(self, row, target, values, phone, home, residence, post) -> None:
        if target is not None:
            member = target
            before = snapshot(member, MEMBER_FIELDS)
            before_state = tuple(getattr(member, name) for name in _MEMBER_STATE)
        else:
            member, before, before_state = Member(), None, None
        for key, value in values.items():
            setattr(member, key, value)
        if phone is not None or target is None:
            member.phone = phone  # an empty cell keeps a number already recorded
        member.organization = home
        member.residence_organization = residence
        member.post = post
        problems: dict[str, list[str]] = {}
        if member.phone and not PHONE_PATTERN.match(member.phone):
            problems["phone"] = [_("A phone number has 11 digits and starts with 1.")]
        # Whether the number is free was settled above for the whole file at once; hidden
        # from clean() so that it does not ask the database again for every row.
        stored_phone, member.phone = member.phone, None
        try:
            member.clean_fields(exclude=_MEMBER_UNCHECKED)
            member.clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                problems.setdefault(name, []).extend(messages)
        finally:
            member.phone = stored_phone
        if problems:
            self.validation_errors(row, MEMBER_COLUMNS, _MEMBER_COLUMN_OF,
                                   ValidationError(problems))
            return
        if before_state is not None and before_state == tuple(
                getattr(member, name) for name in _MEMBER_STATE):
            self.result.members.unchanged += 1
            return
        self.members.append(_MemberChange(row, member, before, before_state))

    # -- writing -------------------------------------------------------------------------

    def apply(self) -> RosterResult:
        now = timezone.now()
        events: list[AuditEvent] = []
        created = self.create_organizations()
        for organization in created:
            events.append(self.event("roster.create", organization, changes_between(
                {}, snapshot(organization, ORGANIZATION_FIELDS))))
        for organization, changes in self.updated_organizations:
            organization.updated_at = now
            events.append(self.event("roster.update", organization, changes))
        Organization.objects.bulk_update(
            [organization for organization, _changes in self.updated_organizations],
            ["name", "sector", "updated_at"], batch_size=_CHUNK)

        for change in self.members:
            member = change.member
            # Re-read the organizations' ids: new ones only got theirs just now.
            member.organization = member.organization
            member.residence_organization = member.residence_organization
            member.updated_at = now
        new_members = [change.member for change in self.members if change.before is None]
        changed_members = [change for change in self.members if change.before is not None]
        Member.objects.bulk_create(new_members, batch_size=_CHUNK)
        self.ensure_ids(Member, new_members, "public_id")
        Member.objects.bulk_update([change.member for change in changed_members],
                                   _MEMBER_UPDATE_FIELDS, batch_size=_CHUNK)
        for member in new_members:
            events.append(self.event("roster.create", member, changes_between(
                {}, snapshot(member, MEMBER_FIELDS))))
        for change in changed_members:
            events.append(self.event("roster.update", change.member, changes_between(
                change.before, snapshot(change.member, MEMBER_FIELDS))))
        AuditEvent.objects.bulk_create(events, batch_size=_CHUNK)

        self.result.organizations.created = len(created)
        self.result.organizations.updated = len(self.updated_organizations)
        self.result.members.created = len(new_members)
        self.result.members.updated = len(changed_members)
        return self.result

    def event(self, action: str, subject, changes: dict) -> AuditEvent:
        return audit_event(actor=self.actor, action=action, subject=subject, changes=changes,
                           save=False)

    def create_organizations(self) -> list[Organization]:
        """Allocate paths as next_child_path does, then insert one tree level at a time."""
        ordered = sorted(self.new.values(), key=lambda new: new.level)
        for new in ordered:
            new.organization.pk = None
        if not ordered:
            return []
        existing_parents = {new.parent.pk: new.parent for new in ordered
                            if new.parent is not None and new.parent.slug not in self.new}
        # Lock the superiors, as organization_create does, so a concurrent addition waits.
        for chunk in _chunks(existing_parents):
            list(Organization.objects.select_for_update().filter(pk__in=chunk)
                 .values_list("pk", flat=True))
        last: dict[int | None, int] = {}
        for chunk in _chunks(existing_parents):
            for parent_id, path in (Organization.objects.filter(parent_id__in=chunk)
                                    .values("parent_id").annotate(last=Max("path"))
                                    .order_by().values_list("parent_id", "last")):
                last[id(existing_parents[parent_id])] = tree.step_index(path)
        if any(new.parent is None for new in ordered):
            top = Organization.objects.filter(depth=1).aggregate(last=Max("path"))["last"]
            last[None] = tree.step_index(top) if top else 0
        for new in ordered:
            key = id(new.parent) if new.parent is not None else None
            index = last.get(key, 0) + 1
            if index > tree.MAX_CHILDREN:
                self.error(new.row, ORGANIZATION_COLUMNS, "parent", _(
                    "The superior organization already has the most subordinates allowed."))
                continue
            last[key] = index
            path = tree.child_path(new.parent.path if new.parent is not None else "", index)
            new.organization.path, new.organization.depth = path, tree.depth_of(path)
        if self.errors:
            raise RosterInvalid(self.errors)
        created = []
        for level in sorted({new.level for new in ordered}):
            batch = [new for new in ordered if new.level == level]
            for new in batch:
                new.organization.parent = new.parent  # the superior has its id by now
            objects = [new.organization for new in batch]
            Organization.objects.bulk_create(objects, batch_size=_CHUNK)
            self.ensure_ids(Organization, objects, "slug")
            created.extend(objects)
        return created

    @staticmethod
    def ensure_ids(model, objects: list, key: str) -> None:
        """Databases that cannot return ids from a bulk insert get them read back."""
        missing = [obj for obj in objects if obj.pk is None]
        for chunk in _chunks(missing):
            ids = dict(model.objects.filter(**{f"{key}__in": [getattr(o, key) for o in chunk]})
                       .values_list(key, "pk"))
            for obj in chunk:
                obj.pk = ids[getattr(obj, key)]
                obj._state.adding = False
