"""At 80×24 every screen's footer keys are whole: F1 Help and Quit always show, and a key
that does not fit is left out (F1 lists it), never drawn half (``^q▏``, ``f7▏``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from harness import build_app
from test_app_snapshots import SCREENS, keys, with_demo, with_session
from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reflect_tui.ui.app import ReflectApp

Steps = Callable[[Pilot[Any]], Any]

MORE: dict[str, tuple[Callable[[Path], object] | None, Steps]] = {
    "people": (with_demo, keys("p")),
    "actions": (with_demo, keys("a")),
    "report": (with_demo, keys("r")),
    "filter": (with_demo, keys("/")),
    "runner_risks": (lambda d: with_session(d, "pre-visit-risk"), keys("enter")),
    "runner_decompression": (lambda d: with_session(d, "decompression"), keys("enter")),
    "runner_last_step": (lambda d: with_session(d, "team-reflection"), keys("enter", "end")),
    "person_dialog": (with_demo, keys("p", "a")),
    "bin": (with_demo, keys("b")),
    "search": (with_demo, keys("s")),
    "record_export": (
        lambda d: with_session(d, "team-reflection", complete=True),
        keys("enter", "ctrl+e"),
    ),
    "record_risks": (
        lambda d: with_session(d, "pre-visit-risk", complete=True),
        keys("enter"),
    ),
}
ALL = {**SCREENS, **MORE}


def footer_problems(app: ReflectApp) -> list[str]:
    """Keys cut at the footer's edge or under the command palette key; Help/Quit missing."""
    footers = [f for f in app.screen.query(Footer) if f.display and f.region.area]
    if not footers:
        return []
    footer = footers[0]
    keys_shown = [k for k in footer.query(FooterKey) if k.display and k.region.area]
    palette = [k for k in keys_shown if k.has_class("-command-palette")]
    right = palette[0].region.x if palette else footer.region.right
    problems = []
    actions = set()
    for key in keys_shown:
        if key in palette:
            continue
        actions.add(key.action.rsplit(".", 1)[-1])
        region = key.region
        whole = key.get_content_width(footer.size, app.size)
        if region.right > right or region.width < whole:
            problems.append(f"cut: {key.key_display} {key.description!r} at {region}")
    for needed in ("help", "quit"):
        if needed not in actions and app.screen.check_action(needed, ()) is not False:
            problems.append(f"missing: {needed}")
    return problems


@pytest.mark.parametrize("screen", list(ALL))
async def test_no_footer_key_is_cut_at_80x24(tmp_path: Path, screen: str) -> None:
    prepare, steps = ALL[screen]
    data = tmp_path / "data"
    if prepare is not None:
        prepare(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await steps(pilot)
        await pilot.pause()
        assert footer_problems(app) == []


async def test_keys_left_out_come_back_when_the_terminal_widens(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with_session(data, "team-reflection")
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys("enter")(pilot)
        footer = app.screen.query_one(Footer)
        narrow = [k.key_display for k in footer.query(FooterKey) if k.display]
        everything = list(footer.query(FooterKey))
        assert len(narrow) < len(everything)  # at 80 columns some keys are left out...
        assert narrow[:2] == ["f1", "^q"]  # ...never Help and Quit
        await pilot.resize_terminal(160, 50)
        await pilot.pause()
        await pilot.pause()
        assert all(k.display for k in footer.query(FooterKey))
        assert footer_problems(app) == []
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert [k.key_display for k in footer.query(FooterKey) if k.display] == narrow
