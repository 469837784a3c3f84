"""The thematic report over a whole store vs ``json.loads`` of the store file.

What is timed is what ``reflect report`` does: open the store read-only, decode
every session, count, suppress and render the Markdown. The reference is
reading the store file and parsing it with the stdlib ``json.loads``, in the
same run. Prints; asserts nothing. Target: at most 2x the reference (issue 8).

Run alone: ``python tests/benchmarks/report_bench.py [--sessions N] [--repeats R]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from datetime import date
from pathlib import Path

from common import Row, interleaved, make_store, median, ms, store_file, table

from reflect_tui.domain.clock import SystemClock
from reflect_tui.report import (
    build_report,
    default_period,
    render_markdown,
    report_sessions,
    vocabulary,
)
from reflect_tui.store import Store

TARGET = 2.0
DEMO_TODAY = date(2026, 3, 2)  # the clock common.make_store generates sample data with


def report_once(data_dir: Path) -> str:
    """One whole ``reflect report`` over ``data_dir``, without the printing.

    The period is the twelve months up to the sample data's clock, so it is all in range.
    """
    period = default_period(DEMO_TODAY)
    with Store.open(data_dir, SystemClock(), read_only=True) as store:
        sessions = report_sessions(store, period)
        themes = vocabulary.load(store)
    return render_markdown(build_report([sessions], period, vocabulary=themes))


def measure_store(data_dir: Path, sessions: int, repeats: int) -> list[Row]:
    path = store_file(data_dir)

    def reference() -> object:
        return json.loads(path.read_bytes())

    subject_times, reference_times = interleaved(
        [(lambda: report_once(data_dir), reference)], repeats
    )
    size = path.stat().st_size / 1024 / 1024
    return [
        Row(
            "thematic report",
            sessions,
            ms(median(subject_times)),
            reference="json.loads",
            ref_value=ms(median(reference_times)),
            target=TARGET,
            note=f"open + decode + count + render; store file {size:.1f} MB",
        )
    ]


def measure(stores: dict[int, Path], repeats: int) -> list[Row]:
    """Rows for every prepared store (``{sessions: data_dir}``)."""
    rows: list[Row] = []
    for sessions, data_dir in sorted(stores.items()):
        rows += measure_store(data_dir, sessions, repeats)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sessions", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        stores = {n: make_store(Path(tmp) / f"data-{n}", n) for n in args.sessions}
        print(table(measure(stores, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
