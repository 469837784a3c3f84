"""Cadence: next-due dates around month ends and leap years, settings, and who is due."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from followup_samples import TODAY, open_store, saved, session
from hypothesis import given
from hypothesis import strategies as st

from reflect_tui.errors import UserError
from reflect_tui.followup.cadence import Cadence, add_months, load_cadence, save_cadence
from reflect_tui.followup.due import DueState, SessionType, who_is_due


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 48, date(2032, 2, 29)),
        (date(2026, 8, 31), 3, date(2026, 11, 30)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 12, 31), 1, date(2027, 1, 31)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
    ],
)
def test_month_steps_clamp_to_the_end_of_a_shorter_month(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2400, 12, 31)), st.integers(-60, 60))
def test_adding_months_lands_in_the_right_month_never_later_in_it(day: date, months: int) -> None:
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day
    if result.day < day.day:  # clamped: it is the last day of its month
        assert (result + timedelta(days=1)).day == 1


def test_cadence_defaults_and_a_saved_setting_survive_reopening(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        assert load_cadence(store) == Cadence(3, 4)
        save_cadence(store, Cadence(decompression_months=2, supervision_weeks=6))
    with open_store(tmp_path) as store:
        cadence = load_cadence(store)
    assert cadence == Cadence(2, 6)
    assert cadence.next_supervision(date(2028, 2, 15)) == date(2028, 3, 28)


def test_unusable_cadence_settings_fall_back_and_bad_input_is_refused() -> None:
    assert Cadence.from_json({"decompression_months": "three", "supervision_weeks": 0}) == Cadence()
    with pytest.raises(UserError, match="from 1 to 24"):
        Cadence(decompression_months=0)


def test_who_is_due_counts_finished_sessions_and_includes_facilitators(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        saved(
            store,
            # Bo: 31 Aug + 3 months = 30 Nov, ten days from "today" (20 Nov).
            session("decompression", date(2026, 8, 31), subject="Bo Lind"),
            # Cy: 31 Jul + 3 months = 31 Oct, twenty days overdue.
            session("decompression", date(2026, 7, 31), subject="Cy Marsh"),
            # A draft does not count: Alex has never had one.
            session("decompression", date(2026, 11, 1), subject="Alex Rowe", complete=False),
            session("supervision-one-to-one", date(2026, 11, 2), subject="Bo Lind"),
        )
        entries = who_is_due(store.people(), store.list_sessions(), Cadence(), TODAY)
    found = {(e.person.name, e.type): e for e in entries}
    bo = found["Bo Lind", SessionType.DECOMPRESSION]
    assert (bo.next_due, bo.state, bo.days) == (date(2026, 11, 30), DueState.DUE_SOON, 10)
    cy = found["Cy Marsh", SessionType.DECOMPRESSION]
    assert (cy.next_due, cy.state, cy.days) == (date(2026, 10, 31), DueState.OVERDUE, -20)
    assert found["Alex Rowe", SessionType.DECOMPRESSION].state is DueState.NEVER
    assert found["Eve Stone", SessionType.DECOMPRESSION].state is DueState.NEVER  # facilitator
    supervision = found["Bo Lind", SessionType.SUPERVISION]
    assert (supervision.next_due, supervision.state) == (date(2026, 11, 30), DueState.DUE_SOON)
    # Nobody line-manages the head of service, so no supervision is expected of them.
    assert ("Sam Head", SessionType.SUPERVISION) not in found
    assert entries[0].person.name == "Cy Marsh"  # the most overdue comes first
