"""The date-time editor: a date and an optional time, checked, kept as ISO text."""

from __future__ import annotations

from typing import Any

from host_app import SIZES, HostApp
from samples import DATETIME
from textual.widgets import Input


def inputs(app: HostApp) -> tuple[Input, Input]:
    return (
        app.editor.query_one(".datetime-date", Input),
        app.editor.query_one(".datetime-time", Input),
    )


async def test_date_then_time_gives_iso_value() -> None:
    app = HostApp(DATETIME, "")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"2026-12-01")
        assert app.editor.value == "2026-12-01"
        await pilot.press("tab", *"9:05")
        assert app.editor.value == "2026-12-01T09:05"
        assert set(app.changes) == {"visit_at"}
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        assert app.editor.value == "2026-12-01"


async def test_bad_date_keeps_the_text_and_explains() -> None:
    app = HostApp(DATETIME, "2026-12-01")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end", "backspace", "backspace", *"32")
        day, _ = inputs(app)
        assert day.value == "2026-12-32"
        assert app.editor.value == ""
        [problem] = app.editor.problems
        assert "2026-12-32" in problem and "YYYY-MM-DD" in problem
        await pilot.press("backspace", "1")
        assert app.editor.value == "2026-12-31"
        assert app.editor.problems == []


async def test_bad_time_is_flagged_when_you_leave_it() -> None:
    app = HostApp(DATETIME, "")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"2026-12-01", "tab", *"25", "enter")
        await pilot.pause()
        _, time = inputs(app)
        assert time.value == "25"
        assert app.editor.value == ""
        [problem] = app.editor.problems
        assert "HH:MM" in problem


async def test_time_without_a_date_asks_for_the_date() -> None:
    app = HostApp(DATETIME, "")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", *"14:30")
        assert app.editor.value == ""
        assert any("Add a date" in p for p in app.editor.problems)


async def test_stored_value_is_split_into_the_two_inputs() -> None:
    app = HostApp(DATETIME, "2026-12-01T14:30")
    async with app.run_test(size=(80, 24)):
        day, time = inputs(app)
        assert (day.value, time.value) == ("2026-12-01", "14:30")
        assert app.editor.value == "2026-12-01T14:30"


@SIZES
def test_snapshot_datetime(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(HostApp(DATETIME, "2026-12-01T14:30"), terminal_size=size)


@SIZES
def test_snapshot_datetime_bad_date(snap_compare: Any, size: tuple[int, int]) -> None:
    app = HostApp(DATETIME, "")
    assert snap_compare(app, press=[*"2026-02-30", "tab"], terminal_size=size)
