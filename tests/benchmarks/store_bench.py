"""Store operations on a big store against the same operation on the smallest one (issue 16).

For every prepared store it times, alternating with the smallest store (100
sessions in a full run) so that drift on the machine hits both alike:

- open store: open the data dir and answer what home asks first (how many
  sessions and drafts, the newest sessions and drafts "home" keeps), then close;
- save one edited session: read a session, change its title, save it durably;
- step change (flush + fold): what F6 does to a draft being typed into: the
  autosaver's ``flush`` (journal) and its fold into the store, until the
  autosaver reports "saved" (its typing pause set to 0, so only the work counts);
- finish: a draft marked complete and saved, then its autosaver closed (which
  folds it once more), as the finish dialog and leaving the runner do.

Each figure is the median of ``SAMPLES`` times ``--repeats`` operations: one of
them takes a few milliseconds, most of it in fsync, and varies by a third from one
to the next, so a handful of samples would mostly measure the disk's mood.

Targets (issue 16): save, step change and finish at 20,000 sessions at most
1.5x the same at 100. Opening has no target of its own here (process start to
home in ``memory_bench`` is the figure a person sees). Prints; asserts nothing.

    python tests/benchmarks/store_bench.py [--sessions N] [--repeats R]
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from datetime import datetime
from itertools import count
from pathlib import Path

from common import Row, interleaved, median, ms, standalone, versus_smallest

from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.session import Session, Status
from reflect_tui.store import Store
from reflect_tui.store.autosave import SAVED
from reflect_tui.templates import TemplateLibrary

NOW = datetime(2026, 3, 2, 9, 30)
TARGET = 1.5
SAMPLES = 10  # operations per repeat (see above)
FOLD_TIMEOUT = 60.0


class Subject:
    """One open store and the operations timed on it."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.store = Store.open(data_dir, FixedClock(NOW))
        self.ids = [s.id for s in self.store.recent_sessions(50)]
        self.edits = count()
        template = TemplateLibrary.from_dirs([]).get("team-reflection")
        self.template = template
        self.draft = self.new_draft()
        self.saved = threading.Event()
        self.saver = self.store.autosaver(self.draft, on_state=self._state, delay=0.0)

    def _state(self, state: str, error: str | None) -> None:
        if state == SAVED:
            self.saved.set()

    def new_draft(self) -> Session:
        session = Session.start(self.template, f"Store benchmark {next(self.edits)}", NOW)
        self.store.save_session(session)
        return session

    def open(self) -> None:
        with Store.open(self.data_dir, FixedClock(NOW), read_only=True) as store:
            # What home reads: the counts, the newest sessions and drafts "home" keeps.
            store.session_count()
            store.draft_count()
            store.home_recent()
            store.home_drafts()

    def save(self) -> None:
        session = self.store.get_session(self.ids[next(self.edits) % len(self.ids)])
        session.title = f"{session.title.split(' (edited')[0]} (edited {next(self.edits)})"
        self.store.save_session(session)

    def step_change(self) -> None:
        self.draft.title = f"Store benchmark, step {next(self.edits)}"
        self.draft.current_step = (self.draft.current_step + 1) % len(self.template.steps)
        self.saved.clear()
        self.saver.flush()
        if not self.saved.wait(FOLD_TIMEOUT):
            raise RuntimeError("the autosaver did not fold the draft into the store in time")

    def close(self) -> None:
        self.saver.close()
        self.store.close()


def finish_once(store: Store, draft: Session, close_saver: Callable[[], None]) -> None:
    """The timed part of finishing (``finish`` builds the draft first, untimed)."""
    draft.status = Status.COMPLETE
    draft.finished_at = NOW
    store.save_session(draft)
    close_saver()


def timed_finish(subject: Subject) -> float:
    import gc
    import time

    draft = subject.new_draft()
    saver = subject.store.autosaver(draft)
    gc.collect()
    start = time.perf_counter()
    finish_once(subject.store, draft, saver.close)
    return time.perf_counter() - start


OPERATIONS: tuple[tuple[str, str, float | None], ...] = (
    ("open store (count, newest 100, drafts)", "open", None),
    ("save one edited session", "save", TARGET),
    ("step change (flush + fold)", "step_change", TARGET),
)


def measure(stores: dict[int, Path], repeats: int) -> list[Row]:
    """Every store against the smallest one (``{sessions: data_dir}``)."""
    smallest = min(stores)
    reference = Subject(stores[smallest])
    rows: list[Row] = []
    try:
        for sessions, data_dir in sorted(stores.items()):
            subject = reference if sessions == smallest else Subject(data_dir)
            try:
                for name, op, target in OPERATIONS:
                    ours: Callable[[], object] = getattr(subject, op)
                    theirs: Callable[[], object] = getattr(reference, op)
                    ours()  # warm-up: first-use costs on both sides
                    theirs()
                    mine, ref = interleaved([(ours, theirs)], repeats * SAMPLES)
                    rows.append(row(name, sessions, smallest, mine, ref, target))
                mine, ref = [], []
                for _ in range(max(1, repeats) * SAMPLES):
                    mine.append(timed_finish(subject))
                    ref.append(timed_finish(reference))
                rows.append(row("finish a session", sessions, smallest, mine, ref, TARGET))
            finally:
                if subject is not reference:
                    subject.close()
    finally:
        reference.close()
    return rows


def row(
    name: str,
    sessions: int,
    smallest: int,
    mine: list[float],
    ref: list[float],
    target: float | None,
) -> Row:
    return versus_smallest(name, sessions, smallest, ms(median(mine)), ms(median(ref)), target)


def main(argv: list[str] | None = None) -> int:
    return standalone(__doc__, measure, 5000, 5, argv)


if __name__ == "__main__":
    sys.exit(main())
