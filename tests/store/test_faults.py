"""Faults: kills, full disks, bad values, rival processes, damaged files, a loose umask.

Each test states what the user must be able to rely on afterwards.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import os
import random
import select
import shutil
import signal
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from store_samples import NOW, OsProxy, make_session, with_action

from reflect_tui import cli
from reflect_tui.domain.answers import text_of
from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import STORE_NAME, Store, StoreDamaged, StoreError, files

FIXTURES = Path(__file__).parent / "fixtures"


# --------------------------------------------------------------- process helpers


def fork(child: Callable[[], None]) -> int:
    """Run ``child`` in a forked process that never returns into pytest."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            child()
        except BaseException:
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    return pid


def _writer(data_dir: Path, ack_fd: int, seed: int) -> None:
    """Save new and edited sessions forever; ack each one only once it is durable."""
    rng = random.Random(seed)
    store = Store.open(data_dir, FixedClock(NOW), lock_timeout=30)
    versions = {s.id: int(s.title.split()[1]) for s in store.list_sessions()}
    count = 0
    while True:
        count += 1
        if len(versions) < 12 and (not versions or rng.random() < 0.4):
            session = make_session("v 1")
            session.id = f"s{seed}x{count}"
            version = 1
        else:
            sid = rng.choice(sorted(versions))
            session = store.get_session(sid)
            version = versions[sid] + 1
        session.title = f"v {version}"
        session.answers["notes"] = f"v {version} " + "x" * rng.randint(0, 6000)
        if rng.random() < 0.35:
            saver = store.autosaver(session, delay=0.0)
            saver.flush()
            os.write(ack_fd, f"{session.id} {version}\n".encode())
            saver.close()
        else:
            store.save_session(session)
            os.write(ack_fd, f"{session.id} {version}\n".encode())
        versions[session.id] = version


def _read_acks(fd: int, early: bytes = b"") -> list[tuple[str, int]]:
    chunks = [early]
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    acks = []
    for line in b"".join(chunks).decode().splitlines():
        sid, version = line.split()
        acks.append((sid, int(version)))
    return acks


def _first_ack(fd: int) -> bytes:
    """Wait (generously) until the writer has acknowledged its first save."""
    ready, _, _ = select.select([fd], [], [], 60.0)
    assert ready, "the writer never saved anything"
    return os.read(fd, 65536)


@pytest.mark.slow
def test_sigkill_at_random_points_never_loses_an_acknowledged_save(data_dir: Path) -> None:
    kills = 220
    rng = random.Random(20261122)
    acked: dict[str, int] = {}
    mid_write_rounds = 0
    for round_no in range(kills):
        read_fd, write_fd = os.pipe()
        pid = fork(functools.partial(_writer, data_dir, write_fd, round_no))
        os.close(write_fd)
        early = b""
        # Most kills land while the writer is busy saving; some during its start-up
        # (opening, replaying the journal, folding it into the file).
        if rng.random() < 0.8:
            early = _first_ack(read_fd)
            mid_write_rounds += 1
        time.sleep(rng.uniform(0.0, 0.03))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status), f"writer {round_no} failed before the kill"
        os.set_blocking(read_fd, False)
        acks = _read_acks(read_fd, early)
        os.close(read_fd)
        for sid, version in acks:
            acked[sid] = max(acked.get(sid, 0), version)
        with Store.open(data_dir, FixedClock(NOW)) as store:
            stored = {}
            for session in store.iter_sessions():
                version = int(session.title.split()[1])
                assert text_of(session.answers["notes"]).startswith(f"v {version} "), (
                    "half-saved session"
                )
                stored[session.id] = version
        for sid, version in acked.items():
            assert sid in stored, f"acknowledged session {sid} lost after kill {round_no}"
            assert stored[sid] >= version, f"{sid} went back from v{version} to v{stored[sid]}"
            acked[sid] = stored[sid]
    assert mid_write_rounds > kills // 2
    assert len(acked) >= 12


def _many_short_writers(data_dir: Path, name: str, count: int) -> None:
    for n in range(count):
        with Store.open(data_dir, FixedClock(NOW), lock_timeout=60) as store:
            assert not store.read_only
            session = make_session(f"{name} {n}")
            with_action(session, f"action from {name} {n}")
            store.save_session(session)


def test_two_processes_writing_the_same_folder_lose_nothing(data_dir: Path) -> None:
    pids = [fork(functools.partial(_many_short_writers, data_dir, name, 15)) for name in "ab"]
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    with Store.open(data_dir, FixedClock(NOW)) as store:
        titles = {s.title for s in store.list_sessions()}
        assert len(store.actions()) == 30
    assert titles == {f"{name} {n}" for name in "ab" for n in range(15)}


# ------------------------------------------------------------------ write faults


class FailingOs(OsProxy):
    """Fails one kind of call the way a full or broken disk does."""

    def __init__(self, real: object, fail: str) -> None:
        super().__init__(real)
        self.fail = fail

    def write(self, fd: int, data: bytes) -> int:
        if self.fail == "nothing written":
            raise OSError(errno.ENOSPC, "No space left on device")
        if self.fail == "half written":
            self.real_write(fd, bytes(data)[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return self.real_write(fd, data)

    def replace(self, src: str, dst: str) -> None:
        if self.fail == "rename":
            raise OSError(errno.EIO, "Input/output error")
        self._real.replace(src, dst)  # type: ignore[attr-defined]


@pytest.mark.parametrize("fail", ["nothing written", "half written", "rename"])
def test_a_failing_disk_leaves_the_file_unchanged_and_says_so(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch, fail: str
) -> None:
    kept = make_session("Already saved")
    with Store.open(data_dir, clock) as store:
        store.save_session(kept)
        before = store.path.read_bytes()
        monkeypatch.setattr(files, "os", FailingOs(os, fail))
        edited = store.get_session(kept.id)
        edited.title = "Edited on a full disk"
        with pytest.raises(StoreError) as caught:
            store.save_session(edited)
        assert str(store.path) in str(caught.value)
        assert "unchanged" in str(caught.value)
        assert store.path.read_bytes() == before
        assert [p.name for p in data_dir.iterdir() if ".tmp-" in p.name] == []
        assert store.get_session(kept.id).title == "Already saved"  # memory matches the disk
        monkeypatch.undo()
        store.save_session(edited)
    with Store.open(data_dir, clock) as store:
        assert store.get_session(kept.id).title == "Edited on a full disk"


def test_a_value_that_cannot_be_stored_fails_before_the_disk(
    data_dir: Path, clock: FixedClock
) -> None:
    with Store.open(data_dir, clock) as store:
        store.save_session(make_session("Fine"))
        before = store.path.read_bytes()
        bad = make_session("Has an odd value")
        bad.pending_text = {"field": {"box": object()}}  # type: ignore[dict-item]
        with pytest.raises(StoreError, match="cannot be stored"):
            store.save_session(bad)
        with pytest.raises(StoreError, match="cannot be stored"):
            store.set_setting("when", NOW)
        assert store.path.read_bytes() == before
        assert [s.title for s in store.list_sessions()] == ["Fine"]


# ---------------------------------------------------------------- damaged files


def _two_generations(data_dir: Path, clock: FixedClock) -> None:
    with Store.open(data_dir, clock) as store:
        store.save_session(make_session("In the backup"))
    with Store.open(data_dir, clock) as store:
        store.save_session(make_session("Only in the damaged file"))


def _newer_schema(path: Path) -> None:
    data = json.loads(path.read_text())
    for doc in data["meta"].values():
        if doc["key"] == "schema_version":
            doc["value"] = 99
    path.write_text(json.dumps(data))


DAMAGE: dict[str, tuple[Callable[[Path], object], str]] = {
    "empty": (lambda p: p.write_bytes(b""), "is empty"),
    "truncated": (lambda p: p.write_bytes(p.read_bytes()[:-200]), "not valid JSON"),
    "not json": (lambda p: p.write_bytes(b"\x00\x01binary junk"), "not valid JSON"),
    "json list": (lambda p: p.write_text("[1, 2, 3]"), "not a reflect data file"),
    "bad table": (lambda p: p.write_text('{"sessions": [1, 2]}'), "not a reflect data file"),
    "newer schema": (_newer_schema, "newer version of reflect"),
    "missing": (lambda p: p.unlink(), "is missing"),
}


@pytest.mark.parametrize("kind", sorted(DAMAGE))
def test_a_damaged_file_is_refused_left_untouched_and_restorable(
    data_dir: Path, clock: FixedClock, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_generations(data_dir, clock)
    path = data_dir / STORE_NAME
    damage, wording = DAMAGE[kind]
    damage(path)
    bad = path.read_bytes() if path.exists() else None
    for read_only in (False, True):
        with pytest.raises(StoreDamaged) as caught:
            Store.open(data_dir, clock, read_only=read_only)
        message = str(caught.value)
        assert str(path) in message and wording in message
        assert "reflect-000001.json" in message and "reflect restore" in message
        assert (path.read_bytes() if path.exists() else None) == bad
    assert cli.main(["restore", "--data", str(data_dir)]) == 0
    assert "Restored" in capsys.readouterr().out
    with Store.open(data_dir, clock) as store:
        assert [s.title for s in store.list_sessions()] == ["In the backup"]
    if bad is not None:
        (aside,) = data_dir.glob("reflect.before-restore-*.json")
        assert aside.read_bytes() == bad


def test_restore_refuses_a_damaged_backup_and_points_to_a_good_one(
    data_dir: Path, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_generations(data_dir, clock)
    with Store.open(data_dir, clock) as store:
        store.save_session(make_session("Third"))
    newest = data_dir / "backups" / "reflect-000002.json"
    newest.unlink()  # break the hard link before damaging the copy
    newest.write_bytes(b"{")
    assert cli.main(["restore", "--data", str(data_dir), "--backup", "1"]) == 1
    assert "Try --backup 2" in capsys.readouterr().err
    assert cli.main(["restore", "--data", str(data_dir), "--backup", "2"]) == 0


def test_no_backup_means_a_clear_message(data_dir: Path, clock: FixedClock) -> None:
    with Store.open(data_dir, clock) as store:
        store.save_session(make_session())
    (data_dir / STORE_NAME).write_text("garbage")
    with pytest.raises(StoreDamaged, match="no good backup"):
        Store.open(data_dir, clock)


# ------------------------------------------------------------ umask, migrations


@contextlib.contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.parametrize("mask", [0o022, 0o000])
def test_files_are_owner_only_whatever_the_umask(
    tmp_path: Path, clock: FixedClock, mask: int
) -> None:
    data_dir = tmp_path / "new" / "data"
    with umask(mask):
        for n in range(2):
            with Store.open(data_dir, clock) as store:
                session = make_session(f"Session {n}")
                saver = store.autosaver(session)
                saver.flush()
                assert stat.S_IMODE(store._journal.path_for(session.id).stat().st_mode) == 0o600
                saver.close()
    made = [data_dir, *data_dir.rglob("*")]
    assert len(made) >= 6
    for path in made:
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path


def test_a_version_0_file_is_migrated_and_the_original_kept(
    data_dir: Path, clock: FixedClock
) -> None:
    data_dir.mkdir(mode=0o700)
    original = (FIXTURES / "v0_store.json").read_bytes()
    shutil.copyfile(FIXTURES / "v0_store.json", data_dir / STORE_NAME)
    with Store.open(data_dir, clock, read_only=True) as viewer:
        assert viewer.schema_version == 2
        assert len(viewer.actions()) == 1
    assert (data_dir / STORE_NAME).read_bytes() == original  # read-only: migrated in memory
    with Store.open(data_dir, clock) as store:
        assert store.schema_version == 2
        assert [s.title for s in store.list_sessions()] == [
            "Second old session",
            "Reflection from the old version",
        ]
        (row,) = store.actions()
        assert (row.action.id, row.action.status.value) == ("v0action001", "done")
        assert row.session_id == "v0session002"
        assert [p.name for p in store.people()] == ["Sam Smith"]
    (backup,) = (data_dir / "backups").glob("reflect-*.json")
    assert backup.read_bytes() == original
