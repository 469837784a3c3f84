"""Dates as people type them: ISO (2026-12-01) or day first, the UK way (01/12/2026, 1/12/2026).

Never month first: ``12/31/2026`` is refused (there is no 31st month) rather
than guessed. Two-digit years are refused too (``1/12/26`` could be 1926).
``in_words`` says a date back plainly ("1 December 2026") so a person can see
how their typing was read.
"""

from __future__ import annotations

import re
from datetime import date

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

DATE_FORMS = "DD/MM/YYYY or YYYY-MM-DD"
DATE_EXAMPLE = "01/12/2026 or 2026-12-01"


def parse_day(text: str) -> date | None:
    """The date in ``text`` (YYYY-MM-DD, DD/MM/YYYY or D/M/YYYY), or None."""
    text = text.strip()
    iso = _ISO.fullmatch(text)
    uk = _DAY_FIRST.fullmatch(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    elif uk:
        day, month, year = (int(g) for g in uk.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def is_iso(text: str) -> bool:
    return _ISO.fullmatch(text.strip()) is not None


def in_words(day: date) -> str:
    """``1 December 2026``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def problem(text: str) -> str:
    """Why ``text`` is not a date, in words, with what to type instead."""
    uk = _DAY_FIRST.fullmatch(text.strip())
    if uk and int(uk.group(2)) > 12 and int(uk.group(1)) <= 12:
        return (
            f"{text.strip()!r} is not a date: the day comes first ({DATE_FORMS}), and there "
            f"is no month {int(uk.group(2))}"
        )
    return f"{text.strip()!r} is not a date; write it as {DATE_FORMS}, e.g. {DATE_EXAMPLE}"
