"""Layout 2 of the store: open + first paint data, one save, and memory, by store size (printed).

    .venv/bin/python tests/benchmarks/store_layout_bench.py [--sizes 100,1000,5000,20000]

For each size: a demo store (``reflect_tui.store.demo.fill``, fixed clock) is made
in a temporary folder (fsync is skipped while generating only); then, medians of
5 runs:

- open + home: ``Store.open`` (writer) + ``recent_sessions(20)`` + ``draft_sessions()``
  + ``session_count()``, then close;
- save: ``get_session`` + a title change + ``save_session`` (fsync included);
- list: ``list_sessions()`` (the whole summaries index; filters and the report use it);
- RSS: peak resident memory (VmHWM) of a fresh process after a read-only open + home.

No assertion: targets are read off the printed table (docs/storage.md, "Speed").
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reflect_tui.domain.clock import FixedClock  # noqa: E402
from reflect_tui.store import Store  # noqa: E402

CLOCK = FixedClock(datetime(2026, 3, 2, 9, 30))
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the (large) parent across exec.
HWM = "int(next(l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')))"
CHILD = f"""
import sys, time
from reflect_tui.store import Store
t = time.perf_counter()
with Store.open(sys.argv[1], read_only=True) as store:
    store.recent_sessions(20); store.draft_sessions(); store.session_count()
    took = time.perf_counter() - t
    print(took, {HWM})
"""
BARE = f"print(0, {HWM})"


def make(folder: Path, sessions: int) -> None:
    from reflect_tui.store.demo import fill
    from reflect_tui.templates import TemplateLibrary

    real = os.fsync
    os.fsync = lambda fd: None  # generating only; every measured save syncs
    try:
        templates = TemplateLibrary.from_dirs([]).templates()
        with Store.open(folder, CLOCK) as store:
            left = sessions
            while left:
                step = min(left, 2000)
                fill(store, templates, CLOCK, step, 7)
                left -= step
    finally:
        os.fsync = real


def median_ms(run: object, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def open_home(folder: Path) -> None:
    with Store.open(folder, CLOCK) as store:
        store.recent_sessions(20)
        store.draft_sessions()
        store.session_count()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,1000,5000,20000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    bare = subprocess.run(
        [sys.executable, "-c", BARE], capture_output=True, text=True, check=True, env=env
    )
    bare_kb = int(bare.stdout.split()[1])
    print(f"load average: {os.getloadavg()[0]:.2f}; bare python RSS {bare_kb / 1024:.0f} MiB")
    print(
        f"{'sessions':>9} {'open+home ms':>13} {'save ms':>8} {'list ms':>8} "
        f"{'child open ms':>14} {'RSS MiB':>8} {'files MB':>9}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            folder = Path(tmp) / f"s{size}"
            make(folder, size)
            opened = median_ms(lambda f=folder: open_home(f))
            with Store.open(folder, CLOCK) as store:
                sid = store.recent_sessions(5)[4].id

                def save(s: Store = store, i: str = sid) -> None:
                    session = s.get_session(i)
                    session.title = f"Edited {time.perf_counter()}"
                    s.save_session(session)

                saved = median_ms(save)
                listed = median_ms(store.list_sessions)
            child = subprocess.run(
                [sys.executable, "-c", CHILD, str(folder)],
                capture_output=True,
                text=True,
                check=True,
                env=env,
            )
            took, rss = child.stdout.split()
            size_mb = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
            print(
                f"{size:>9,} {opened:>13.1f} {saved:>8.1f} {listed:>8.1f} "
                f"{float(took) * 1000:>14.1f} {int(rss) / 1024:>8.0f} {size_mb:>9.1f}"
            )


if __name__ == "__main__":
    main()
