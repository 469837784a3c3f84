"""Text that cannot be stored yet (a bad date, a score of 9) survives step changes and restarts.

A person types ``2026-99-99`` in a date box and moves on: the box shows it again,
with its message, when they come back, and the draft in the store holds it too.
"""

from __future__ import annotations

from pathlib import Path

from harness import build_app, new_clock
from textual.widgets import Input

from reflect_tui.domain.answers import action_items
from reflect_tui.domain.session import Session
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.app import ReflectApp
from reflect_tui.ui.screens.runner import RunnerScreen
from reflect_tui.ui.widgets.fields import FieldEditor


def draft(data: Path, template_id: str, step: int) -> Session:
    template = TemplateLibrary.from_dirs([]).get(template_id)
    session = Session.start(template, "Pending test", new_clock().now(), team="North")
    session.current_step = step
    with Store.open(data, new_clock()) as store:
        store.save_session(session)
    return session


def editor(app: ReflectApp, field_id: str) -> FieldEditor:
    return app.screen.query_one(f"#field-{field_id}", FieldEditor)


async def type_into(app: ReflectApp, pilot: object, box: Input, text: str) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    box.focus()
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


async def test_a_bad_date_comes_back_with_its_message_after_f6_f5_and_a_restart(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    session = draft(data, "team-reflection", step=4)  # step 5 (index 5) holds review-date
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RunnerScreen(session))
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        box = editor(app, "review-date").query_one(".datetime-date", Input)
        await type_into(app, pilot, box, "2026-99-99")
        await pilot.press("f5", "f6")
        await pilot.pause()
        again = editor(app, "review-date")
        assert again.query_one(".datetime-date", Input).value == "2026-99-99"
        assert any("2026-99-99" in p and "not a date" in p for p in again.problems)
    with Store.open(data, new_clock()) as store:
        saved = store.get_session(session.id)
    assert saved.pending_text["review-date"]["date"] == "2026-99-99"
    assert saved.answers["review-date"] == ""

    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RunnerScreen(saved))
        await pilot.pause()
        again = editor(app, "review-date")
        assert again.query_one(".datetime-date", Input).value == "2026-99-99"
        assert again.problems
        # Fixing it stores the date and forgets the kept text.
        box = again.query_one(".datetime-date", Input)
        box.focus()
        await pilot.pause()
        await pilot.press(*["backspace"] * 10, *"2026-04-09")
        await pilot.press("f5")
        await pilot.pause()
    assert saved.answers["review-date"] == "2026-04-09"
    assert "review-date" not in saved.pending_text


async def test_a_bad_due_date_and_a_bad_risk_score_come_back_after_a_step_change(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    session = draft(data, "pre-visit-risk", step=3)  # risks; step 6 has actions
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RunnerScreen(session))
        await pilot.pause()
        risks = editor(app, "risks")
        await type_into(app, pilot, risks.query("Input.risk-text").first(Input), "Dog")
        await type_into(app, pilot, risks.query("Input.risk-l").first(Input), "9")
        await pilot.press("f6", "f5")
        await pilot.pause()
        risks = editor(app, "risks")
        assert risks.query("Input.risk-l").first(Input).value == "9"
        assert any('"9"' in p for p in risks.problems)

        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        await runner.show_step(6)
        await pilot.pause()
        actions = editor(app, "actions")
        await type_into(app, pilot, actions.query("Input.action-what").first(Input), "Call GP")
        await type_into(app, pilot, actions.query("Input.action-due").first(Input), "next week")
        await pilot.press("f5", "f6")
        await pilot.pause()
        actions = editor(app, "actions")
        assert actions.query("Input.action-due").first(Input).value == "next week"
        assert any("next week" in p for p in actions.problems)
    assert [a.what for a in action_items(session.answers["actions"])] == ["Call GP"]


async def test_a_debrief_from_ctrl_d_starts_typing_where_the_plan_left_nothing(
    tmp_path: Path,
) -> None:
    from datetime import datetime

    from textual.widgets import TextArea

    from reflect_tui.domain.session import Status
    from reflect_tui.ui.screens.record import RecordScreen

    data = tmp_path / "data"
    template = TemplateLibrary.from_dirs([]).get("pre-visit-risk")
    plan = Session.start(template, "Visit to Bo", datetime(2026, 2, 27, 10), subject="Bo")
    plan.answers["visit-when"] = "2026-02-28T14:00"
    plan.status = Status.COMPLETE
    with Store.open(data, new_clock()) as store:
        store.save_session(plan)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RecordScreen(plan))
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        debrief = runner.session
        visit_when = debrief.answers["visit-when"]
        assert visit_when  # carried from the plan
        # The cursor is in "How did it go?", not in the date box holding the plan's date.
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"Calm visit")
        await pilot.press("f6")
        await pilot.pause()
    assert debrief.answers["visit-when"] == visit_when
    assert debrief.answers["how-it-went"] == "Calm visit"


async def test_a_note_typed_after_choosing_a_carried_outcome_is_saved(tmp_path: Path) -> None:
    from followup_ui_samples import fill, new_north_session

    from reflect_tui.ui.widgets.carried_actions import CarriedActions, OutcomeStrip

    data = tmp_path / "data"
    fill(data)
    session = new_north_session(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RunnerScreen(session))
        await pilot.pause()
        app.screen.query(OutcomeStrip).first().focus()
        await pilot.press("d", "tab", *"sent to all")  # outcome first, then the note
        await pilot.press("f6")  # leave the step without Enter
        await pilot.pause()
        carried = app.screen.query(CarriedActions)
        assert not carried  # on step 2 now
    with Store.open(data, new_clock()) as store:
        later = store.get_session(session.id)
        earlier = store.get_session("s-north-jan")
    notes = {c.id: c.note for c in later.carried}
    assert notes["a1"] == "sent to all"
    assert any("sent to all" in f.note for f in earlier.followed_up)
