"""The app's own start-up and per-key handling, printed next to their references (issue 4).

* **start to interactive home**: in this process (imports already done, so only
  the app's own work counts): from ``make_app(data_dir, clock)`` to the home
  screen mounted, its session list filled and the app idle under Pilot, against
  a bare Textual app with a header, a 20-item list and a footer. The two
  alternate in one run. Target 1.3x. (``memory_bench`` times the same thing
  from a cold process start, imports included.)
* **per key while typing**, autosave live, big store vs empty store: the
  measurement of ``typing_bench`` (one implementation, imported here). Targets
  1.1x at the median and 1.2x at p99.

Nothing is asserted. Run alone: ``python tests/benchmarks/ui_bench.py
[--sessions N] [--repeats R]``; ``run.py`` calls ``measure(stores, repeats)``.
"""

from __future__ import annotations

import asyncio
import gc
import time
from datetime import datetime
from pathlib import Path

from common import Row, median, ms, standalone
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList

from reflect_tui.domain.clock import FixedClock
from reflect_tui.ui.app import make_app
from reflect_tui.ui.screens.home import LIST_ROWS, HomeScreen

NOW = datetime(2026, 3, 2, 9, 30)
START_NAME = "start to interactive home (in-process)"
BARE_ROWS = 20  # the reference of issue 16: a header, a 20-item list and a footer


class BareApp(App[None]):
    """The reference: what the home screen is made of, with nothing behind it."""

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(*[f"2026-03-{1 + n % 28:02d}  Session {n}" for n in range(BARE_ROWS)])
        yield Footer()


async def start_app(data_dir: Path) -> float:
    """Seconds from building the app to an idle home screen with its list filled."""
    gc.collect()
    began = time.perf_counter()
    app = make_app(data_dir, FixedClock(NOW), animations=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        took = time.perf_counter() - began
    return took


async def start_bare() -> float:
    gc.collect()
    began = time.perf_counter()
    app = BareApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        took = time.perf_counter() - began
    return took


def paired_starts(data_dir: Path, repeats: int) -> tuple[list[float], list[float]]:
    """(app, bare) start-up seconds, alternated so machine drift hits both alike."""
    asyncio.run(start_bare())  # warm-up: first-use costs (CSS parsing caches, imports)
    asyncio.run(start_app(data_dir))
    ours: list[float] = []
    bare: list[float] = []
    for _ in range(max(1, repeats)):
        ours.append(asyncio.run(start_app(data_dir)))
        bare.append(asyncio.run(start_bare()))
    return ours, bare


def start_rows(stores: dict[int, Path], repeats: int) -> list[Row]:
    rows: list[Row] = []
    for sessions, data_dir in sorted(stores.items()):
        ours, bare = paired_starts(data_dir, repeats)
        rows.append(
            Row(
                START_NAME,
                sessions,
                ms(median(ours)),
                reference="bare Textual app",
                ref_value=ms(median(bare)),
                target=1.3,
                note=f"home lists at most {LIST_ROWS} sessions before filtering",
            )
        )
    return rows


def key_rows(stores: dict[int, Path], repeats: int) -> list[Row]:
    import typing_bench

    return typing_bench.measure(stores, repeats)


def measure(stores: dict[int, Path], repeats: int) -> list[Row]:
    """Start-up rows for every store, per-key rows for the biggest (``{sessions: data_dir}``)."""
    return [*start_rows(stores, repeats), *key_rows(stores, repeats)]


def main(argv: list[str] | None = None) -> int:
    return standalone(__doc__, measure, 5000, 5, argv)


if __name__ == "__main__":
    raise SystemExit(main())
