"""Checks for single metadata and field values: ids, yes/no, whole numbers, enum names.

Each check returns the value or appends a Problem that says what to write instead.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from typing import TypeVar

from reflect_tui.templates.keyvalues import Entry
from reflect_tui.templates.problems import Problem

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
ID_RULE = "lower-case letters, digits and hyphens, such as 'check-in'"

E = TypeVar("E", bound=StrEnum)


def suggestion(word: str, choices: Iterable[str]) -> str:
    """'; did you mean X?' when a close match exists, else ''."""
    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def slug(title: str) -> str:
    """An id made from a title: 'What went well?' -> 'what-went-well'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:64].strip("-")


class Checker:
    """Collects problems for one file while values are checked."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, max(line, 1), message))

    def scalar(self, entry: Entry, what: str) -> str | None:
        """The entry's single value; a list where one value belongs is a problem."""
        if entry.items:
            self.add(
                entry.items[0].line,
                f"'{entry.key}' takes a single value, not a list "
                f"(write it on the same line: '{entry.key}: ...')",
            )
            return None
        return entry.value

    def ident(self, entry: Entry, what: str) -> str | None:
        value = self.scalar(entry, what)
        if value is None:
            return None
        if not ID_PATTERN.match(value):
            fixed = slug(value)
            hint = f"; for example '{fixed}'" if fixed and ID_PATTERN.match(fixed) else ""
            self.add(
                entry.line,
                f"{what} id {value!r} is not a valid id (use {ID_RULE}, at most 64{hint})"
                if value
                else f"{what} id is empty (use {ID_RULE})",
            )
            return None
        return value

    def flag(self, entry: Entry) -> bool | None:
        value = self.scalar(entry, "flag")
        if value is None:
            return None
        lowered = value.lower()
        if lowered in ("yes", "true"):
            return True
        if lowered in ("no", "false"):
            return False
        self.add(entry.line, f"'{entry.key}' must be yes or no, not {value!r} (write yes or no)")
        return None

    def whole_number(
        self, entry: Entry, low: int | None = None, high: int | None = None, unit: str = ""
    ) -> int | None:
        value = self.scalar(entry, "number")
        if value is None:
            return None
        try:
            number = int(value)
        except ValueError:
            self.add(
                entry.line,
                f"'{entry.key}' must be a whole number, not {value!r} (write a number such as 10)",
            )
            return None
        if (low is not None and number < low) or (high is not None and number > high):
            span = f"from {low} to {high}" if high is not None else f"at least {low}"
            self.add(
                entry.line,
                f"'{entry.key}' is {number}, outside the allowed range "
                f"(use a whole number {span}{unit})",
            )
            return None
        return number

    def choice(self, entry: Entry, enum: type[E], what: str) -> E | None:
        value = self.scalar(entry, what)
        if value is None:
            return None
        names = [m.value for m in enum]
        try:
            return enum(value.lower())
        except ValueError:
            shown = f"{value!r}" if value else "empty"
            self.add(
                entry.line,
                f"{what} {shown} is not one of {', '.join(names)}"
                f"{suggestion(value, names)} (write one of them)",
            )
            return None
