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

    @property
    def months(self) -> int | None:
        """Whole calendar months covered, or None when the period is not whole months."""
        if self.since.day != 1 or (self.until + timedelta(days=1)).day != 1:
            return None
        return (self.until.year - self.since.year) * 12 + self.until.month - self.since.month + 1

    def previous(self) -> Period:
        """The period just before, of the same length (the quarter before a quarter)."""
        months = self.months
        if months is not None:
            start = _months_before(self.since, months)
            return Period(start, _day_before(self.since))
        if self.since == _year_after(_year_before(self.since)) and self.until == _day_before(
            _year_after(self.since)
        ):
            return Period(_year_before(self.since), _day_before(self.since))
        end = _day_before(self.since)
        return Period(end - timedelta(days=self.days - 1), end)

    def label(self) -> str:
        return f"{self.since.isoformat()} to {self.until.isoformat()}"


def default_period(today: date) -> Period:
    """The last twelve months, ending today (what the report screen previews first)."""
    return Period(_year_before(today) + timedelta(days=1), today)


def release_default(today: date) -> Period:
    """The last four whole calendar quarters before today's quarter (what a release covers)."""
    quarter_start = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return Period(_months_before(quarter_start, 12), _day_before(quarter_start))


def _months_before(first_of_month: date, months: int) -> date:
    index = first_of_month.year * 12 + first_of_month.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def period_from(since: date | None, until: date | None, today: date) -> Period:
    """The period a user asked for; missing ends default to twelve months ending today."""
    if since is None and until is None:
        return release_default(today)
    if since is not None and until is None and since.day == 1:
        return Period(since, _day_before(_months_after(since, 12)))
    if until is not None and since is None and (until + timedelta(days=1)).day == 1:
        return Period(_months_before(until + timedelta(days=1), 12), until)
    if until is None:
        until = today if since is None or since <= today else since
    if since is None:
        since = _year_before(until) + timedelta(days=1)
    return Period(since, until)


def _months_after(first_of_month: date, months: int) -> date:
    return _months_before(first_of_month, -months)


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
