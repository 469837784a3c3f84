"""No ESC, BEL or C1 byte from stored text reaches the terminal through any CLI command."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from escape_samples import EVIL, bad, escape_store, escapes_in

from reflect_tui import cli
from reflect_tui.textsafe import has_controls, name_problem, strip, visible


def test_visible_and_strip_leave_no_control_character() -> None:
    assert escapes_in(visible(EVIL)) == [] and escapes_in(strip(EVIL)) == []
    assert visible("a\x1b[2Jb") == "a\u241b[2Jb"  # shown, not hidden
    assert strip("a\x1b[2Jb") == "a[2Jb"
    assert visible("line one\n\tline two") == "line one\n\tline two"
    assert visible("Zoë Ó Súilleabháin — 日本") == "Zoë Ó Súilleabháin — 日本"
    assert has_controls("\x9b") and not has_controls("plain")


def test_names_with_control_characters_are_refused() -> None:
    assert name_problem("Sam\x1b]0;x\x07") is not None
    assert "U+001B" in (name_problem("Sam\x1b") or "")
    assert name_problem("Zoë O'Brien-Smith") is None


def commands(data: str, ids: list[str]) -> list[list[str]]:
    found = [
        ["list"],
        ["list", "--json"],
        ["report", "--since", "2025-01-01", "--until", "2026-12-31", "--min-count", "3"],
        ["actions"],
        ["actions", "--json"],
        ["actions", "--overdue"],
        ["due", "--all"],
        ["due", "--json"],
        ["people"],
        ["themes"],
        ["restore", "--list"],
    ]
    for sid in ids:
        found += [
            ["export", sid, "-o", "-", "--confidential"],
            ["export", sid, "-o", "-", "--format", "html", "--confidential"],
            ["export", "--check", sid],
        ]
    return [[*argv, "--data", data] for argv in found]


def test_every_command_prints_stored_escapes_harmlessly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    sessions = escape_store(data)
    printed = 0
    for argv in commands(str(data), [s.id for s in sessions]):
        cli.main(argv)
        out, err = capsys.readouterr()
        assert escapes_in(out + err) == [], argv
        printed += len(out) + len(err)
    assert printed > 10_000  # the commands really printed the poisoned records
    _, out, _ = (cli.main(["list", "--data", str(data)]), *capsys.readouterr())
    assert "\u241b]52;c;SGVsbG8=" in out  # shown visibly, not silently hidden


def test_a_name_with_escapes_is_refused_at_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    for argv in (
        ["people", "add", bad("Sam"), "--data", data],
        ["people", "add", "Sam", "--team", bad("North"), "--data", data],
        ["themes", "add", bad("rota"), "--data", data],
    ):
        assert cli.main(argv) != 0, argv
        err = capsys.readouterr().err
        assert "control characters" in err and escapes_in(err) == []


def test_a_real_process_prints_no_escape_bytes(tmp_path: Path) -> None:
    """The bytes on the real stdout and stderr, not a captured text stream."""
    data = tmp_path / "data"
    escape_store(data)
    for args in (["list"], ["people"], ["actions"], ["bogus-command", EVIL.replace("\x00", "")]):
        result = subprocess.run(
            [sys.executable, "-m", "reflect_tui.cli", *args, "--data", str(data)],
            capture_output=True,
            timeout=60,
        )
        raw = result.stdout + result.stderr
        assert b"\x1b" not in raw and b"\x07" not in raw, args
        assert not any(0x80 <= b <= 0x9F for b in raw.decode("utf-8").encode("latin-1", "replace"))
