"""Strict parsing of the dates and times people type into field editors.

Dates: ISO (YYYY-MM-DD) or day first (DD/MM/YYYY, D/M/YYYY; see
``domain/dates.py``), never month first; times HH:MM. Each parser returns
``None`` for a bad value; the hints say what to type.
"""

from __future__ import annotations

import re
from datetime import date

from reflect_tui.domain.dates import parse_day

_TIME = re.compile(r"(\d{1,2}):(\d{2})")

DATE_HINT = "type it as DD/MM/YYYY or YYYY-MM-DD, e.g. 01/12/2026"
TIME_HINT = "type it as HH:MM on the 24-hour clock, e.g. 14:30"


def parse_date(text: str) -> date | None:
    """The date in ``text`` (YYYY-MM-DD or DD/MM/YYYY), or ``None`` if it is not a real date."""
    return parse_day(text)


def parse_time(text: str) -> str | None:
    """``text`` as ``HH:MM`` if it is a time of day, else ``None``."""
    match = _TIME.fullmatch(text.strip())
    if not match:
        return None
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        return None
    return f"{hours:02d}:{minutes:02d}"
