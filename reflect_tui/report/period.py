"""Reporting periods: the one reported on and the one it is compared with.

A report never shows a date finer than its period, so the period is the only
date information that reaches a reader.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reflect_tui.errors import UserError


@dataclass(frozen=True)
class Period:
    """Whole days from ``since`` to ``until``, both included."""

    since: date
    until: date

    def __post_init__(self) -> None:
        if self.since > self.until:
            raise UserError(
                f"the report period starts on {self.since.isoformat()} but ends earlier, on "
                f"{self.until.isoformat()}; give --since before --until"
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.since <= day <= self.until

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def previous(self) -> Period:
        """The period just before, of the same length (a year before a year)."""
        if self.since == _year_after(_year_before(self.since)) and self.until == _day_before(
            _year_after(self.since)
        ):
            return Period(_year_before(self.since), _day_before(self.since))
        end = _day_before(self.since)
        return Period(end - timedelta(days=self.days - 1), end)

    def label(self) -> str:
        return f"{self.since.isoformat()} to {self.until.isoformat()}"


def default_period(today: date) -> Period:
    """The last twelve months, ending today."""
    return Period(_year_before(today) + timedelta(days=1), today)


def period_from(since: date | None, until: date | None, today: date) -> Period:
    """The period a user asked for; missing ends default to twelve months ending today."""
    if since is None and until is None:
        return default_period(today)
    if until is None:
        until = today if since is None or since <= today else since
    if since is None:
        since = _year_before(until) + timedelta(days=1)
    return Period(since, until)


def _day_before(day: date) -> date:
    return day - timedelta(days=1)


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _year_after(day: date) -> date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)
