"""Dates as UK staff type them: day first or ISO, never guessed month first."""

from __future__ import annotations

from datetime import date

import pytest

from reflect_tui.domain.dates import in_words, parse_day, problem


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("01/12/2026", date(2026, 12, 1)),
        ("1/12/2026", date(2026, 12, 1)),
        ("1/2/2026", date(2026, 2, 1)),
        (" 31/1/2027 ", date(2027, 1, 31)),
        ("2026-12-01", date(2026, 12, 1)),
    ],
)
def test_day_first_and_iso_dates_are_read(typed: str, day: date) -> None:
    assert parse_day(typed) == day


@pytest.mark.parametrize(
    "typed", ["12/31/2026", "31/02/2026", "1/12/26", "2026/12/01", "1-12-2026", "", "tomorrow"]
)
def test_month_first_impossible_and_short_years_are_refused(typed: str) -> None:
    assert parse_day(typed) is None


def test_a_month_first_date_is_explained_not_guessed() -> None:
    message = problem("12/31/2026")
    assert "day comes first" in message and "no month 31" in message
    assert "DD/MM/YYYY" in problem("1st April")


def test_dates_are_said_back_in_plain_words() -> None:
    assert in_words(date(2026, 12, 1)) == "1 December 2026"
