"""Plain-text wording for dates, times, ratings and answers, shared by every export.

Month and day names are spelt out here rather than taken from the locale, so
the minutes read the same on every machine.
"""

from __future__ import annotations

from datetime import date, datetime

from reflect_tui.domain.answers import Answer
from reflect_tui.domain.risk import Band
from reflect_tui.domain.template import Scale

_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def long_date(day: date) -> str:
    """``Tuesday 24 November 2026``."""
    return f"{_DAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def clock_time(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def when(value: str) -> str:
    """A DATETIME answer in words; text that is not ISO 8601 is returned as typed."""
    value = value.strip()
    if not value:
        return ""
    try:
        if "T" in value or " " in value:
            moment = datetime.fromisoformat(value)
            return f"{long_date(moment.date())}, {clock_time(moment)}"
        return long_date(date.fromisoformat(value))
    except ValueError:
        return value


def rating(value: int | None, scale: Scale | None) -> str:
    if value is None:
        return ""
    scale = scale or Scale()
    label = scale.label_for(value)
    text = f"{value} out of {scale.maximum}"
    return f"{text} ({label})" if label else text


ANSWER_WORDS = {Answer.YES: "Yes", Answer.NO: "No", Answer.NOT_SURE: "Not sure"}


def answer(value: Answer | None) -> str:
    return ANSWER_WORDS[value] if value is not None else "Not answered"


def band(value: Band) -> str:
    """Band in words; an unknown band is shown as needing attention, never as safe."""
    if value is Band.UNKNOWN:
        return "Unknown (needs attention)"
    return value.value.capitalize()


def score(value: int | None) -> str:
    return str(value) if value is not None else "?"
