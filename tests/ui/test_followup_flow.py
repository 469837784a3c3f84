"""Pilot: carried actions in a new team session, the Actions screen, the line-manager warning."""

from __future__ import annotations

from pathlib import Path

from followup_ui_samples import fill, new_north_session
from harness import build_app

from reflect_tui.domain.answers import ActionStatus
from reflect_tui.minutes import render_markdown
from reflect_tui.ui.dialogs.followup_dialogs import LineManagerDialog
from reflect_tui.ui.screens.actions import ActionsScreen
from reflect_tui.ui.screens.new_session import HeaderFormScreen
from reflect_tui.ui.screens.runner import RunnerScreen
from reflect_tui.ui.widgets.carried_actions import CarriedActions, OutcomeStrip


async def test_a_new_team_session_starts_with_that_teams_open_actions(tmp_path: Path) -> None:
    data = tmp_path / "data"
    fill(data)
    session = new_north_session(data)
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(RunnerScreen(session))
        await pilot.pause()
        widget = app.screen.query_one(CarriedActions)
        whats = [c.what for c in widget.carried]
        # North's open actions only: not South's, not the one already done.
        assert whats == ["Share the visit checklist", "Book de-escalation training"]
        first = app.screen.query(OutcomeStrip).first()
        first.focus()
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("escape")  # back home: the runner saves on the way out
        await pilot.pause()
        app.push_screen(ActionsScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        rows = {r.action.id: r for r in screen.all_rows}
        assert rows["a1"].action.status is ActionStatus.DONE
        assert rows["a1"].action.closed_in == session.id
        assert rows["a1"].closed_title == "North reflection, March"
    store_app = build_app(data)
    try:
        earlier = store_app.store.get_session("s-north-jan")
        later = store_app.store.get_session(session.id)
    finally:
        store_app.store.close()
    assert "Share the visit checklist: done on" in render_markdown(earlier)
    assert "| Share the visit checklist | Bo Lind | North reflection, January" in (
        render_markdown(later)
    )


async def test_actions_screen_filters_and_marks_done_with_a_note(tmp_path: Path) -> None:
    data = tmp_path / "data"
    fill(data)
    app = build_app(data)
    async with app.run_test(size=(160, 50)) as pilot:
        app.push_screen(ActionsScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        assert [r.action.id for r in screen.shown][:2] == ["a1", "a4"]  # overdue first
        screen.query_one("#filter-overdue").value = True  # type: ignore[attr-defined]
        await pilot.pause()
        assert {r.action.id for r in screen.shown} == {"a1", "a4"}
        await pilot.click("#filter-owner")
        await pilot.press(*"cy marsh", "enter")
        await pilot.pause()
        assert [r.action.id for r in screen.shown] == ["a4"]
        await pilot.press("d")
        await pilot.pause()
        await pilot.press(*"Asked on the phone", "enter")
        await pilot.pause()
        assert screen.shown == []  # no longer overdue
        done = {r.action.id: r.action for r in screen.all_rows}["a4"]
        assert (done.status, done.note) == (ActionStatus.DONE, "Asked on the phone")


async def test_a_line_manager_facilitating_decompression_must_give_a_reason(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    fill(data)
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(HeaderFormScreen(app.library.get("decompression")))
        await pilot.pause()
        form = app.screen
        form.query_one("#facilitator").value = "Alex Rowe"  # type: ignore[attr-defined]
        form.query_one("#who").value = "Bo Lind"  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, LineManagerDialog)
        assert "Alex Rowe is Bo Lind's line manager" in dialog.warning
        await pilot.click("#line-go")  # no reason yet: refused
        await pilot.pause()
        assert app.screen is dialog
        await pilot.click("#line-reason")
        await pilot.press(*"Bo asked for it", "enter")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        assert runner.session.line_manager_override is not None
        assert runner.session.line_manager_override.reason == "Bo asked for it"
        saved = app.store.get_session(runner.session.id)
        assert saved.line_manager_override is not None
        assert saved.line_manager_override.reason == "Bo asked for it"
