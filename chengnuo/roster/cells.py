"""Turning what a spreadsheet cell holds into a typed value, or a reason it cannot be.

Cells arrive as text (CSV, or text cells in Excel) or as Excel's own types (numbers,
dates, booleans); a secretary types dates and yes/no in several ways, and each is accepted.
"""

import datetime
import re
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.utils.datetime import from_excel

from .columns import FALSE_WORDS, GENDER_WORDS, KIND_WORDS, SECTOR_WORDS, TRUE_WORDS


class CellError(ValueError):
    """The cell's value is not allowed; the message says why, in the user's language."""


_DATE = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# Excel keeps dates as day numbers; anything past 9999-12-31 is not one.
_EXCEL_LAST_DAY = 2958465


def text(value) -> str:
    """A cell as trimmed text; whole numbers lose Excel's '.0'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float | Decimal) and value == int(value):
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    return str(value).replace("\u3000", " ").strip()


def _normalized_word(value) -> str:
    # Full-width brackets and spaces are what Chinese input methods type by default.
    return (text(value).replace("（", "(").replace("）", ")").replace(" ", "")
            .replace("，", "、"))


def date(value) -> datetime.date | None:
    """None for an empty cell; CellError for anything that is not a calendar date."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = float(value)
        if number == int(number) and 19000101 <= number <= 29991231:
            return date(str(int(number)))
        if 1 <= number <= _EXCEL_LAST_DAY:
            return from_excel(number).date()
        raise CellError(_("Not a date."))
    raw = text(value)
    match = _DATE.match(raw) or _COMPACT_DATE.match(raw)
    if not match:
        raise CellError(_("“%(value)s” is not a date; write it like 1975-03-12.")
                        % {"value": raw[:30]})
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError(_("“%(value)s” is not a real calendar date.")
                        % {"value": raw[:30]}) from None


def yes_no(value) -> bool:
    if isinstance(value, bool):
        return value
    word = _normalized_word(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(_("“%(value)s” is not allowed here; write 是 or 否.")
                    % {"value": text(value)[:30]})


def phone(value) -> str | None:
    """Digits only; spaces, dashes and a leading +86 are dropped. None for an empty cell."""
    raw = re.sub(r"[\s\-()（）]", "", text(value))
    if raw.startswith("+86"):
        raw = raw[3:]
    elif raw.startswith("86") and len(raw) == 13:
        raw = raw[2:]
    return raw or None


def _choice(value, words: dict, message: str) -> str:
    word = _normalized_word(value)
    if word in words:
        return words[word]
    if word in set(words.values()):
        # The stored code (e.g. "branch") is accepted too, for files made by other systems.
        return word
    raise CellError(message % {"value": text(value)[:30]})


def kind(value) -> str:
    return _choice(value, KIND_WORDS, _("“%(value)s” is not a kind of organization."))


def sector(value) -> str:
    if text(value) == "":
        return ""
    return _choice(value, SECTOR_WORDS, _("“%(value)s” is not a sector."))


def gender(value) -> str:
    return _choice(value, GENDER_WORDS, _("“%(value)s” is not allowed here; write 男 or 女."))
