"""Pilot: a debrief started from a finished plan; wellbeing only in a person's own history."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from followup_ui_samples import NOW, TODAY, fill
from harness import build_app
from textual.widgets import Static

from reflect_tui.domain.answers import RiskRow, Value, checklist_entries
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.session import Session, Status
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.screens.actions import ActionsScreen
from reflect_tui.ui.screens.people import PeopleScreen, PersonHistoryScreen
from reflect_tui.ui.screens.record import RecordScreen
from reflect_tui.ui.screens.runner import RunnerScreen


def _finished(template_id: str, days_ago: int, subject: str, **answers: Value) -> Session:
    template = TemplateLibrary.from_dirs([]).get(template_id)
    day = TODAY - timedelta(days=days_ago)
    s = Session.start(
        template,
        f"{template.title}: {subject}",
        datetime.combine(day, time(10)),
        subject=subject,
        facilitator="Eve Stone",
    )
    s.answers.update(answers)
    s.status = Status.COMPLETE
    return s


async def test_a_debrief_started_from_a_plan_lists_its_controls(tmp_path: Path) -> None:
    data = tmp_path / "data"
    fill(data)
    plan = _finished(
        "pre-visit-risk",
        3,
        "Bo Lind",
        risks=[RiskRow("Dog at the property", 3, 2, controls="Dog shut away before entering")],
    )
    with Store.open(data, FixedClock(NOW)) as store:
        store.save_session(plan)
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(RecordScreen(plan))
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        debrief = runner.session
        assert debrief.template.id == "post-visit-debrief"
        assert debrief.plan_id == plan.id
        items = [e.item for e in checklist_entries(debrief.answers["controls-worked"])]
        assert "Dog at the property: Dog shut away before entering" in items
        assert app.store.get_session(debrief.id).plan_id == plan.id


async def test_wellbeing_chart_is_only_on_that_persons_own_history(tmp_path: Path) -> None:
    data = tmp_path / "data"
    fill(data)
    with Store.open(data, FixedClock(NOW)) as store:
        store.save_sessions(
            [
                _finished("decompression", 200, "Bo Lind", wellbeing=3),
                _finished("decompression", 100, "Bo Lind", wellbeing=6),
                _finished("supervision-one-to-one", 20, "Bo Lind", wellbeing=8),
                _finished("decompression", 50, "Cy Marsh", wellbeing=2),
            ]
        )
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query("#history-chart")  # home (team view): no chart
        app.push_screen(ActionsScreen())
        await pilot.pause()
        assert not app.screen.query("#history-chart")
        await pilot.press("escape")
        app.push_screen(PeopleScreen())
        await pilot.pause()
        assert not app.screen.query("#history-chart")
        await pilot.press("down", "h")  # Bo Lind is second on the roster
        await pilot.pause()
        history = app.screen
        assert isinstance(history, PersonHistoryScreen) and history.person == "Bo Lind"
        chart = str(history.query_one("#history-chart", Static).render())
        # 3, 6 and 8 out of 10, each drawn twice as wide, rising.
        assert len(chart) == 6 and chart[0] < chart[2] < chart[4]
        words = str(history.query_one("#history-words").render())
        assert "first 3, latest 8" in words
