"""Read-only is structural: while a writer holds the data, readers never write a byte.

The lost-update scenario from issue 11: a writer process holds the lock and has
a draft whose latest words are only in its journal. Alongside it, every CLI
read command (and a second window) opens the data read-only. Every reader must
see the draft, and none may create, replace, rename or delete any file in the
data folder (checked by listing and inode, and by an audit hook on the
system calls). Then the writer is killed: every acknowledged save is there.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_samples import NOW, make_session
from write_audit import WriteAudit

from reflect_tui import cli
from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Store, StoreReadOnly
from reflect_tui.store import lock as lock_mod

HERE = Path(__file__).parent
Snapshot = dict[str, tuple[int, int, int]]


# The audit log is the one file a read-only window adds to: who exported what is recorded
# even from a second window (append-only, its own lock; never read back into the store).
AUDIT_FILES = ("audit.log", "audit.lock", ".audit.log.tmp-")


def is_audit_file(name: str) -> bool:
    return Path(name).name.startswith(AUDIT_FILES)


def snapshot(data_dir: Path, *, audit_log: bool = True) -> Snapshot:
    """Every file under the data folder: inode, size, mtime (the folders too).

    ``audit_log=False`` leaves out the audit log and the folder's own entry (its
    mtime moves when the log is replaced), keeping the store, backups and journals.
    """
    found: Snapshot = {}
    for path in [data_dir, *sorted(data_dir.rglob("*"))]:
        name = str(path.relative_to(data_dir))
        if not audit_log and (name == "." or is_audit_file(name)):
            continue
        st = path.stat()
        found[name] = (st.st_ino, st.st_size, st.st_mtime_ns)
    return found


class Writer:
    """The writer child: send a command, wait for its acknowledgement."""

    def __init__(self, data_dir: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "writer_child.py"), str(data_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.draft_id = self._answer("READY")

    def _answer(self, word: str) -> str:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line.startswith(word + " "), f"writer said {line!r}"
        return line.split()[1]

    def send(self, command: str, word: str) -> str:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self._answer(word)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)


@pytest.fixture
def writer(data_dir: Path) -> Iterator[Writer]:
    w = Writer(data_dir)
    yield w
    if w.proc.poll() is None:
        w.kill()


def read_commands(session_id: str, out_dir: Path) -> list[list[str]]:
    """Every CLI command that reads the store (and the writing ones, refused read-only)."""
    return [
        ["list"],
        ["list", "--json"],
        ["export", session_id, "-o", "-"],
        ["export", session_id, "-o", str(out_dir)],
        ["export", "--check", session_id],
        ["report", "--since", "2026-01-01", "--until", "2026-12-31"],
        ["actions"],
        ["actions", "--json"],
        ["due", "--all"],
        ["due", "--json"],
        ["people"],
        ["people", "list"],
        ["themes"],
        ["themes", "list"],
        # Writing commands while another process writes: refused, nothing touched.
        ["people", "add", "Robin Reader"],
        ["themes", "add", "reading"],
        ["due", "--supervision-weeks", "3"],
    ]


def test_readers_alongside_a_writer_write_nothing_and_lose_nothing(
    data_dir: Path,
    writer: Writer,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    acknowledged: list[str] = []
    trials = 0
    writes: list[tuple[str, str]] = []
    out_dir = tmp_path / "exports"
    for round_ in range(3):
        acknowledged.append(writer.send(f"save Saved in round {round_}", "ACK"))
        draft_text = f"draft words of round {round_}"
        writer.send(f"draft {draft_text}", "DRAFT")
        before = snapshot(data_dir, audit_log=False)
        assert any(name.startswith("journal/") for name in before)  # the draft is journal-only
        for argv in read_commands(writer.draft_id, out_dir):
            with WriteAudit(data_dir) as audit:
                code = cli.main([*argv, "--data", str(data_dir)])
            out, err = capsys.readouterr()
            trials += 1
            if argv[0] != "export":  # an export appends to the audit log (checked below)
                writes.extend(audit.events)
            assert "Traceback" not in out + err
            if argv[:2] == ["list", "--json"]:
                ids = {row["id"] for row in json.loads(out)}
                assert set(acknowledged) | {writer.draft_id} <= ids
            if argv[0] == "export" and "-" in argv:
                assert code == 0 and draft_text in out  # the reader sees the journal
            if argv[-1] in ("Robin Reader", "reading", "3"):
                assert code != 0 and "read-only" in err
        # A second window: opened for writing, it finds the lock held and reads only.
        with WriteAudit(data_dir) as audit:
            with Store.open(data_dir, FixedClock(NOW)) as second:
                assert second.read_only
                assert second.get_session(writer.draft_id).answers["notes"] == draft_text
                with pytest.raises(StoreReadOnly):
                    second.save_session(make_session("From the second window"))
            trials += 1
        writes.extend(audit.events)
        assert snapshot(data_dir, audit_log=False) == before, "a reader changed the data folder"
    assert writes == [], writes
    log = (data_dir / "audit.log").read_text(encoding="utf-8")
    assert log.count('"event": "export"') >= 3  # who exported what, even from a reader
    writer.kill()
    with Store.open(data_dir, FixedClock(NOW)) as after:
        ids = {s.id for s in after.list_sessions()}
        assert set(acknowledged) <= ids
        assert after.get_session(writer.draft_id).answers["notes"] == "draft words of round 2"
        assert not after.read_only
    print(f"\n{trials} read-only opens beside a live writer; {len(writes)} writes by readers")


def test_the_second_window_reads_the_journal_in_memory_only(data_dir: Path, writer: Writer) -> None:
    writer.send("draft only in the journal", "DRAFT")
    journal = data_dir / "journal" / f"{writer.draft_id}.json"
    before = journal.read_bytes()
    with Store.open(data_dir, FixedClock(NOW), read_only=True) as reader:
        assert reader.get_session(writer.draft_id).answers["notes"] == "only in the journal"
    assert journal.read_bytes() == before
    assert not (data_dir / "backups").exists() or not any((data_dir / "backups").iterdir())


def test_the_commit_path_itself_refuses_when_read_only(data_dir: Path) -> None:
    with Store.open(data_dir, FixedClock(NOW)) as store:
        store.save_session(make_session("On disk"))
    before = snapshot(data_dir)
    with Store.open(data_dir, FixedClock(NOW), read_only=True) as reader:
        reader._dirty = True
        with pytest.raises(StoreReadOnly):
            reader._commit()  # not a call-site check: the one way to the file says no
        with pytest.raises(OSError):
            reader._journal.write(make_session("x").to_dict(), 1)
    assert snapshot(data_dir) == before


def test_a_lock_that_cannot_be_taken_opens_read_only(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_dir, FixedClock(NOW)) as store:
        store.save_session(make_session("Kept"))

    def no_locks(self: lock_mod.WriterLock) -> bool:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock_mod.WriterLock, "_try_once", no_locks)
    before = snapshot(data_dir)
    with Store.open(data_dir, FixedClock(NOW)) as store:
        assert store.read_only
        assert "cannot be locked" in store.read_only_reason
        assert [s.title for s in store.list_sessions()] == ["Kept"]
    assert snapshot(data_dir) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file modes")
def test_read_only_media_can_be_read(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(data_dir, FixedClock(NOW)) as store:
        store.save_session(make_session("On a read-only stick"))
    os.chmod(data_dir, 0o500)
    try:
        assert cli.main(["list", "--data", str(data_dir)]) == 0
        assert "On a read-only stick" in capsys.readouterr().out
        with Store.open(data_dir, FixedClock(NOW)) as store:
            assert store.read_only
    finally:
        os.chmod(data_dir, 0o700)


def test_read_only_media_via_an_unwritable_folder_as_root(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Root can write anywhere, so read-only media is simulated: every write open fails EROFS."""
    with Store.open(data_dir, FixedClock(NOW)) as store:
        store.save_session(make_session("On a read-only stick"))
    real_open = os.open

    def read_only_fs(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only_fs)
    assert cli.main(["list", "--data", str(data_dir)]) == 0
    assert "On a read-only stick" in capsys.readouterr().out
    with Store.open(data_dir, FixedClock(NOW)) as store:
        assert store.read_only and "read-only" in store.read_only_reason
        assert [s.title for s in store.list_sessions()] == ["On a read-only stick"]


def test_deleting_the_lock_file_does_not_let_a_second_writer_in(
    data_dir: Path, writer: Writer, capsys: pytest.CaptureFixture[str]
) -> None:
    acknowledged = writer.send("save Before the lock was deleted", "ACK")
    (data_dir / lock_mod.LOCK_NAME).unlink()
    code = cli.main(["people", "add", "Late Writer", "--data", str(data_dir)])
    assert code != 0 and "read-only" in capsys.readouterr().err
    with Store.open(data_dir, FixedClock(NOW)) as second:
        assert second.read_only
    later = writer.send("save After the lock was deleted", "ACK")
    writer.kill()
    with Store.open(data_dir, FixedClock(NOW)) as after:
        ids = {s.id for s in after.list_sessions()}
        assert {acknowledged, later} <= ids
        assert "Late Writer" not in [p.name for p in after.people()]


async def test_a_second_app_window_beside_the_writer_writes_nothing(
    data_dir: Path, writer: Writer
) -> None:
    from reflect_tui.ui.app import make_app
    from reflect_tui.ui.widgets.fields import FieldEditor

    writer.send("draft typed in the first window", "DRAFT")
    before = snapshot(data_dir)
    with WriteAudit(data_dir) as audit:
        app = make_app(data_dir, FixedClock(NOW))
        async with app.run_test(size=(100, 30)) as pilot:
            assert app.store.read_only
            app.screen.open_session(writer.draft_id)  # type: ignore[attr-defined]
            await pilot.pause()
            editors = list(app.screen.query(FieldEditor))
            assert editors and all(e.read_only for e in editors)
            await pilot.press("f6", "f6", "ctrl+q")
            await pilot.pause()
    assert audit.events == []
    assert snapshot(data_dir) == before
    writer.kill()
    with Store.open(data_dir, FixedClock(NOW)) as after:
        assert after.get_session(writer.draft_id).answers["notes"] == "typed in the first window"
