"""Snapshots of the Search answers screen (demo data, fixed clock, no blinking)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from harness import build_app, new_clock
from textual.pilot import Pilot

from reflect_tui.store import Store
from reflect_tui.store.demo import load_demo
from reflect_tui.templates import TemplateLibrary

SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])


@SIZES
def test_search_answers_screen(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    data = tmp_path / "data"
    with Store.open(data, new_clock()) as store:
        load_demo(store, TemplateLibrary.from_dirs([]), new_clock(), sessions=40)
    app = build_app(data)

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.press(*"caseload", "enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run)
