"""Plain mistakes end in a plain message and a non-zero exit: no traceback, no hang, no loss.

Each row is something a person (or a script) could do by accident: a date at
the calendar's ends, a full disk or a closed pipe on stdout, a file name too
long, a pipe where a file should be, an empty --data, a huge --sessions, a
--force aimed at the store itself. Run as real processes with a time limit, so
a hang fails the test instead of blocking it.
"""

from __future__ import annotations

import errno
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from store_samples import NOW, make_session

from reflect_tui import cli
from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import STORE_NAME, Store, StoreError

TIMEOUT = 60


def reflect(
    *args: str, stdout: int | None = subprocess.PIPE, cwd: Path | None = None
) -> tuple[int, str]:
    result = subprocess.run(
        [sys.executable, "-m", "reflect_tui.cli", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=TIMEOUT,
        cwd=cwd,
        env={**os.environ, "REFLECT_DATA": "", "REFLECT_DEBUG": ""},
    )
    out = (result.stdout or b"").decode() if stdout == subprocess.PIPE else ""
    return result.returncode, out + result.stderr.decode()


@pytest.fixture
def store_dir(tmp_path: Path) -> tuple[Path, str]:
    data = tmp_path / "data"
    session = make_session("A shared session")
    with Store.open(data, FixedClock(NOW)) as store:
        store.save_session(session)
    return data, session.id


def rows(data: Path, sid: str, tmp: Path) -> dict[str, tuple[list[str], str]]:
    """name -> (arguments, words the message must hold)."""
    long_name = str(tmp / ("a" * 300 + ".md"))
    fifo = tmp / "pipe.md"
    os.mkfifo(fifo)
    d = ["--data", str(data)]
    return {
        "since year 1": (["report", *d, "--since", "0001-01-01"], "outside the dates"),
        "until year 9999": (["report", *d, "--until", "9999-12-31"], "outside the dates"),
        "export -o too long": (["export", sid, *d, "-o", long_name], "File name too long"),
        "report -o too long": (["report", *d, "-o", long_name], "File name too long"),
        "export --force onto a FIFO": (
            ["export", sid, *d, "-o", str(fifo), "--force"],
            "not a plain file",
        ),
        "report --force onto a FIFO": (["report", *d, "-o", str(fifo), "--force"], "not a plain"),
        "export --force onto a device": (
            ["export", sid, *d, "-o", "/dev/null", "--force"],
            "not a plain file",
        ),
        "report --force onto a folder": (
            ["report", *d, "-o", str(tmp / "folder.md"), "--force"],
            "it is a folder",
        ),
        "export --force onto the store": (
            ["export", sid, *d, "-o", str(data / STORE_NAME), "--force"],
            "never replaces reflect's own files",
        ),
        "report --force onto the store": (
            ["report", *d, "-o", str(data / STORE_NAME), "--force"],
            "never replaces reflect's own files",
        ),
        "templates validate a FIFO": (["templates", "validate", str(fifo)], "not a plain file"),
        "--data ''": (["list", "--data", ""], "empty folder name"),
        "demo --sessions huge": (["demo", *d, "--sessions", "100000000"], "at most 5,000"),
    }


def test_plain_mistakes_get_plain_messages(store_dir: tuple[Path, str], tmp_path: Path) -> None:
    data, sid = store_dir
    (tmp_path / "folder.md").mkdir()
    before = (data / STORE_NAME).read_bytes()
    table = rows(data, sid, tmp_path)
    for name, (argv, words) in table.items():
        code, shown = reflect(*argv)
        assert code not in (0, 70), (name, shown)
        assert "Traceback" not in shown and words in shown, (name, shown)
    assert (data / STORE_NAME).read_bytes() == before
    assert stat.S_ISFIFO((tmp_path / "pipe.md").stat().st_mode)
    print(f"\n{len(table)} plain mistakes: 0 tracebacks, 0 hangs")


def test_a_templates_folder_holding_a_fifo_is_listed_without_blocking(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    os.mkfifo(folder / "stuck.md")
    code, shown = reflect("templates", "--templates", str(folder))
    assert code == 0 and "team-reflection" in shown and "not a plain file" in shown


def test_stdout_on_a_full_device_says_so(store_dir: tuple[Path, str]) -> None:
    data, _ = store_dir
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "reflect_tui.cli", "list", "--data", str(data)],
            stdout=full,
            stderr=subprocess.PIPE,
            timeout=TIMEOUT,
        )
    err = result.stderr.decode()
    assert result.returncode == 1 and "could not write the output" in err
    assert "Traceback" not in err and "Exception ignored" not in err


def test_stdout_closed_early_is_not_an_error(store_dir: tuple[Path, str]) -> None:
    data, _ = store_dir
    with Store.open(data, FixedClock(NOW)) as store:
        store.save_sessions([make_session(f"Session {n}") for n in range(400)])
    proc = subprocess.Popen(
        [sys.executable, "-m", "reflect_tui.cli", "list", "--json", "--data", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # the reader went away (`| head -1`)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=TIMEOUT) == 0
    assert "Traceback" not in err and "Exception ignored" not in err


def test_restore_on_a_read_only_file_system_says_so(
    store_dir: tuple[Path, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = store_dir
    with Store.open(data, FixedClock(NOW)) as store:  # a second generation: one backup
        store.save_session(make_session("Second"))
    real_open = os.open

    def read_only_fs(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only_fs)
    code = cli.main(["restore", "--data", str(data)])
    err = capsys.readouterr().err
    assert code == 1 and "Read-only file system" in err and "Nothing was changed" in err


def test_folders_are_created_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        data = tmp_path / "a" / "b" / "data"
        with Store.open(data, FixedClock(NOW)) as store:
            store.save_session(make_session())
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", data, data / "backups"):
        if folder.exists():
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE((data / STORE_NAME).stat().st_mode) == 0o600


def test_looser_modes_are_tightened_at_the_first_open(store_dir: tuple[Path, str]) -> None:
    data, _ = store_dir
    os.chmod(data, 0o755)
    os.chmod(data / STORE_NAME, 0o644)
    with Store.open(data, FixedClock(NOW)) as store:
        assert any("now owner-only" in w for w in store.warnings)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert stat.S_IMODE((data / STORE_NAME).stat().st_mode) == 0o600


def test_a_symlinked_store_file_is_refused_with_a_message(
    store_dir: tuple[Path, str], tmp_path: Path
) -> None:
    data, _ = store_dir
    real = tmp_path / "elsewhere.json"
    os.replace(data / STORE_NAME, real)
    (data / STORE_NAME).symlink_to(real)
    for read_only in (False, True):
        with pytest.raises(StoreError, match="symbolic link"):
            Store.open(data, FixedClock(NOW), read_only=read_only)
    assert (data / STORE_NAME).is_symlink() and json.loads(real.read_text())


def test_a_killed_export_leaves_no_temp_file_after_the_next_export(
    store_dir: tuple[Path, str], tmp_path: Path
) -> None:
    data, sid = store_dir
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    pid = int(dead.stdout)
    (out / f".reflect-export-{pid}-abcd.tmp").write_text("half a minutes file")
    code, shown = reflect("export", sid, "--data", str(data), "-o", str(out))
    assert code == 0, shown
    assert not list(out.glob(".reflect-export-*.tmp"))
    assert len(list(out.glob("*.md"))) == 1


BAD_VALUES = [
    "",
    " ",
    "-1",
    "0",
    "abc",
    "9" * 40,
    "2026-02-30",
    "0001-01-01",
    "9999-12-31",
    "x" * 5000,
    "\x1b[2J",
    "../../etc/passwd",
    "/dev/null",
]


def test_bad_values_in_every_option_never_end_in_an_unexpected_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    with Store.open(data, FixedClock(NOW)) as store:
        store.save_session(make_session("Kept"))
    fifo = tmp_path / "f.md"
    os.mkfifo(fifo)
    d = ["--data", str(data)]
    runs = unexpected = 0
    for v in [*BAD_VALUES, str(fifo)]:
        for argv in (
            ["list", "--data", v],
            ["export", v, *d],
            ["export", "Kept", *d, "-o", v],
            ["report", *d, "--since", v],
            ["report", *d, "--until", v],
            ["report", *d, "--min-count", v],
            ["actions", "done", v, *d],
            ["actions", *d, "--status", v],
            ["people", "add", v, *d],
            ["people", "edit", v, *d, "--team", v],
            ["due", *d, "--supervision-weeks", v],
            ["demo", *d, "--sessions", v],
            ["restore", *d, "--backup", v],
            ["templates", "validate", v],
            ["templates", "show", v],
            ["themes", "add", v, *d],
            ["themes", "remove", v, *d],
        ):
            try:
                code = cli.main(argv)
            except SystemExit as exit_:  # argparse: usage and a message, exit 2
                code = int(exit_.code or 0)
            out, err = capsys.readouterr()
            runs += 1
            unexpected += code == 70
            assert "Traceback" not in out + err and code != 70, (argv[:4], err[-300:])
    print(f"\n{runs} bad CLI inputs: {unexpected} unexpected errors, 0 tracebacks")
    with Store.open(data, FixedClock(NOW), read_only=True) as store:  # still whole
        assert "Kept" in [s.title for s in store.list_sessions()]


def test_an_unreadable_user_templates_folder_is_named_not_fatal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Root reads any folder, so the refusal is simulated where the folder is listed."""
    config = tmp_path / "config"
    folder = config / "reflect-tui" / "templates"
    folder.mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    monkeypatch.delenv("REFLECT_TEMPLATES", raising=False)
    real_iterdir = Path.iterdir

    def iterdir(self: Path) -> object:
        if self == folder:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    code = cli.main(["templates"])
    out, err = capsys.readouterr()
    assert code == 0 and "team-reflection" in out
    assert "Permission denied" in out + err and "Traceback" not in out + err
