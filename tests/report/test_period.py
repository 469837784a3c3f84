"""Reporting periods: the default twelve months and the period compared against."""

from __future__ import annotations

from datetime import date

import pytest

from reflect_tui.errors import UserError
from reflect_tui.report import Period, default_period, period_from


def test_the_screen_previews_the_last_twelve_months_ending_today() -> None:
    period = default_period(date(2026, 11, 22))
    assert (period.since, period.until) == (date(2025, 11, 23), date(2026, 11, 22))
    assert period.previous() == Period(date(2024, 11, 23), date(2025, 11, 22))


def test_a_release_defaults_to_the_last_four_whole_quarters() -> None:
    period = period_from(None, None, date(2026, 11, 22))
    assert (period.since, period.until) == (date(2025, 10, 1), date(2026, 9, 30))
    assert period.previous() == Period(date(2024, 10, 1), date(2025, 9, 30))
    assert period_from(None, None, date(2026, 1, 1)) == Period(date(2025, 1, 1), date(2025, 12, 31))


def test_a_calendar_year_is_compared_with_the_year_before_even_across_a_leap_day() -> None:
    assert Period(date(2025, 1, 1), date(2025, 12, 31)).previous() == Period(
        date(2024, 1, 1), date(2024, 12, 31)
    )


def test_a_quarter_is_compared_with_the_quarter_before() -> None:
    # Not "the same number of days": that window would overlap the first quarter's
    # own report by a day, and the difference could single someone out.
    assert Period(date(2026, 4, 1), date(2026, 6, 30)).previous() == Period(
        date(2026, 1, 1), date(2026, 3, 31)
    )
    assert Period(date(2026, 1, 1), date(2026, 6, 30)).previous() == Period(
        date(2025, 7, 1), date(2025, 12, 31)
    )


def test_another_period_is_compared_with_the_same_number_of_days_before() -> None:
    period = Period(date(2026, 4, 3), date(2026, 6, 30))
    assert period.previous() == Period(date(2026, 1, 4), date(2026, 4, 2))
    assert period.previous().days == period.days


def test_given_ends_are_kept_and_missing_ones_default() -> None:
    today = date(2026, 11, 22)
    assert period_from(date(2026, 1, 1), None, today) == Period(
        date(2026, 1, 1), date(2026, 12, 31)
    )
    assert period_from(date(2026, 1, 2), None, today) == Period(date(2026, 1, 2), today)
    assert period_from(None, date(2026, 6, 30), today) == Period(
        date(2025, 7, 1), date(2026, 6, 30)
    )


def test_an_end_before_the_start_is_refused() -> None:
    with pytest.raises(UserError, match="give --since before --until"):
        period_from(date(2026, 6, 1), date(2026, 5, 1), date(2026, 11, 22))
