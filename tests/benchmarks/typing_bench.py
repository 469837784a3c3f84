"""Per-key handling while typing into a session, autosave running: big store vs empty store.

A stand-in for the per-key part of ``ui_bench`` (used by ``run.py`` only when
that module gives no per-key rows). The app is built with ``make_app`` on a
copy of the store, a draft is opened in the session runner on a step whose
first field is free text, and each key press is timed through Textual's Pilot
(key event in, handled, screen settled). The autosave worker is live the
whole time, writing the draft's journal. Rounds alternate between the empty
store and the big one so that machine drift hits both alike.

Run alone: ``python tests/benchmarks/typing_bench.py [--sessions N] [--repeats R]``.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from common import Row, make_store, median, ms, percentile, standalone

from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import FieldKind, Template
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary

if TYPE_CHECKING:
    from textual.app import App

    from reflect_tui.store.autosave import Autosaver

NOW = datetime(2026, 3, 2, 9, 30)
TEXT = "We talked about the visit on Tuesday and what we would do differently next time. "
WARM_UP = 10
GAP = 0.03  # seconds between keys: brisk typing
KEY_TIMEOUT = 5.0
FULL_FROM = 1000  # store size from which a run types the full number of keys


def text_step(templates: list[Template]) -> tuple[Template, int]:
    """A template and the index of its first step that opens on a free-text field."""
    for template in sorted(templates, key=lambda t: t.id):
        for index, step in enumerate(template.steps):
            if step.fields and step.fields[0].kind is FieldKind.TEXT:
                return template, index
    raise LookupError("no built-in template has a step starting with a text field")


def add_draft(data_dir: Path) -> str:
    """Save a fresh draft positioned on a text step; returns its id."""
    template, index = text_step(TemplateLibrary.from_dirs([]).templates())
    session = Session.start(template, "Typing benchmark", NOW)
    session.current_step = index
    with Store.open(data_dir, FixedClock(NOW)) as store:
        store.save_session(session)
    return session.id


async def type_keys(data_dir: Path, session_id: str, keys: int) -> list[float]:
    """Seconds per key for ``keys`` keys typed into the runner (after a warm-up).

    Each key is posted to the app as the terminal driver would, and timed until
    the runner has handled the resulting change (it calls the autosaver's
    ``touch``). Pilot's ``press`` is not used for timing: it waits for the whole
    process to look idle, which measures its own polling rather than the app.
    Keys are spaced like brisk typing, so autosave and screen updates run in
    the gaps as they would for a person.
    """
    from textual.widgets import TextArea

    from reflect_tui.ui.app import make_app
    from reflect_tui.ui.screens.runner import RunnerScreen

    app = make_app(data_dir, FixedClock(NOW), animations=False)
    times: list[float] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        runner = RunnerScreen(app.store.get_session(session_id))
        await app.push_screen(runner)
        await pilot.pause()
        if not isinstance(app.focused, TextArea):
            raise RuntimeError(f"expected a text field in focus, found {app.focused!r}")
        saver = runner.autosaver
        if saver is None:
            raise RuntimeError("the runner has no autosaver: autosave is not running")
        text = (TEXT * (1 + (keys + WARM_UP) // len(TEXT)))[: keys + WARM_UP]
        times = (await timed_keys(app, saver, text))[WARM_UP:]
        typed = runner.session.answers.get(runner.step.fields[0].id)
        if not isinstance(typed, str) or not typed.startswith(text[:20]):
            raise RuntimeError(f"the text field does not hold what was typed: {typed!r}")
    return times


async def timed_keys(app: App[Any], saver: Autosaver, text: str, gap: float = GAP) -> list[float]:
    """Seconds per key for every character of ``text``, typed into whatever has focus.

    Each key is posted to the app as the terminal driver would, and timed until
    the runner has handled the resulting change (it calls ``saver.touch``), then
    the next follows ``gap`` seconds later. Used here and by ``room_bench``.
    """
    from textual import events

    handled = [0]
    touch = saver.touch

    def counted_touch() -> None:
        handled[0] += 1
        touch()

    saver.touch = counted_touch  # type: ignore[method-assign]
    loop = asyncio.get_running_loop()
    times: list[float] = []
    try:
        for char in text:
            key = "space" if char == " " else char
            event = events.Key(key, char)
            event.set_sender(app)
            before = handled[0]
            start = time.perf_counter()
            app.post_message(event)
            deadline = loop.time() + KEY_TIMEOUT
            while handled[0] == before:
                if loop.time() > deadline:
                    raise RuntimeError(f"key {key!r} was not handled within {KEY_TIMEOUT} s")
                await asyncio.sleep(0)
            times.append(time.perf_counter() - start)
            await asyncio.sleep(gap)
    finally:
        saver.touch = touch  # type: ignore[method-assign]
    return times


def prepared_copy(source: Path, dest: Path) -> tuple[Path, str]:
    shutil.copytree(source, dest)
    return dest, add_draft(dest)


def measure_pair(big: Path, sessions: int, repeats: int, keys: int) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="reflect-typing-") as tmp:
        root = Path(tmp)
        empty_dir, empty_id = prepared_copy(make_store(root / "empty-src", 0), root / "empty")
        big_dir, big_id = prepared_copy(big, root / "big")
        on_empty: list[float] = []
        on_big: list[float] = []
        for _ in range(max(1, repeats)):
            on_empty += asyncio.run(type_keys(empty_dir, empty_id, keys))
            on_big += asyncio.run(type_keys(big_dir, big_id, keys))
    note = f"{len(on_big)} keys per store, key posted to handled change, 30 ms apart, autosave live"
    return [
        Row(
            "per key, typing (median)",
            sessions,
            ms(median(on_big)),
            reference="empty store",
            ref_value=ms(median(on_empty)),
            target=1.1,
            note=note,
        ),
        Row(
            "per key, typing (p99)",
            sessions,
            ms(percentile(on_big, 99)),
            reference="empty store",
            ref_value=ms(percentile(on_empty, 99)),
            target=1.2,
        ),
    ]


def measure(stores: dict[int, Path], repeats: int) -> list[Row]:
    """Per-key rows for the biggest prepared store only (the case the target is about)."""
    sessions = max(stores)
    # Full runs: 200 keys a round (p99 over 1,000 keys); quick runs stay under a minute.
    keys = 200 if sessions >= FULL_FROM else 60
    return measure_pair(stores[sessions], sessions, repeats, keys)


def main(argv: list[str] | None = None) -> int:
    return standalone(__doc__, measure, 5000, 3, argv)


if __name__ == "__main__":
    sys.exit(main())
