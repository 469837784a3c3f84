"""A note typed on a carried action after picking its outcome survives quitting at once:
both the later session and the action's own session keep it."""

from __future__ import annotations

from pathlib import Path

from followup_ui_samples import fill, new_north_session
from harness import build_app, new_clock

from reflect_tui.store import Store
from reflect_tui.ui.screens.runner import RunnerScreen
from reflect_tui.ui.widgets.carried_actions import OutcomeStrip


async def test_a_note_typed_after_the_outcome_is_kept_when_the_app_quits_straight_away(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    fill(data)
    session = new_north_session(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RunnerScreen(session))
        await pilot.pause()
        app.screen.query(OutcomeStrip).first().focus()
        await pilot.press("d", "tab", *"rang them", "ctrl+q")  # outcome, note, quit
        await pilot.pause()
    with Store.open(data, new_clock(), read_only=True) as store:
        later = store.get_session(session.id)
        earlier = store.get_session("s-north-jan")
    assert {c.id: c.note for c in later.carried}["a1"] == "rang them"
    action = next(a for a in earlier.actions() if a.id == "a1")
    assert action.note == "rang them"
    assert [f.note for f in earlier.followed_up if f.id == "a1"] == ["rang them"]
