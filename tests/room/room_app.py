"""Helpers for driving the app with a room open: a team reflection on its "went well" step."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from typing import Any

from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.session import Session
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.app import ReflectApp, make_app
from reflect_tui.ui.screens.runner import RunnerScreen

NOW = datetime(2026, 3, 2, 9, 30)
WAIT_STEPS = 200  # bounded waits: 200 x 20 ms


def team_draft(data: Path, template_id: str = "team-reflection", step: str = "went-well") -> str:
    template = TemplateLibrary.from_dirs([]).get(template_id)
    session = Session.start(template, "Tuesday visit", NOW, team="North")
    session.current_step = next(n for n, s in enumerate(template.steps) if s.id == step)
    with Store.open(data, FixedClock(NOW)) as store:
        store.save_session(session)
    return session.id


def room_app(data: Path) -> ReflectApp:
    return make_app(data, FixedClock(NOW), animations=False)


async def open_runner(app: ReflectApp, pilot: Any, session_id: str) -> RunnerScreen:
    runner = RunnerScreen(app.store.get_session(session_id))
    await app.push_screen(runner)
    await pilot.pause()
    return runner


async def until(check: Any, what: str) -> None:
    """Wait (bounded) until ``check()`` is true."""
    for _ in range(WAIT_STEPS):
        if check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")
