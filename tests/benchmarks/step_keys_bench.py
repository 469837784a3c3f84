"""Keys typed right after a step change, in the real ``reflect`` process (issue 16).

A person presses F6 and carries on typing. Here the real command runs in a
tmux pane of 80x24 (a private tmux server) on a copy of each store: a new
``team-reflection`` session is started from home, F6 moves to step 2 (whose
first field is free text), and at once ``KEYS`` letters are sent ``GAP``
seconds apart. After a pause the app is quit with Ctrl+Q (which saves), and
the store is read back: every letter not in the new step's field was lost
(it went nowhere, or into the previous step's field).

Target: no key lost at any size. Needs tmux (the rows are left out without it).
Prints; asserts nothing.

    python tests/benchmarks/step_keys_bench.py [--sessions N] [--repeats R]
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

from common import KEYS_UNIT, Row, child_env, median

from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Store

KEYS = 60
GAP = 0.05  # seconds between keys
LETTER = "k"
TEMPLATE = "team-reflection"
NEW_FIELD = "what-happened"  # the first field of step 2
OLD_FIELD = "focus"  # the first field of step 1
WAIT_SECONDS = 90.0
NOW = datetime(2026, 3, 2, 9, 30)


class Pane:
    """One tmux pane running ``reflect`` on a private server (removed at the end)."""

    def __init__(self, data_dir: Path) -> None:
        self.server = f"reflect-bench-{os.getpid()}"
        env = child_env()
        command = " ".join(
            [
                "exec env",
                *(shlex.quote(f"{k}={v}") for k, v in env.items() if k.isidentifier()),
                shlex.quote(sys.executable),
                "-c",
                shlex.quote("import sys; from reflect_tui.cli import main; sys.exit(main())"),
                "--data",
                shlex.quote(str(data_dir)),
            ]
        )
        self.tmux("new-session", "-d", "-s", "bench", "-x", "80", "-y", "24", command)

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.server, *args], capture_output=True, text=True, check=False
        )
        return done.stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "bench")

    def wait_for(self, text: str) -> None:
        deadline = time.perf_counter() + WAIT_SECONDS
        while text not in self.screen():
            if time.perf_counter() > deadline:
                raise RuntimeError(f"{text!r} never showed; the screen was:\n{self.screen()}")
            time.sleep(0.05)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "bench", *(["-l"] if literal else []), *keys)

    def running(self) -> bool:
        return bool(self.tmux("list-panes", "-t", "bench", "-F", "#{pane_dead}").strip() == "0")

    def close(self) -> None:
        self.tmux("kill-server")


def one_run(source: Path, folder: Path) -> tuple[int, int]:
    """(letters in the new field, letters in the old field) for one run on a copy of ``source``."""
    data = folder / "data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(source, data)
    with Store.open(data, FixedClock(NOW), read_only=True) as store:
        before = {s.id for s in store.list_sessions()}
    pane = Pane(data)
    try:
        pane.wait_for("Filter: type words")
        pane.keys("n")
        pane.wait_for("What kind of session?")
        pane.keys(TEMPLATE, literal=True)
        pane.keys("Enter")
        pane.wait_for("Ctrl+S")
        pane.keys("C-s")
        pane.wait_for("Step 1 of ")
        pane.keys("F6")
        began = time.perf_counter()
        for n in range(KEYS):  # one key every GAP seconds, from the moment F6 was sent
            delay = began + (n + 1) * GAP - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pane.keys(LETTER, literal=True)
        time.sleep(2.0)  # let the last keys be handled
        pane.keys("C-q")
        deadline = time.perf_counter() + WAIT_SECONDS
        while pane.running() and time.perf_counter() < deadline:
            time.sleep(0.1)
    finally:
        pane.close()
    with Store.open(data, FixedClock(NOW)) as store:
        new = [s for s in store.list_sessions() if s.id not in before]
        if len(new) != 1:
            raise RuntimeError(f"expected one new session, found {len(new)}")
        answers = store.get_session(new[0].id).answers
    got, stray = answers.get(NEW_FIELD), answers.get(OLD_FIELD)
    return (
        got.count(LETTER) if isinstance(got, str) else 0,
        stray.count(LETTER) if isinstance(stray, str) else 0,
    )


def measure(stores: dict[int, Path], repeats: int) -> list[Row]:
    if shutil.which("tmux") is None:
        print("[step_keys_bench] tmux not found: keys after F6 not measured", file=sys.stderr)
        return []
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="reflect-keys-") as tmp:
        for sessions, data_dir in sorted(stores.items()):
            runs = [one_run(data_dir, Path(tmp)) for _ in range(max(1, repeats))]
            lost = [KEYS - reached for reached, _ in runs]
            rows.append(
                Row(
                    f"keys lost after F6 (of {KEYS}, {GAP * 1000:.0f} ms apart)",
                    sessions,
                    float(median(lost)),
                    reference="keys typed",
                    ref_value=float(KEYS),
                    target=0.0,
                    unit=KEYS_UNIT,
                    note=(
                        f"real process in tmux; per run lost {lost}, of them in step 1's "
                        f"field {[stray for _, stray in runs]}"
                    ),
                )
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    from common import standalone

    return standalone(__doc__, measure, 5000, 3, argv)


if __name__ == "__main__":
    sys.exit(main())
