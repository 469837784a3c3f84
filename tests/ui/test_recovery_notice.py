"""After a crash the app says which draft it recovered, and the cursor is at the end of it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from harness import build_app, new_clock
from textual.widgets import TextArea

from reflect_tui.domain.session import Session
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.recovery import recovery_notices
from reflect_tui.ui.screens.runner import RunnerScreen


def crash_with_a_draft(data: Path) -> Session:
    """Autosave some text, then die as a killed process would: no fold, lock dropped."""
    template = TemplateLibrary.from_dirs([]).get("team-reflection")
    session = Session.start(template, "Tuesday reflection", new_clock().now(), team="North")
    clock = new_clock()
    store = Store.open(data, clock)
    saver = store.autosaver(session)
    clock.advance((datetime(2026, 3, 2, 14, 2) - clock.now()).total_seconds())
    session.answers["focus"] = "The duty desk rota"
    session.updated_at = clock.now()
    saver.touch()
    saver.flush()
    with saver._cond:  # stop the worker without folding
        saver._stop = True
        saver._cond.notify()
    saver._thread.join()
    store._release()
    return session


async def test_a_recovered_draft_is_named_with_its_time_and_the_cursor_is_at_its_end(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    session = crash_with_a_draft(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        [line] = recovery_notices(app)
        assert "Recovered your draft of “Tuesday reflection” from 14:02" in line
        await pilot.press("enter")  # carry on with the draft
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen) and runner.session.id == session.id
        assert not isinstance(app.focused, TextArea)  # the cursor starts where nothing is typed
        await pilot.press("shift+tab")  # back to the recovered text
        await pilot.pause()
        box = app.focused
        assert isinstance(box, TextArea) and box.text == "The duty desk rota"
        assert box.cursor_location == box.document.end
        await pilot.press(*" and cover")
        await pilot.pause()
        assert runner.session.answers["focus"] == "The duty desk rota and cover"


async def test_a_normal_start_says_nothing_about_recovery(tmp_path: Path) -> None:
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert recovery_notices(app) == []
