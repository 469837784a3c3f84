"""The whole benchmark suite: one table of medians, each next to its reference (issue 8).

    python tests/benchmarks/run.py            # 100, 1,000, 5,000 and 20,000 sessions
    python tests/benchmarks/run.py --quick    # 100 sessions, fewer repeats (CI)
    python tests/benchmarks/run.py --markdown # also print the table for the README

Stores are generated with ``reflect demo``'s ``fill`` (in-process, fixed seed
and clock, at most 5,000 sessions a call) and cached under the temp folder,
keyed by size, seed and a hash of the code that writes them, so a second run
does not generate them again; generation is never timed. Rows that compare a
store with "the same at 100" use the smallest size of the run as reference.
Every area module here has ``measure(stores, repeats) -> list[Row]`` with
``stores = {sessions: data_dir}``; each row holds its own reference measured
in the same run. This script only prints: it never fails on a missed target
(CI runs it for the figures).
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from common import Row, make_store, notes, table

FULL_SIZES = (100, 1000, 5000, 20000)
QUICK_SIZES = (100,)

# (module, what it measures), in the order of the table.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("memory_bench", "process start to home idle and peak RSS vs a bare Textual app"),
    ("store_bench", "open, save one edited session, step change, finish vs the same at 100"),
    ("report_bench", "thematic report vs orjson.loads"),
    ("cli_bench", "`reflect list` vs the same at 100, `reflect report` memory"),
    ("ui_bench", "in-process start-up vs a bare app; per-key typing vs an empty store"),
    ("typing_bench", "per-key handling, big store vs empty (stand-in for ui_bench)"),
    ("flow_bench", "start a session, change step, back home vs the same at 100"),
    ("step_keys_bench", "keys typed right after F6 in a real process (tmux)"),
    ("export_bench", "export one session to Markdown and HTML"),
    ("erasure_bench", "purge one session, forget one person, with five backups"),
)

Measure = Callable[[dict[int, Path], int], list[Row]]


def machine() -> str:
    """What the figures were measured on, for the README."""
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {os.cpu_count()} cores (nproc); {cpu}; "
        f"Python {platform.python_version()}; {platform.system()} {platform.release()}"
    )


def load() -> str:
    """The 1-minute load average, to judge how quiet the machine was."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "unknown"


def load_module(module: str) -> Measure | None:
    try:
        found = importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name != module:
            raise
        return None
    measure = getattr(found, "measure", None)
    return measure if callable(measure) else None


def collect(stores: dict[int, Path], repeats: int, only: set[str] | None = None) -> list[Row]:
    """Run every section; a section that breaks is reported and the others still run."""
    rows: list[Row] = []
    for module, what in SECTIONS:
        if only and module not in only:
            continue
        if module == "typing_bench" and any("key" in r.name.lower() for r in rows):
            continue  # ui_bench measured per-key handling itself
        measure = load_module(module)
        if measure is None:
            print(f"[{module}] not available yet: {what} not measured", file=sys.stderr)
            continue
        start = time.perf_counter()
        try:
            got = measure(stores, repeats)
        except Exception:
            print(f"[{module}] failed:\n{traceback.format_exc()}", file=sys.stderr)
            continue
        print(f"[{module}] {what}: {time.perf_counter() - start:.1f} s", file=sys.stderr)
        # Each section's rows at once too: a later section that the machine kills (out of
        # memory at 20,000 sessions, say) must not take the figures already measured with it.
        print(table(got) + "\n", file=sys.stderr, flush=True)
        rows += got
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="reflect-tui benchmarks (prints, never fails)")
    parser.add_argument("--quick", action="store_true", help="smallest size only, fewer repeats")
    parser.add_argument("--repeats", type=int, help="runs per median (default 5, quick 3)")
    parser.add_argument("--sizes", type=int, nargs="+", help="store sizes (sessions)")
    parser.add_argument("--only", nargs="+", help="only these modules (e.g. store_bench)")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    args = parser.parse_args(argv)
    sizes = tuple(args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES))
    repeats = args.repeats or (3 if args.quick else 5)
    began = time.perf_counter()
    load_before = load()
    print(f"reflect-tui benchmarks: {machine()}", flush=True)
    print(f"sizes {', '.join(f'{n:,}' for n in sizes)}; medians of {repeats} runs\n", flush=True)
    with tempfile.TemporaryDirectory(prefix="reflect-bench-") as tmp:
        stores = {n: make_store(Path(tmp) / f"data-{n}", n) for n in sizes}
        rows = collect(stores, repeats, set(args.only) if args.only else None)
    print(table(rows))
    for line in notes(rows):
        print(f"  - {line}")
    missed = [r for r in rows if r.met is False]
    print(
        f"\n{len(rows)} rows, {len(missed)} target(s) missed; "
        f"{time.perf_counter() - began:.0f} s in all; load average {load_before} before, "
        f"{load()} after (other work on the machine blurs wall-clock figures)"
    )
    if args.markdown:
        print("\n" + table(rows, markdown=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
