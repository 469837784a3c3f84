"""The app's date boxes take DD/MM/YYYY too, and say a day-first date back in words."""

from __future__ import annotations

from datetime import date

from host_app import HostApp
from samples import ACTIONS, DATETIME, PEOPLE
from textual.widgets import Label

from reflect_tui.domain.answers import action_items


async def test_a_day_first_date_is_stored_as_iso_and_said_back_in_words() -> None:
    app = HostApp(DATETIME, "")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"1/12/2026")
        assert app.editor.value == "2026-12-01"
        hint = app.editor.query_one(".datetime-hint", Label)
        assert "1 December 2026" in str(hint.render())
        await pilot.press("tab", *"9:05")
        assert app.editor.value == "2026-12-01T09:05"


async def test_a_month_first_date_is_not_guessed() -> None:
    app = HostApp(DATETIME, "")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"12/31/2026", "enter")
        await pilot.pause()
        assert app.editor.value == ""
        [problem] = app.editor.problems
        assert "12/31/2026" in problem and "DD/MM/YYYY" in problem


async def test_an_action_due_date_can_be_typed_day_first() -> None:
    app = HostApp(ACTIONS, [], people=PEOPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Book the room", "tab", "tab", *"01/12/2026")
        await pilot.pause()
        [action] = action_items(app.editor.value)
        assert action.due == date(2026, 12, 1)
        assert app.editor.problems == []
