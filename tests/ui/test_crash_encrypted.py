"""A crash in an encrypted data folder leaves nothing readable behind.

The story: a facilitator works in an encrypted folder, types words nobody else
may read, and reflect fails. Afterwards every file in the data folder (the crash
report included) is scanned byte for byte: no canary, and no file that is not
ciphertext except the key file (wrapped keys only) and the lock file (empty).
What reached the terminal holds no canary and no traceback. Checked in the app
under Pilot and in a real process.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from harness import START, build_app
from textual.widgets import Input

from reflect_tui.crashreport import CRASH_EXIT
from reflect_tui.store import Store, crypto
from reflect_tui.store.encrypt_folder import init_encrypted
from reflect_tui.store.files import FileBlob
from reflect_tui.store.unlock import KEYS_NAME, MAGIC
from reflect_tui.ui.screens.runner import RunnerScreen

FAST = crypto.KdfParams(n=2**10, r=8, p=1)
PASS = "the blue door by the lifts"
CANARIES = ("QZXTITLE42", "QZXANSWER42", "QZXLOCAL42")
HERE = Path(__file__).parent
# Not ciphertext by design: the wrapped keys (JSON) and the lock files (empty, or a pid).
LOCKS = {"reflect.lock", "reflect.lock.owner", "audit.lock"}


def explode(secret: str) -> None:
    hazard = f"dog at the door, {secret}"  # a local a traceback with locals would show
    raise RuntimeError(f"something failed near {hazard}")


def leaks(folder: Path) -> list[str]:
    """Every canary, and every plaintext file, found in ``folder`` (all files, all bytes)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        for canary in CANARIES:
            if canary.encode() in raw or canary.encode("utf-16-le") in raw:
                found.append(f"{path.name}: {canary}")
        if path.name in LOCKS:
            if raw.strip() and not raw.strip().isdigit():
                found.append(f"{path.name}: holds more than a process id")
        elif path.name == KEYS_NAME:
            crypto.KeyFile.from_bytes(raw, path)  # wrapped keys and their parameters only
        elif not raw.startswith(MAGIC):
            found.append(f"{path.name}: not encrypted ({raw[:16]!r})")
    return found


def read_report(data: Path) -> str:
    (report,) = data.glob("crash-*.txt")
    with Store.open(data, unlock=PASS) as store:
        return (FileBlob(report, store.codec).read() or b"").decode()


async def test_a_crash_in_an_encrypted_folder_leaves_no_plaintext(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    init_encrypted(data, PASS, FAST)
    app = build_app(data, unlock=PASS)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", *"team-reflection", "enter")
            await pilot.pause()
            app.screen.query_one(Input).value = f"Team day {CANARIES[0]}"
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert isinstance(app.screen, RunnerScreen)
            session_id = app.screen.session.id
            await pilot.press(*f"what went well {CANARIES[1]}")
            await pilot.pause(0.6)  # autosave writes the journal
            app.call_later(explode, CANARIES[2])
            await pilot.pause()
    out, err = capsys.readouterr()
    assert app.return_code == CRASH_EXIT
    for canary in CANARIES:
        assert canary not in out + err
    assert "Traceback" not in out + err
    assert app.crash_report is not None and app.crash_report.parent == data
    assert leaks(data) == []
    text = read_report(data)  # the report is there for support, once unlocked
    assert "RuntimeError" in text and "in explode" in text
    assert not any(canary in text for canary in CANARIES) and "dog at the door" not in text
    with Store.open(data, unlock=PASS) as store:  # the draft was saved before the report
        assert CANARIES[1] in str(store.get_session(session_id).answers)


def test_a_real_crash_in_an_encrypted_folder_leaves_no_plaintext(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_encrypted(data, PASS, FAST)
    result = subprocess.run(
        [sys.executable, str(HERE / "crash_child.py"), str(data), CANARIES[2], PASS, CANARIES[1]],
        capture_output=True,
        text=True,
        timeout=120,
    )
    shown = result.stdout + result.stderr
    assert result.returncode == CRASH_EXIT, shown
    assert "reflect stopped because of an unexpected error" in shown
    assert "encrypted" in shown  # says the report is encrypted like the rest
    for canary in CANARIES:
        assert canary not in shown
    assert "Traceback" not in shown and "locals" not in shown
    assert leaks(data) == []
    text = read_report(data)
    assert "ValueError" in text and not any(canary in text for canary in CANARIES)


def test_the_encrypted_report_is_shown_as_text_by_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reflect_tui.cli import main

    data = tmp_path / "data"
    init_encrypted(data, PASS, FAST)
    with Store.open(data, unlock=PASS) as store:
        from reflect_tui import crashreport

        try:
            explode(CANARIES[2])
        except RuntimeError as err:
            path = crashreport.write_report(data, err, START, store.codec)
    assert leaks(data) == []
    monkeypatch.setenv("REFLECT_PASSPHRASE", PASS)
    assert main(["crash-report", "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "reflect crash report" in out and "in explode" in out
    assert CANARIES[2] not in out
    assert main(["crash-report", "--list", "--data", str(data)]) == 0
    assert capsys.readouterr().out.strip() == path.name
    assert main(["crash-report", "reflect.keys", "--data", str(data)]) == 1
    assert "not a crash report" in capsys.readouterr().err
