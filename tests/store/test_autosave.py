"""Autosave: typing reaches disk within a second, off the caller's thread, and survives faults."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest
from store_samples import OsProxy, add_learning, make_session

from reflect_tui.domain.answers import list_items, text_of
from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Autosaver, Store, StoreError, files

WAIT = 10.0  # generous upper bound for a background write; not a speed assertion


class StateLog:
    """Collects on_state calls and the threads they came from."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None, str]] = []
        self._cond = threading.Condition()

    def __call__(self, state: str, error: str | None) -> None:
        with self._cond:
            self.calls.append((state, error, threading.current_thread().name))
            self._cond.notify_all()

    def wait_for(self, state: str, after: int = 0) -> tuple[str, str | None, str]:
        with self._cond:
            ok = self._cond.wait_for(
                lambda: any(c[0] == state for c in self.calls[after:]), timeout=WAIT
            )
        assert ok, f"no {state!r} state; got {self.calls}"
        return next(c for c in self.calls[after:] if c[0] == state)


def stop_worker(saver: Autosaver) -> None:
    """End the background thread without folding, as a dying process would."""
    with saver._cond:
        saver._stop = True
        saver._cond.notify()
    saver._thread.join()


def read_only_view(data_dir: Path, clock: FixedClock) -> Store:
    """What another process would see if this one died now (journal replayed in memory)."""
    return Store.open(data_dir, clock, read_only=True)


def test_a_touch_is_saved_by_a_worker_thread(data_dir: Path, clock: FixedClock) -> None:
    log = StateLog()
    with Store.open(data_dir, clock) as store:
        session = make_session("Typing")
        store.save_session(session)
        saver = store.autosaver(session, log)
        add_learning(session, "Book the quiet room")
        saver.touch()
        _, error, thread = log.wait_for("saved")
        assert thread != threading.current_thread().name
        assert error is None and saver.state == "saved"
        with read_only_view(data_dir, clock) as other:
            learning = list_items(other.get_session(session.id).answers["learning"])
            assert learning[0].text == "Book the quiet room"
        saver.close()
    assert not any((data_dir / "journal").glob("*.json"))
    with Store.open(data_dir, clock) as store:
        learning = list_items(store.get_session(session.id).answers["learning"])
        assert learning[0].text == "Book the quiet room"


def test_flush_is_durable_at_once_and_folds_into_the_file(
    data_dir: Path, clock: FixedClock
) -> None:
    log = StateLog()
    with Store.open(data_dir, clock) as store:
        session = make_session("Step change")
        saver = store.autosaver(session, log)
        session.answers["notes"] = "written just before the step change"
        saver.flush()
        with read_only_view(data_dir, clock) as other:
            assert text_of(other.get_session(session.id).answers["notes"]).startswith(
                "written just"
            )
        log.wait_for("saved")
        saver.close()


def test_a_crash_before_folding_is_recovered_at_next_open(
    data_dir: Path, clock: FixedClock
) -> None:
    store = Store.open(data_dir, clock)
    session = make_session("Never closed")
    saver = store.autosaver(session)
    session.answers["notes"] = "only in the journal"
    saver.flush()
    # Simulate the process dying: stop the worker and drop the lock, with no fold.
    stop_worker(saver)
    store._release()
    with Store.open(data_dir, clock) as reopened:
        assert reopened.get_session(session.id).answers["notes"] == "only in the journal"
    assert not any((data_dir / "journal").glob("*.json"))


class FullDisk(OsProxy):
    """Writes fail while ``full``."""

    def __init__(self, real: object) -> None:
        super().__init__(real)
        self.full = True

    def write(self, fd: int, data: bytes) -> int:
        if self.full:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.real_write(fd, data)


def test_disk_full_shows_an_error_keeps_the_session_and_retries(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = StateLog()
    disk = FullDisk(os)
    with Store.open(data_dir, clock) as store:
        session = make_session("Disk full")
        store.save_session(session)
        saver = store.autosaver(session, log)
        monkeypatch.setattr(files, "os", disk)
        session.answers["notes"] = "typed while the disk was full"
        saver.touch()
        _, message, _ = log.wait_for("error")
        assert message is not None and "No space left on device" in message
        assert saver.error == message
        assert session.answers["notes"] == "typed while the disk was full"
        disk.full = False
        seen = len(log.calls)
        saver.touch()
        log.wait_for("saved", after=seen)
        saver.close()
    with Store.open(data_dir, clock) as store:
        assert store.get_session(session.id).answers["notes"] == "typed while the disk was full"


def test_flush_on_a_full_disk_raises_a_message(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_dir, clock) as store:
        session = make_session("Quit on a full disk")
        saver = store.autosaver(session)
        disk = FullDisk(os)
        monkeypatch.setattr(files, "os", disk)
        with pytest.raises(StoreError, match="free some disk space"):
            saver.flush()
        disk.full = False
        saver.close()


def test_autosave_on_a_read_only_store_reports_why(data_dir: Path, clock: FixedClock) -> None:
    log = StateLog()
    with Store.open(data_dir, clock) as owner:
        owner.save_session(make_session("Owned"))
        with Store.open(data_dir, clock) as second:
            session = second.get_session(second.list_sessions()[0].id)
            saver = second.autosaver(session, log)
            saver.touch()
            _, message, _ = log.wait_for("error")
            assert message is not None and "Another reflect window" in message
            saver.close()


def test_a_journal_left_behind_by_a_crash_never_overwrites_newer_data(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect_tui.store.journal import Journal

    with Store.open(data_dir, clock) as store:
        session = make_session("Crash between fold and clean-up")
        saver = store.autosaver(session)
        session.answers["notes"] = "older text, autosaved"
        saver.flush()
        stop_worker(saver)  # no more background writes
        # The process dies after folding the newer text but before removing the journal.
        monkeypatch.setattr(Journal, "remove", lambda self, session_id: None)
        session.answers["notes"] = "newer text, saved"
        store.save_session(session)
        store._autosavers.clear()
    monkeypatch.undo()
    assert any((data_dir / "journal").glob("*.json"))
    with Store.open(data_dir, clock) as store:
        assert store.get_session(session.id).answers["notes"] == "newer text, saved"
    assert not any((data_dir / "journal").glob("*.json"))


def test_closing_does_not_hang_on_a_callback_waiting_for_the_ui(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect_tui.store import autosave

    monkeypatch.setattr(autosave, "JOIN_SECONDS", 0.2)
    ui_free = threading.Event()
    called = threading.Event()

    def waits_for_the_ui(state: str, error: str | None) -> None:
        called.set()
        ui_free.wait(30)  # like a call that needs the (busy) UI thread

    with Store.open(data_dir, clock) as store:
        session = make_session("Quit while the callback waits")
        saver = store.autosaver(session, waits_for_the_ui)
        session.answers["notes"] = "last words"
        saver.touch()
        assert called.wait(WAIT)
        saver.close()  # on the "UI thread": returns and folds even so
        ui_free.set()
    with Store.open(data_dir, clock) as store:
        assert store.get_session(session.id).answers["notes"] == "last words"
