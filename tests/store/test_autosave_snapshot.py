"""Autosave writes a snapshot taken when the change was made, never the live session.

The UI keeps changing the session while the worker writes; the worker gets its own
copy from ``touch()``/``flush()``, so it can never meet a list or dict that changes
under it (it used to catch RuntimeError and copy again).
"""

from __future__ import annotations

import threading
from pathlib import Path

from store_samples import add_learning, make_session

from reflect_tui.domain.answers import list_items
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.jsonvalue import JsonObject
from reflect_tui.domain.session import Session
from reflect_tui.store import Store
from reflect_tui.store.autosave import SAVED, Autosaver, snapshot

WAIT = 10.0  # an upper bound for a background write; not a speed assertion


class Recorder:
    """Wraps a real store and keeps what the worker was handed, and on which thread."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.handed: list[tuple[Session, JsonObject, str]] = []
        self.read_only = False
        self.saved = threading.Event()

    def _journal_write(self, session: Session) -> None:
        self.store._journal_write(session)
        self._keep(session)

    def save_session(self, session: Session) -> None:
        self.store.save_session(session)
        self._keep(session)

    def _keep(self, session: Session) -> None:
        self.handed.append((session, session.to_dict(), threading.current_thread().name))
        self.saved.set()

    def _forget(self, saver: object) -> None:
        self.store._forget(saver)  # type: ignore[arg-type]


def test_a_snapshot_shares_nothing_that_can_change_with_the_session() -> None:
    live = make_session("Live")
    add_learning(live, "first")
    copy = snapshot(live)
    assert copy.to_dict() == live.to_dict()
    add_learning(live, "second")
    live.pending_text["x"] = {"due": "tomorrow"}
    live.participants.append("Sam")
    assert [i.text for i in list_items(copy.answers["learning"])] == ["first"]
    assert "x" not in copy.pending_text and "Sam" not in copy.participants
    assert copy.template is live.template  # frozen: shared, not copied


def test_the_worker_writes_what_was_touched_not_what_changed_since(
    data_dir: Path, clock: FixedClock
) -> None:
    with Store.open(data_dir, clock) as store:
        live = make_session("Touched title")
        store.save_session(live)
        recorder = Recorder(store)
        saver = Autosaver(recorder, live, delay=0.05)  # type: ignore[arg-type]
        live.title = "Touched title, edited"
        saver.touch()
        live.title = "Typed after the touch"  # the UI goes on; no touch yet
        assert recorder.saved.wait(WAIT)
        written, as_dict, thread = recorder.handed[0]
        assert written is not live
        assert as_dict["title"] == "Touched title, edited"
        assert thread.startswith("autosave-")
        saver.touch()
        saver.flush()
        saver.close()
        assert saver.state == SAVED
        assert store.get_session(live.id).title == "Typed after the touch"


class SlowFold(Recorder):
    """A store whose fold holds the writers' lock until released (a large store's save)."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.writers = threading.Lock()  # like the store's mutex: one writer at a time
        self.folding = threading.Event()
        self.release = threading.Event()

    def _journal_write(self, session: Session) -> None:
        with self.writers:
            super()._journal_write(session)

    def save_session(self, session: Session) -> None:
        with self.writers:
            self.folding.set()
            assert self.release.wait(WAIT)
            super().save_session(session)


def test_a_step_change_hands_its_save_to_the_worker_while_an_earlier_fold_runs(
    data_dir: Path, clock: FixedClock
) -> None:
    with Store.open(data_dir, clock) as store:
        live = make_session("Step one")
        store.save_session(live)
        slow = SlowFold(store)
        saver = Autosaver(slow, live, delay=0.01)  # type: ignore[arg-type]
        saver.flush(wait=False)  # the first step change: the worker starts a long fold
        assert slow.folding.wait(WAIT)
        live.title = "Step two"
        returned = threading.Event()

        def flush_then_signal() -> None:
            saver.flush(wait=False)
            returned.set()

        caller = threading.Thread(target=flush_then_signal)
        caller.start()
        caller.join(WAIT)
        assert returned.is_set()  # came back while the earlier fold still held the writers
        assert not slow.release.is_set()
        slow.release.set()
        saver.close()
        assert store.get_session(live.id).title == "Step two"
        assert [d["title"] for _, d, _ in slow.handed][-1] == "Step two"
