"""Snapshots of the Report screen, its export dialog and the header form's leave question.

Fixed clock, animations and cursor blink off. Regenerate after a deliberate change
with ``--snapshot-update`` and look at every changed SVG as a PNG before committing.
"""

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


def demo(data: Path) -> None:
    with Store.open(data, new_clock()) as store:
        load_demo(store, TemplateLibrary.from_dirs([]), new_clock(), sessions=500)


def presses(*keys: str) -> Any:
    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()

    return run


@SIZES
def test_report_screen(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    demo(tmp_path / "data")
    app = build_app(tmp_path / "data")
    assert snap_compare(app, terminal_size=size, run_before=presses("r"))


@SIZES
def test_report_export_dialog(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    demo(tmp_path / "data")
    app = build_app(tmp_path / "data")

    async def run(pilot: Pilot[Any]) -> None:
        await presses("r")(pilot)
        # Exporting is a release: a whole calendar period (the preview's twelve months are not).
        screen = pilot.app.screen
        screen.query_one("#report-since").value = "2025-01-01"  # type: ignore[attr-defined]
        screen.query_one("#report-until").value = "2025-12-31"  # type: ignore[attr-defined]
        screen.query_one("#report-since").focus()
        await presses("enter", "ctrl+e")(pilot)
        # The suggested path names the temporary data folder; show a stable one.
        box = pilot.app.screen.query_one("#export-path")
        box.value = "~/reflect-data/reports/thematic-report-2025-01-01-to-2025-12-31.md"  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=run)


@SIZES
def test_header_form_leave_question(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = build_app(tmp_path / "data")
    run = presses("n", *"pre", "enter", "tab", "tab", *"Jo", "escape")
    assert snap_compare(app, terminal_size=size, run_before=run)
