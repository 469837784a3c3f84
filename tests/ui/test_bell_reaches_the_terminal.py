"""The end of a timebox rings the terminal's real bell (BEL, 0x07), once; turned off, never.

Textual's ``App.bell`` writes BEL to its driver only when there is a terminal (the
headless driver of Pilot drops it), so this runs the app in a child process on a
pseudo-terminal and reads every byte it writes.
"""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).parent
BEL = b"\x07"


def run_on_a_terminal(data: Path, signal: str) -> tuple[int, bytes]:
    main_fd, child_fd = pty.openpty()
    os.set_blocking(main_fd, False)
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    child = subprocess.Popen(
        [sys.executable, str(HERE / "bell_child.py"), str(data), signal],
        stdin=child_fd,
        stdout=child_fd,
        stderr=child_fd,
        env=env,
        close_fds=True,
    )
    os.close(child_fd)
    out = bytearray()
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([main_fd], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(main_fd, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk  # (the app's terminal queries go unanswered, which is fine)
            elif child.poll() is not None:
                break
        code = child.wait(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        if child.poll() is None:
            child.kill()
        os.close(main_fd)
    return code, bytes(out)


def bells(output: bytes) -> int:
    """BEL bytes that ring, not those ending an OSC sequence (ESC ] ... BEL)."""
    count = 0
    in_osc = False
    i = 0
    while i < len(output):
        if output[i : i + 2] == b"\x1b]":
            in_osc = True
            i += 2
            continue
        byte = output[i : i + 1]
        if byte == BEL:
            if in_osc:
                in_osc = False
            else:
                count += 1
        elif in_osc and output[i : i + 2] == b"\x1b\\":
            in_osc = False
            i += 1
        i += 1
    return count


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_the_end_of_a_timebox_rings_the_real_terminal_bell_once(tmp_path: Path) -> None:
    code, output = run_on_a_terminal(tmp_path / "data", "on")
    assert code == 0, output[-2000:]
    assert b"Timed" in output or b"Opening" in output  # the runner was drawn on the terminal
    assert bells(output) == 1
    assert b"is up" in output  # and the notice is drawn beside it


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_with_the_signal_turned_off_the_terminal_bell_never_rings(tmp_path: Path) -> None:
    code, output = run_on_a_terminal(tmp_path / "data", "off")
    assert code == 0, output[-2000:]
    assert b"Opening" in output or b"Timed" in output
    assert bells(output) == 0
    assert b"is up" not in output
