"""Strict parsing of the dates and times people type into field editors.

Only the ISO forms the record keeps are accepted (YYYY-MM-DD, HH:MM); each
parser returns ``None`` for a bad value and a message saying what to type.
"""

from __future__ import annotations

import re
from datetime import date

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")

DATE_HINT = "type it as YYYY-MM-DD, e.g. 2026-12-01"
TIME_HINT = "type it as HH:MM on the 24-hour clock, e.g. 14:30"


def parse_date(text: str) -> date | None:
    """The date in ``text`` (YYYY-MM-DD), or ``None`` if it is not a real date in that form."""
    text = text.strip()
    if not _DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_time(text: str) -> str | None:
    """``text`` as ``HH:MM`` if it is a time of day, else ``None``."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"
