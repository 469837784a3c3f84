"""Snapshots of the People and Actions screens (fixed clock, animations off)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from followup_ui_samples import fill
from harness import build_app
from textual.pilot import Pilot

from reflect_tui.ui.screens.actions import ActionsScreen
from reflect_tui.ui.screens.people import PeopleScreen

SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])


@SIZES
def test_snapshot_people(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    fill(tmp_path / "data")
    app = build_app(tmp_path / "data")

    async def open_people(pilot: Pilot[Any]) -> None:
        await pilot.pause()  # home is up (it opens once the app has started)
        app.push_screen(PeopleScreen())
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_people)


@SIZES
def test_snapshot_actions(snap_compare: Any, size: tuple[int, int], tmp_path: Path) -> None:
    fill(tmp_path / "data")
    app = build_app(tmp_path / "data")

    async def open_actions(pilot: Pilot[Any]) -> None:
        await pilot.pause()  # home is up (it opens once the app has started)
        app.push_screen(ActionsScreen())
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_actions)
