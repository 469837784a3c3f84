"""Export one session to Markdown and to HTML: absolute figures (there is no plain-tool twin).

What is timed is what ``reflect export`` does once the store is open: fetch the
session, render it and write the owner-only file. The session is the largest
one in the store (the worst case a person meets), confidential ones included.

Run alone: ``python tests/benchmarks/export_bench.py [--sessions N] [--repeats R]``.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Literal

from common import Row, median, ms, per_store, repeat, standalone

from reflect_tui.minutes import export_session
from reflect_tui.store import Store
from reflect_tui.store.schema import dumps

Fmt = Literal["md", "html"]
FORMATS: tuple[tuple[Fmt, str], ...] = (("md", "export Markdown"), ("html", "export HTML"))


def largest_session_id(store: Store) -> tuple[str, int]:
    """The id of the session with the biggest stored record, and that record's size in bytes."""
    best, size = "", -1
    for summary in store.list_sessions():
        record_size = len(dumps(store.get_session(summary.id).to_dict()))
        if record_size > size:
            best, size = summary.id, record_size
    return best, size


def measure_store(data_dir: Path, sessions: int, repeats: int) -> list[Row]:
    rows: list[Row] = []
    with Store.open(data_dir, read_only=True) as store, tempfile.TemporaryDirectory() as out:
        sid, size = largest_session_id(store)
        if not sid:
            return rows
        for fmt, label in FORMATS:
            dest = Path(out) / f"minutes.{fmt}"

            def export(fmt: Fmt = fmt, dest: Path = dest) -> None:
                session = store.get_session(sid)
                export_session(session, dest, fmt=fmt, confirmed_confidential=True, force=True)

            times = repeat(export, repeats)
            rows.append(
                Row(
                    label,
                    sessions,
                    ms(median(times)),
                    note=f"largest session ({size / 1024:.1f} KB of JSON), render + write",
                )
            )
    return rows


def measure(stores: dict[int, Path], repeats: int) -> list[Row]:
    """Rows for every prepared store (``{sessions: data_dir}``)."""
    return per_store(stores, repeats, measure_store)


def main(argv: list[str] | None = None) -> int:
    return standalone(__doc__, measure, 1000, 20, argv)


if __name__ == "__main__":
    sys.exit(main())
