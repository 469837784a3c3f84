"""An unexpected exception in the app discloses nothing and loses nothing.

Textual's own crash screen prints the traceback with local variables: field
values, names, hazards, on screen and on a projector. reflect replaces it:
the open draft is saved, a crash report without values is written (0600, in
the data folder), a short plain message is printed, and the exit code is 70.
"""

from __future__ import annotations

import stat
import subprocess
import sys
from pathlib import Path

import pytest
from harness import build_app

from reflect_tui.crashreport import CRASH_EXIT
from reflect_tui.store import Store

CANARY = "Canary-Hazard-Q7X"
HERE = Path(__file__).parent


def explode(secret: str) -> None:
    hazard = f"dog at the door, {secret}"  # a local a traceback with locals would show
    raise RuntimeError(f"something failed near {hazard}")


async def test_a_crash_saves_the_draft_and_shows_no_record_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    app = build_app(data)
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", *"team-reflection", "enter", "ctrl+s")
            await pilot.pause()
            session_id = app.screen.session.id  # type: ignore[attr-defined]
            await pilot.press(*CANARY)
            app.call_later(explode, CANARY)
            await pilot.pause()
    out, err = capsys.readouterr()
    assert app.return_code == CRASH_EXIT
    assert CANARY not in out + err and "Traceback" not in out + err
    assert app.crash_message is not None and CANARY not in app.crash_message
    assert "unexpected error (RuntimeError)" in app.crash_message
    report = app.crash_report
    assert report is not None and report.parent == data
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    text = report.read_text()
    assert CANARY not in text and "dog at the door" not in text
    assert "RuntimeError" in text and "in explode" in text
    with Store.open(data) as store:  # the draft was flushed before the report
        answers = store.get_session(session_id).answers
        assert CANARY in str(answers)


def test_a_real_run_prints_a_plain_message_and_exits_non_zero(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = subprocess.run(
        [sys.executable, str(HERE / "crash_child.py"), str(data), CANARY],
        capture_output=True,
        text=True,
        timeout=120,
    )
    shown = result.stdout + result.stderr
    assert result.returncode == CRASH_EXIT, shown
    assert "reflect stopped because of an unexpected error" in shown
    assert CANARY not in shown and "Traceback" not in shown and "locals" not in shown
    (report,) = data.glob("crash-*.txt")
    assert CANARY not in report.read_text()
