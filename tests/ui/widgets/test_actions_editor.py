"""The actions editor: what / owner / due, with owners suggested and dates checked."""

from __future__ import annotations

from datetime import date
from typing import Any

from host_app import SIZES, HostApp
from samples import ACTIONS, PEOPLE, sample_value
from textual.widgets import Input

from reflect_tui.domain.answers import ActionItem, ActionStatus, action_items


async def test_typing_an_action_with_suggested_owner_and_due_date() -> None:
    app = HostApp(ACTIONS, [], people=PEOPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Book the room", "tab", *"pri", "right", "tab", *"2026-12-01")
        await pilot.pause()
        [action] = action_items(app.editor.value)
        assert (action.what, action.owner, action.due) == (
            "Book the room",
            "Priya Shah",
            date(2026, 12, 1),
        )
        assert app.changes and set(app.changes) == {"actions"}
        assert app.editor.problems == []


async def test_bad_due_date_keeps_the_text_and_says_what_to_type() -> None:
    app = HostApp(ACTIONS, [], people=PEOPLE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Call back", "tab", "tab", *"2026-13-01", "tab")
        await pilot.pause()
        due_input = app.editor.query("Input.action-due").first(Input)
        assert due_input.value == "2026-13-01"
        assert action_items(app.editor.value)[0].due is None
        [problem] = app.editor.problems
        assert "2026-13-01" in problem and "YYYY-MM-DD" in problem
        assert app.editor.query_one(".field-message").display
        # Fixing it clears the message and stores the date.
        due_input.focus()
        await pilot.press("end", "backspace", "backspace", "backspace", "backspace", "backspace")
        await pilot.press(*"12-01")
        await pilot.pause()
        assert action_items(app.editor.value)[0].due == date(2026, 12, 1)
        assert app.editor.problems == []
        assert not app.editor.query_one(".field-message").display


async def test_half_typed_date_is_not_flagged_until_you_leave_it() -> None:
    app = HostApp(ACTIONS, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Call back", "tab", "tab", *"2026-1")
        await pilot.pause()
        assert app.editor.problems == []
        await pilot.press("shift+tab")
        await pilot.pause()
        assert len(app.editor.problems) == 1


async def test_existing_actions_keep_their_id_status_and_note() -> None:
    done = ActionItem("Old", status=ActionStatus.DONE, note="sorted", created_in="s1")
    app = HostApp(ACTIONS, [done])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("end", *" thing")
        [action] = action_items(app.editor.value)
        assert action.what == "Old thing"
        assert (action.id, action.status, action.note, action.created_in) == (
            done.id,
            ActionStatus.DONE,
            "sorted",
            "s1",
        )


@SIZES
def test_snapshot_actions(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(HostApp(ACTIONS, sample_value(ACTIONS), people=PEOPLE), terminal_size=size)


@SIZES
def test_snapshot_actions_bad_date(snap_compare: Any, size: tuple[int, int]) -> None:
    app = HostApp(ACTIONS, [], people=PEOPLE)
    press = [*"Call back", "tab", *"jo", "right", "tab", *"2026-02-30", "tab"]
    assert snap_compare(app, press=press, terminal_size=size)
