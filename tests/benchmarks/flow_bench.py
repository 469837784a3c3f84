"""Start a session, change step, go back home: a big store against the smallest (issue 16).

In this process, under Textual's Pilot, on a copy of each store: from home,
``n``, the template ``team-reflection`` chosen and the header form shown
(untimed); then timed, each until the next screen is up and the app idle:

- start a session: Ctrl+S on the header form until the runner shows step 1;
- change step: F6 until step 2 is shown (the draft is flushed on the way);
- back to home: Esc until home is shown again with its list filled.

Rounds alternate between the big store and the smallest one (100 sessions in
a full run), so drift on the machine hits both alike. Targets: each at most
1.5x the same at 100. Prints; asserts nothing.

    python tests/benchmarks/flow_bench.py [--sessions N] [--repeats R]
"""

from __future__ import annotations

import asyncio
import gc
import shutil
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

from common import Row, median, ms, standalone, versus_smallest

from reflect_tui.domain.clock import FixedClock

NOW = datetime(2026, 3, 2, 9, 30)
TARGET = 1.5
TEMPLATE = "team-reflection"
STEPS = ("start a session (Ctrl+S)", "change step (F6)", "back to home (Esc)")
WAIT_SECONDS = 60.0


async def _until(check: Callable[[], bool], pause: Callable[[], Awaitable[None]]) -> None:
    deadline = time.perf_counter() + WAIT_SECONDS
    while not check():
        if time.perf_counter() > deadline:
            raise RuntimeError("the app did not reach the expected screen in time")
        await pause()


async def one_round(data_dir: Path) -> list[float]:
    """Seconds for each of ``STEPS``, in one app on ``data_dir``."""
    from reflect_tui.ui.app import make_app
    from reflect_tui.ui.screens.home import HomeScreen
    from reflect_tui.ui.screens.new_session import HeaderFormScreen
    from reflect_tui.ui.screens.runner import RunnerScreen

    app = make_app(data_dir, FixedClock(NOW), animations=False)
    times: list[float] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n", *TEMPLATE, "enter")
        await _until(lambda: isinstance(app.screen, HeaderFormScreen), pilot.pause)
        await pilot.pause()

        def runner_at(step: int) -> bool:
            screen = app.screen
            return isinstance(screen, RunnerScreen) and screen.step_index == step

        for key, done in (
            ("ctrl+s", lambda: runner_at(0)),
            ("f6", lambda: runner_at(1)),
            ("escape", lambda: isinstance(app.screen, HomeScreen)),
        ):
            gc.collect()
            start = time.perf_counter()
            await pilot.press(key)
            await _until(done, pilot.pause)
            await pilot.pause()
            times.append(time.perf_counter() - start)
    return times


def measure(stores: dict[int, Path], repeats: int) -> list[Row]:
    smallest = min(stores)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="reflect-flow-") as tmp:
        ref_dir = Path(tmp) / "ref"
        shutil.copytree(stores[smallest], ref_dir)
        asyncio.run(one_round(ref_dir))  # warm-up: imports, CSS, first-use costs
        for sessions, data_dir in sorted(stores.items()):
            big_dir = Path(tmp) / f"big-{sessions}"
            shutil.copytree(data_dir, big_dir)
            ours: list[list[float]] = []
            ref: list[list[float]] = []
            for _ in range(max(1, repeats)):
                ours.append(asyncio.run(one_round(big_dir)))
                ref.append(asyncio.run(one_round(ref_dir)))
            for n, name in enumerate(STEPS):
                rows.append(
                    versus_smallest(
                        name,
                        sessions,
                        smallest,
                        ms(median([r[n] for r in ours])),
                        ms(median([r[n] for r in ref])),
                        TARGET,
                        note="in-process (Pilot): key pressed to the next screen up and idle"
                        if n == 0
                        else "",
                    )
                )
            shutil.rmtree(big_dir)
    return rows


def main(argv: list[str] | None = None) -> int:
    return standalone(__doc__, measure, 5000, 3, argv)


if __name__ == "__main__":
    sys.exit(main())
