"""Store benchmark: the reflect store against plain TinyDB (default JSONStorage).

Prints a table; asserts nothing. For 100 / 1,000 / 5,000 realistic sample
sessions (``reflect_tui.store.demo``) it times, on the same data:

- open: open the data and be ready to answer (TinyDB: first read of the table);
- list (first): the first session list after opening (summaries not cached yet);
- list: the session list again (TinyDB re-reads and re-parses its file every time);
- save: save one edited session durably (ours: whole-file atomic replace with
  fsync; TinyDB: ``update`` rewriting its file in place, no fsync);
- autosave: what ours does every second while someone types (journal write).

Targets from issue 3: save at 5,000 <= 0.5x TinyDB; open <= 1.0x TinyDB.
``tests/benchmarks/run.py`` may import ``measure`` and ``format_table``.

    python tests/benchmarks/store_bench.py [--quick] [--repeats N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from common import interleaved
from tinydb import TinyDB

from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import STORE_NAME, SessionSummary, Store
from reflect_tui.store import demo as sample
from reflect_tui.templates import TemplateLibrary

SIZES = (100, 1000, 5000)
QUICK_SIZES = (100, 1000)
TARGETS = {"save": 0.5, "open": 1.0}
NOW = datetime(2026, 11, 1, 9, 0)


@dataclass(frozen=True)
class Row:
    sessions: int
    operation: str
    ours_ms: float
    tinydb_ms: float | None
    file_mb: float

    @property
    def ratio(self) -> float | None:
        return self.ours_ms / self.tinydb_ms if self.tinydb_ms else None

    @property
    def target(self) -> str:
        limit = TARGETS.get(self.operation)
        if limit is None or self.ratio is None:
            return ""
        return f"<= {limit:.1f}x {'met' if self.ratio <= limit else 'MISSED'}"


def _median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _paired_ms(
    ours: Callable[[], object], theirs: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Medians (ms) of ours and the reference, run alternately after one warm-up each.

    Back-to-back blocks let a change in machine load land on one side only; at
    100 sessions both sides take ~10 ms, so that alone swung the ratio 0.5x-1.4x.
    """
    ours()
    theirs()
    mine, ref = interleaved([(ours, theirs)], repeats)
    return statistics.median(mine) * 1000, statistics.median(ref) * 1000


def _build(folder: Path, sessions: int) -> Path:
    clock = FixedClock(NOW)
    data = folder / "reflect"
    with Store.open(data, clock) as store:
        sample.fill(store, TemplateLibrary.from_dirs([]).templates(), clock, sessions, seed=1)
    return data


def measure_size(sessions: int, repeats: int = 5) -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="reflect-bench-") as tmp:
        data = _build(Path(tmp), sessions)
        plain = Path(tmp) / "plain.json"
        shutil.copyfile(data / STORE_NAME, plain)
        size_mb = plain.stat().st_size / 1e6
        rows: list[Row] = []

        def ours_open() -> None:
            Store.open(data, FixedClock(NOW)).close()

        def tiny_open() -> None:
            db = TinyDB(plain)
            len(db.table("sessions"))
            db.close()

        # Opening a small store takes milliseconds: more pairs for a steady median.
        open_repeats = repeats * 3 if sessions <= 1000 else repeats
        rows.append(Row(sessions, "open", *_paired_ms(ours_open, tiny_open, open_repeats), size_mb))

        def ours_first_list() -> None:
            with Store.open(data, FixedClock(NOW), read_only=True) as fresh:
                start = time.perf_counter()
                fresh.list_sessions()
                cold.append((time.perf_counter() - start) * 1000)

        cold: list[float] = []
        for _ in range(repeats):
            ours_first_list()

        store = Store.open(data, FixedClock(NOW))
        db = TinyDB(plain)
        table = db.table("sessions")
        tiny_list_ms = _median_ms(
            lambda: [SessionSummary.from_record(d) for d in table.all()], repeats
        )
        rows.append(Row(sessions, "list (first)", statistics.median(cold), tiny_list_ms, size_mb))
        rows.append(
            Row(
                sessions,
                "list",
                _median_ms(store.list_sessions, repeats),
                tiny_list_ms,
                size_mb,
            )
        )

        ids = [s.id for s in store.list_sessions()]
        doc_ids = {d["id"]: d.doc_id for d in table.all()}
        edits = iter(range(10**6))

        def edited(sid: str) -> dict[str, object]:
            session = store.get_session(sid)
            session.title = f"{session.title} (edited {next(edits)})"
            return session.to_dict()

        def ours_save() -> None:
            session = store.get_session(ids[next(edits) % len(ids)])
            session.title += " (edited)"
            store.save_session(session)

        def tiny_save() -> None:
            sid = ids[next(edits) % len(ids)]
            table.update(edited(sid), doc_ids=[doc_ids[sid]])

        rows.append(Row(sessions, "save", *_paired_ms(ours_save, tiny_save, repeats), size_mb))

        draft = store.get_session(ids[0])
        saver = store.autosaver(draft)

        def ours_autosave() -> None:
            draft.answers.setdefault("_bench", "")
            draft.title += "."
            saver.flush()

        rows.append(Row(sessions, "autosave", _median_ms(ours_autosave, repeats), None, size_mb))
        saver.close()
        store.close()
        db.close()
        return rows


def measure(sizes: Sequence[int] = SIZES, repeats: int = 5) -> list[Row]:
    """Rows for every size and operation (ours vs plain TinyDB), medians of ``repeats``."""
    rows: list[Row] = []
    for size in sizes:
        rows.extend(measure_size(size, repeats))
    return rows


def format_table(rows: Sequence[Row]) -> str:
    lines = [
        f"{'sessions':>8}  {'file MB':>7}  {'operation':<12}  {'reflect ms':>10}  "
        f"{'TinyDB ms':>9}  {'ratio':>6}  target",
    ]
    for r in rows:
        tiny = f"{r.tinydb_ms:9.1f}" if r.tinydb_ms is not None else f"{'-':>9}"
        ratio = f"{r.ratio:5.2f}x" if r.ratio is not None else f"{'-':>6}"
        lines.append(
            f"{r.sessions:>8}  {r.file_mb:7.1f}  {r.operation:<12}  {r.ours_ms:10.1f}  "
            f"{tiny}  {ratio}  {r.target}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="100 and 1,000 sessions only")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    sizes = QUICK_SIZES if args.quick else SIZES
    print(format_table(measure(sizes, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
