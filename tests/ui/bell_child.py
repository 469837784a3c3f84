"""Child process for the bell test: the real app on a real terminal (a pty) whose
first step's timebox ends while it runs.

Usage: python bell_child.py DATA_DIR on|off. Opens a draft of a team reflection
(step 1: 5 minutes), moves the injected clock past the timebox, lets the runner's
clock tick twice, then quits. The parent reads every byte the app wrote.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from harness import build_app, new_clock

from reflect_tui.domain.session import Session
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.screens.runner import TIME_SIGNAL_SETTING, RunnerScreen


def main(data: Path, signal: str) -> int:
    template = TemplateLibrary.from_dirs([]).get("team-reflection")
    session = Session.start(template, "Timed", new_clock().now(), team="North")
    with Store.open(data, new_clock()) as store:
        store.save_session(session)
        store.set_setting(TIME_SIGNAL_SETTING, signal == "on")
    clock = new_clock()
    app = build_app(data, clock)
    runner = RunnerScreen(session)

    def time_passes() -> None:
        clock.advance(6 * 60)  # past step 1's 5 minutes
        runner.tick()
        runner.tick()  # once, not on every tick

    def start() -> None:
        app.push_screen(runner)
        app.set_timer(0.6, time_passes)
        app.set_timer(1.6, lambda: app.exit(0))

    app.call_later(start)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2]))
