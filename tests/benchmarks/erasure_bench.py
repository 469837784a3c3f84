"""Purge one session, and forget one person, in a store with five backups (absolute figures).

What is timed is the whole erasure as `reflect delete --purge` / `reflect person forget` do it
once the store is open: the store write, rewriting each of the five backups, the journals and the
minutes folder. Each repeat works on a fresh copy of the store (copying is not timed).

Run alone: ``python tests/benchmarks/erasure_bench.py [--sessions N] [--repeats R]``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import Row, median, ms, per_store, standalone

from reflect_tui.dataprotection import erase, forget
from reflect_tui.store import Store
from reflect_tui.store.backups import list_backups

BACKUPS = 5


def _with_backups(data_dir: Path, into: Path) -> Path:
    shutil.copytree(data_dir, into)
    for n in range(BACKUPS):
        with Store.open(into) as store:
            store.set_setting("bench_touch", n)
    assert len(list_backups(into)) == BACKUPS
    return into


def measure_store(data_dir: Path, sessions: int, repeats: int) -> list[Row]:
    purge_times: list[float] = []
    forget_times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="reflect-erase-") as tmp:
        base = _with_backups(data_dir, Path(tmp) / "base")
        for n in range(repeats):
            copy = Path(tmp) / f"run-{n}"
            shutil.copytree(base, copy)
            with Store.open(copy) as store:
                victim = store.list_sessions()[len(store.list_sessions()) // 2].id
                name = next((p.name for p in store.people()), "")
                start = time.perf_counter()
                erase.purge(store, [victim])
                purge_times.append(time.perf_counter() - start)
                if name:
                    start = time.perf_counter()
                    forget.forget(store, name)
                    forget_times.append(time.perf_counter() - start)
            shutil.rmtree(copy)
    note = f"store + {BACKUPS} backups + journals + minutes folder rewritten"
    rows = [Row("purge one session", sessions, ms(median(purge_times)), note=note)]
    if forget_times:
        rows.append(Row("forget one person", sessions, ms(median(forget_times)), note=note))
    return rows


# Erasure rewrites the store and five backups: at 20,000 sessions (165 MB each, all parsed)
# the run was killed for memory. Issue 16 sets no erasure target; measured up to here.
ERASURE_UP_TO = 5000


def measure(stores: dict[int, Path], repeats: int) -> list[Row]:
    left_out = sorted(n for n in stores if n > ERASURE_UP_TO)
    if left_out:
        print(f"[erasure_bench] not measured above {ERASURE_UP_TO:,} sessions", file=sys.stderr)
    kept = {n: d for n, d in stores.items() if n <= ERASURE_UP_TO}
    return per_store(kept, repeats, measure_store)


def main(argv: list[str] | None = None) -> int:
    return standalone(__doc__, measure, 1000, 3, argv)


if __name__ == "__main__":
    sys.exit(main())
