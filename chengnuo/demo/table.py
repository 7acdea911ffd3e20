"""The demo accounts as a plain-text table in Chinese and English, for a terminal."""

import unicodedata

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from chengnuo.accounts.models import Role

from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount

SYSTEM_ADMIN = _("System administrator")
MEMBER = _("Ordinary member")


def both(text) -> str:
    """A lazy string in Chinese, then English: 督查员 Inspector."""
    with translation.override("zh-hans"):
        chinese = str(text)
    with translation.override("en"):
        english = str(text)
    return chinese if chinese == english else f"{chinese} {english}"


def role_label(account: DemoAccount) -> str:
    if account.superuser:
        return both(SYSTEM_ADMIN)
    if account.role:
        return both(Role(account.role).label)
    return both(MEMBER)


def width(text: str) -> int:
    """Columns text takes in a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, columns: int) -> str:
    return text + " " * (columns - width(text))


def accounts_table() -> str:
    header = [both(_("Username")), both(_("Password")), both(_("Role")),
              both(_("Organization"))]
    rows = [[a.username, DEMO_PASSWORD, role_label(a), " / ".join(a.organization_names)]
            for a in DEMO_ACCOUNTS]
    columns = [max(width(row[i]) for row in [header, *rows]) for i in range(len(header))]
    rule = "-+-".join("-" * c for c in columns)
    lines = [both(_("Demo accounts")), rule]
    for row in [header, None, *rows]:
        lines.append(rule if row is None else " | ".join(
            pad(cell, c) for cell, c in zip(row, columns, strict=True)).rstrip())
    lines.append(rule)
    return "\n".join(lines) + "\n"
