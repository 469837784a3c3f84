"""The thematic report over a whole store vs ``orjson.loads`` of the same sessions.

What is timed is what ``reflect report`` does to count: open the store
read-only, read the finished sessions of the two periods compared (streamed:
one index shard and one checked record at a time), count, suppress and render
the Markdown. The reference is parsing the same sessions, as one JSON document
of their stored records, with ``orjson.loads`` (the fastest JSON parser for
Python: the floor any store that keeps JSON has to read), in the same run.
The document is built once, untimed, so the reference does not depend on how
the store lays out its files. Prints; asserts nothing. Target: at most 2x the
reference (issue 16).

Is the comparison fair? Both sides run in one warm process (one untimed report
first, so neither side pays imports or first use) and are interleaved. The
reference is the stricter side: it parses bytes already in memory, while the
report also opens its files (at 100 sessions about 80 index shards and 90
session files) and checks each against the index. The report does not record
its release here (the store is opened read-only); that write and the process
start are in ``cli_bench``'s `reflect report` row (its time is in the note).

Run alone: ``python tests/benchmarks/report_bench.py [--sessions N] [--repeats R]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

import orjson
from common import Row, interleaved, make_store, median, ms, table

from reflect_tui.domain.clock import SystemClock
from reflect_tui.report import (
    build_report,
    default_period,
    releases,
    render_markdown,
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
        # What `reflect report` reads: the facts of each finished session, one at a time.
        sessions = releases.finished_sessions(store, [period, period.previous()])
        themes = vocabulary.load(store)
    return render_markdown(build_report([sessions], period, vocabulary=themes))


def sessions_document(data_dir: Path) -> bytes:
    """Every session's stored record, as one JSON array (the reference's input)."""
    with Store.open(data_dir, SystemClock(), read_only=True) as store:
        return orjson.dumps([s.to_dict() for s in store.iter_sessions()])


def measure_store(data_dir: Path, sessions: int, repeats: int) -> list[Row]:
    document = sessions_document(data_dir)

    def reference() -> object:
        return orjson.loads(document)

    report_once(data_dir)  # warm-up: imports and first-use costs
    subject_times, reference_times = interleaved(
        [(lambda: report_once(data_dir), reference)], repeats
    )
    size = len(document) / 1024 / 1024
    return [
        Row(
            "thematic report",
            sessions,
            ms(median(subject_times)),
            reference="orjson.loads",
            ref_value=ms(median(reference_times)),
            target=TARGET,
            note=f"open + decode + count + render; the sessions as JSON: {size:.1f} MB",
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
