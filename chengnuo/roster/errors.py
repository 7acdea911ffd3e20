"""What is wrong with a roster file, row by row."""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class RowError:
    """One problem: the sheet, the row number as the spreadsheet shows it (the header row
    is row 1; None for a problem with the whole file) and the reason in plain words."""

    sheet: str
    row: int | None
    reason: str

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.sheet}: {self.reason}" if self.sheet else self.reason
        return f"{self.sheet} {self.row}: {self.reason}"


class RosterInvalid(Exception):
    """The file cannot be imported; nothing was written."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} problem(s) in the roster file")
        self.errors = errors
