"""Autosaver: gets a session being edited onto disk within a second, off the UI thread.

``touch()`` after each change; a worker thread waits ``delay`` for typing to
pause, then writes the draft's journal file (small: its cost does not grow
with the store). ``flush()`` writes the journal at once and asks the worker to
fold the draft into the main file; ``close()`` folds it on the caller's thread.
``on_state(state, error)`` is only ever called from the worker thread; it
must not wait for the UI thread (post a message rather than call and wait).

The worker never reads the session the UI is changing: ``touch()`` and
``flush()`` take a snapshot on the caller's thread (``snapshot``: every field
copied but the immutable template, well under a millisecond) and the worker
serialises that, so nothing can change under it while it writes.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from reflect_tui.domain.session import Session
from reflect_tui.store.errors import StoreError

if TYPE_CHECKING:
    from reflect_tui.store.repository import Store

SAVED = "saved"
SAVING = "saving"
ERROR = "error"

JOIN_SECONDS = 5.0

StateCallback = Callable[[str, str | None], None]


def snapshot(session: Session) -> Session:
    """A copy of ``session`` that shares nothing mutable with it (the template is frozen)."""
    copied = {
        f.name: copy.deepcopy(getattr(session, f.name))
        for f in dataclasses.fields(session)
        if f.init and f.name != "template"
    }
    return dataclasses.replace(session, **copied)


class Autosaver:
    def __init__(
        self,
        store: Store,
        session: Session,
        on_state: StateCallback | None = None,
        delay: float = 0.2,
    ) -> None:
        self.store = store
        self.session = session
        self.state = SAVED
        self.error: str | None = None
        self._on_state = on_state
        self._delay = delay
        self._cond = threading.Condition()
        self._changes = 0  # bumped by touch()
        self._written = 0  # the change count the last successful write covered
        self._fold = False
        self._latest: Session | None = None  # the newest snapshot, for the worker to write
        self._stop = False
        self._closed = False
        self._thread = threading.Thread(
            target=self._run, name=f"autosave-{session.id}", daemon=True
        )
        self._thread.start()

    def touch(self) -> None:
        """The in-memory session changed; it will be on disk within a second.

        Call it on the thread that changes the session: the snapshot is taken here.
        """
        latest = snapshot(self.session)
        with self._cond:
            self._latest = latest
            self._changes += 1
            self._cond.notify()

    def flush(self, *, wait: bool = True) -> None:
        """Make the session durable now (journal), and fold it into the file soon after.

        Raises StoreError if it could not be written; the session stays in memory.
        With ``wait=False`` (a step change) nothing is written on this thread: the
        snapshot goes to the worker, which folds it into the file at once, so a fold
        still running for an earlier change never holds up the caller; a failure is
        reported through ``on_state`` like any autosave.
        """
        if not wait:
            latest = snapshot(self.session)
            with self._cond:
                self._latest = latest
                self._changes += 1
                self._fold = True
                self._cond.notify()
            return
        latest = snapshot(self.session)
        with self._cond:
            changes = self._changes
            self._latest = latest
        try:
            self.store._journal_write(latest)
        except StoreError as err:
            with self._cond:
                self._report = (ERROR, str(err))
                self._cond.notify()
            raise
        with self._cond:
            self._written = max(self._written, changes)
            self._fold = True
            self._cond.notify()

    def close(self) -> None:
        """Stop the worker and fold the session into the file (on this thread)."""
        if self._closed:
            return
        with self._cond:
            self._stop = True
            self._cond.notify()
        # An on_state callback that blocks on this (UI) thread must not hang the quit:
        # after a while, fold anyway; the worker stops at its next check.
        self._thread.join(timeout=JOIN_SECONDS)
        self._closed = True
        self.store._forget(self)
        if self.store.read_only:
            return
        self.store.save_session(self.session)
        self.state, self.error = SAVED, None

    # ------------------------------------------------------------------ worker

    _report: tuple[str, str | None] | None = None

    def _set(self, state: str, error: str | None) -> None:
        if (state, error) == (self.state, self.error):
            return
        self.state, self.error = state, error
        if self._on_state is not None:
            # A UI callback must never stop the saving.
            with contextlib.suppress(Exception):
                self._on_state(state, error)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not (
                    self._stop or self._fold or self._report or self._changes != self._written
                ):
                    self._cond.wait()
                if self._stop:
                    return
                report, self._report = self._report, None
            if report is not None:
                self._set(*report)
                continue
            # Let a burst of typing settle, but never for long.
            with self._cond:
                self._cond.wait_for(lambda: self._stop, timeout=self._delay)
                if self._stop:
                    return
                changes, fold, latest = self._changes, self._fold, self._latest
                self._fold = False
            self._set(SAVING, None)
            if self._stop:
                return
            if latest is None:  # only touch() and flush() ask for a write, with a snapshot
                with self._cond:
                    self._written = max(self._written, changes)
                continue
            try:
                if fold:
                    self.store.save_session(latest)
                else:
                    self.store._journal_write(latest)
            except StoreError as err:
                with self._cond:
                    self._written = max(self._written, changes)  # retry on the next touch
                self._set(ERROR, str(err))
                continue
            with self._cond:
                self._written = max(self._written, changes)
                done = self._changes == self._written and not self._fold
            if done:
                self._set(SAVED, None)
