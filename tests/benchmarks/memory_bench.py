"""Peak memory (RSS) of the app showing its home screen vs a bare Textual app.

Each measurement is a fresh process (``python -c``) run headless: it builds
the app, waits until the first screen is mounted and idle, prints one line and
quits. The kernel's peak RSS for that process (``wait4``) is the figure, and
the time to the printed line is the start-up time of the same run.
Targets (issue 16): start to home idle at most 1.3x the bare app at every
size; the app's peak at home at most the bare app's peak + 40 MB.

Run alone: ``python tests/benchmarks/memory_bench.py [--sessions N] [--repeats R]``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from common import MB, ChildRun, Row, median, ms, run_child, standalone

# A bare Textual app with what the home screen is built from: a header, a 20-item list
# and a footer (the reference of issue 16).
BARE_APP = """
import os, time
from textual.app import App
from textual.widgets import Footer, Header, OptionList

class Bare(App[None]):
    def compose(self):
        yield Header()
        yield OptionList(*[f"Item {n}" for n in range(20)])
        yield Footer()

async def ready(pilot):
    await pilot.pause()
    os.write(1, f"ready {time.process_time()}\\n".encode())
    pilot.app.exit()

Bare().run(headless=True, auto_pilot=ready)
"""

# The real app as a person starts it: the `reflect` command (``cli.main``, which
# also builds every sub-command's parser) on a data dir (argv[1]). Only ``run`` is
# redirected, to run headless and report when the home screen is idle; it is patched
# as ``cli.main`` first imports the app, so everything is imported in the command's
# own order (``main`` holds the garbage collector back from the first import on).
REFLECT_APP = """
import os, sys, time
from importlib.machinery import PathFinder

async def ready(pilot):
    await pilot.pause()
    name = type(pilot.app.screen).__name__
    os.write(1, f"ready {time.process_time()} {name}\\n".encode())
    pilot.app.exit()

def headless(ui_app):
    run = ui_app.ReflectApp.run
    def headless_run(self, *args, **kwargs):
        return run(self, headless=True, auto_pilot=ready)
    ui_app.ReflectApp.run = headless_run

class Redirect:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name != "reflect_tui.ui.app":
            return None
        spec = PathFinder.find_spec(name, path)
        load = spec.loader.exec_module
        def exec_module(module):
            load(module)
            headless(module)
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, Redirect)
from reflect_tui.cli import main
status = main(["--data", sys.argv[1]])
"""


@dataclass(frozen=True)
class Starts:
    """Start-up seconds and peak RSS (bytes) of several fresh processes."""

    seconds: list[float]
    peak_rss: list[int]
    cpu: list[float]  # CPU seconds the process had used when ready (less blurred by load)

    @property
    def median_seconds(self) -> float:
        return median(self.seconds)

    @property
    def median_rss(self) -> float:
        return median([float(r) for r in self.peak_rss])


def _runs(code: str, args: tuple[str, ...], repeats: int) -> list[ChildRun]:
    return [run_child(code, *args) for _ in range(max(1, repeats))]


# At least this many (app, bare) pairs per size, whatever --repeats says: the bare app's
# own start moves by up to 75 ms from one run to the next, and the measurement
# took 10 pairs per size.
MIN_PAIRS = 10


def paired_starts(data_dir: Path, repeats: int) -> tuple[Starts, Starts]:
    """(app, bare) start-ups, alternated so that machine drift hits both alike."""
    app: list[ChildRun] = []
    bare: list[ChildRun] = []
    run_child(BARE_APP)  # warm the OS file cache for Textual's modules
    run_child(REFLECT_APP, str(data_dir))
    for _ in range(max(MIN_PAIRS, repeats)):
        app += _runs(REFLECT_APP, (str(data_dir),), 1)
        bare += _runs(BARE_APP, (), 1)
    return starts(app), starts(bare)


def starts(runs: list[ChildRun]) -> Starts:
    return Starts(
        [r.seconds for r in runs],
        [r.peak_rss for r in runs],
        [float(r.output.split()[1]) for r in runs],
    )


START_NAME = "process start to home idle"
RSS_HEADROOM_MB = 40


def memory_row(sessions: int, data_dir: Path, app: Starts, bare: Starts) -> Row:
    size = sum(p.stat().st_size for p in data_dir.rglob("*") if p.is_file())
    budget = bare.median_rss + RSS_HEADROOM_MB * 2**20
    return Row(
        "peak RSS, app at home",
        sessions,
        app.median_rss / 2**20,
        reference=f"bare app + {RSS_HEADROOM_MB} MB",
        ref_value=budget / 2**20,
        target=1.0,
        unit=MB,
        note=(
            f"bare app {bare.median_rss / 2**20:.1f} MB; data folder {size / 2**20:.1f} MB; "
            f"app minus bare {(app.median_rss - bare.median_rss) / 2**20:.1f} MB"
        ),
    )


def start_row(sessions: int, app: Starts, bare: Starts) -> Row:
    return Row(
        START_NAME,
        sessions,
        ms(app.median_seconds),
        reference="bare Textual app",
        ref_value=ms(bare.median_seconds),
        target=1.3,
        note=(
            f"CPU time to home: app {ms(median(app.cpu)):.0f} ms, bare "
            f"{ms(median(bare.cpu)):.0f} ms ({median(app.cpu) / median(bare.cpu):.2f}x)"
        ),
    )


def measure(stores: dict[int, Path], repeats: int) -> list[Row]:
    """Start and memory rows for every prepared store (``{sessions: data_dir}``).

    The start rows come with the memory runs: a cold process, imports included
    (``ui_bench`` times the app's own start-up inside one process).
    """
    starts: list[Row] = []
    memory: list[Row] = []
    for sessions, data_dir in sorted(stores.items()):
        app, bare = paired_starts(data_dir, repeats)
        starts.append(start_row(sessions, app, bare))
        memory.append(memory_row(sessions, data_dir, app, bare))
    return [*starts, *memory]


def main(argv: list[str] | None = None) -> int:
    return standalone(__doc__, measure, 5000, 3, argv)


if __name__ == "__main__":
    sys.exit(main())
