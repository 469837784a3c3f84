"""Snapshots of every screen at 80×24 and 160×50 (fixed clock, no animation, no blink).

Regenerate after a deliberate change with ``pytest tests/ui/test_app_snapshots.py
--snapshot-update`` and look at every changed SVG (e.g. ``rsvg-convert``) before
committing it.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from harness import build_app, new_clock
from textual.pilot import Pilot

from reflect_tui.domain.session import Session, Status
from reflect_tui.store import Store
from reflect_tui.store.demo import load_demo
from reflect_tui.templates import TemplateLibrary

SIZES = [(80, 24), (160, 50)]
Steps = Callable[[Pilot[Any]], Awaitable[None]]


def with_demo(data: Path) -> None:
    with Store.open(data, new_clock()) as store:
        load_demo(store, TemplateLibrary.from_dirs([]), new_clock())


def with_session(data: Path, template_id: str, *, complete: bool = False) -> Session:
    template = TemplateLibrary.from_dirs([]).get(template_id)
    session = Session.start(
        template,
        "Tuesday team reflection" if template_id == "team-reflection" else template.title,
        new_clock().now(),
        facilitator="Jo",
        participants=["Sam", "Alex"],
        team="North team",
    )
    first = template.steps[0].fields[0]
    if first.kind.value == "text":
        session.answers[first.id] = "Settling in after a long week; two people on leave."
    if complete:
        session.status = Status.COMPLETE
    with Store.open(data, new_clock()) as store:
        store.save_session(session)
    return session


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.pause()


def keys(*presses: str) -> Steps:
    async def run(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        for press in presses:
            await pilot.press(press)
            await pilot.pause()
        await settle(pilot)

    return run


SCREENS: dict[str, tuple[Callable[[Path], object] | None, Steps]] = {
    "home_empty": (None, keys()),
    "home_demo": (with_demo, keys()),
    "template_picker": (None, keys("n")),
    "header_form": (None, keys("n", *"decompression", "enter")),
    "runner": (lambda d: with_session(d, "team-reflection"), keys("enter")),
    "runner_room_mode": (lambda d: with_session(d, "team-reflection"), keys("enter", "f7")),
    "finish": (lambda d: with_session(d, "team-reflection"), keys("enter", "f9")),
    "record": (lambda d: with_session(d, "team-reflection", complete=True), keys("enter")),
    "confirm_reopen": (
        lambda d: with_session(d, "team-reflection", complete=True),
        keys("enter", "ctrl+r"),
    ),
    "help": (lambda d: with_session(d, "team-reflection"), keys("enter", "f1")),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(snap_compare: Any, tmp_path: Path, screen: str, size: tuple[int, int]) -> None:
    prepare, steps = SCREENS[screen]
    data = tmp_path / "data"
    if prepare is not None:
        prepare(data)
    assert snap_compare(build_app(data), terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_read_only_window(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    data = tmp_path / "data"
    with_session(data, "team-reflection")
    with Store.open(data, new_clock()):  # the first window holds the data
        app = build_app(data)
        # The reason names the other process and the data folder; both differ per run.
        reason = app.store.read_only_reason.replace(str(data), "~/reflect-data")
        app.store.read_only_reason = re.sub(r"\d{2,}", "4242", reason)
        assert snap_compare(app, terminal_size=size, run_before=keys())
