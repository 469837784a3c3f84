"""Opening the app to home loads only what home needs (issue 16: start-up).

A person runs ``reflect --data DIR``; the app opens on home and settles. Everything
else — the session model itself (home reads summaries and facts), the thematic
report, minutes and their Markdown parser, the room and its web server, encryption,
the calendar export, the sub-commands, the other screens and dialogs, backups
restore and the autosave worker — is imported when first used, so it costs nothing
at start. This is checked on the real command in a fresh process, by the modules
loaded once home is idle: a behaviour, not a timing (the timing is printed by
tests/benchmarks/memory_bench.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pytest

from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Store
from reflect_tui.store.demo import load_demo
from reflect_tui.templates import TemplateLibrary

# The real `reflect` (cli.main) on argv[1], headless at 80x24; once home is idle it
# prints the screen's name, every imported module and whether the garbage collector
# runs, then quits.
START_TO_HOME = textwrap.dedent(
    """
    import gc, json, os, sys
    import reflect_tui.ui.app as ui_app

    async def ready(pilot):
        await pilot.pause()
        await pilot.pause()
        seen = {
            "screen": type(pilot.app.screen).__name__,
            "modules": sorted(sys.modules),
            "collecting": gc.isenabled(),
        }
        os.write(1, (json.dumps(seen) + "\\n").encode())
        pilot.app.exit()

    run = ui_app.ReflectApp.run

    def headless(self, *args, **kwargs):
        return run(self, headless=True, size=(80, 24), auto_pilot=ready)

    ui_app.ReflectApp.run = headless
    from reflect_tui.cli import main
    sys.exit(main(["--data", sys.argv[1]]))
    """
)

# Packages and modules home never needs (prefixes: a package and all it holds).
NOT_AT_START = (
    # the session model: home reads summaries and facts, written in domain.kinds' words
    "reflect_tui.domain.session",
    "reflect_tui.domain.answers",
    "reflect_tui.domain.template",
    "reflect_tui.domain.stored",
    "reflect_tui.domain.followup",
    "reflect_tui.domain.history",
    "reflect_tui.domain.votes",
    "reflect_tui.domain.scrub",
    "reflect_tui.store.actions",
    # the core's other operations
    "reflect_tui.report",
    "reflect_tui.minutes",
    "reflect_tui.room",
    "reflect_tui.calendar",
    "reflect_tui.search",
    "reflect_tui.templates",  # the library is parsed on first use (no user folder here)
    "reflect_tui.crashreport",
    "reflect_tui.os_keyring",
    "reflect_tui.services.sessions",
    "reflect_tui.services.export",
    "reflect_tui.services.search",
    "reflect_tui.services.reports",
    "reflect_tui.services.carry",
    "reflect_tui.dataprotection.subject_access",
    "reflect_tui.dataprotection.forget",
    "reflect_tui.dataprotection.history",
    "reflect_tui.store.recovery",
    "reflect_tui.store.autosave",
    "reflect_tui.store.crypto",
    "reflect_tui.store.encrypt_folder",
    "reflect_tui.store.demo",
    # the sub-commands (only their shared options are needed to open the app)
    *(
        f"reflect_tui.commands.{name}"
        for name in ("templates", "export", "store", "report", "people", "actions", "due")
    ),
    *(
        f"reflect_tui.commands.{name}"
        for name in ("calendar", "search", "shell", "privacy", "erasure", "person")
    ),
    *(f"reflect_tui.commands.{name}" for name in ("retention", "encryption", "verify", "crash")),
    # other screens, dialogs and flows than home's
    "reflect_tui.ui.screens.runner",
    "reflect_tui.ui.screens.record",
    "reflect_tui.ui.screens.finish",
    "reflect_tui.ui.screens.new_session",
    "reflect_tui.ui.screens.help",
    "reflect_tui.ui.screens.unlock",
    "reflect_tui.ui.screens.report",
    "reflect_tui.ui.dialogs",
    "reflect_tui.ui.widgets.fields",
    "reflect_tui.ui.keyring_link",
    "reflect_tui.ui.recovery",
    "reflect_tui.ui.flows.export_flow",
    "reflect_tui.ui.flows.calendar_export",
    # third-party libraries only those need
    "markdown_it",
    "mdit_py_plugins",
    "cryptography",
    "aiohttp",
    "segno",
    "keyring",
    "shtab",
)


def imported_at_home(data: Path, tmp_path: Path) -> tuple[str, set[str], bool]:
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("REFLECT_")}
    env["HOME"] = str(home)  # no per-user template folder, no real user data
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env["TERM"] = "xterm-256color"
    result = subprocess.run(
        [sys.executable, "-c", START_TO_HOME, str(data)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    return str(seen["screen"]), set(seen["modules"]), bool(seen["collecting"])


def loaded_too_early(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == p or m.startswith(f"{p}.") for p in NOT_AT_START))


def with_demo(data: Path) -> None:
    clock = FixedClock(datetime(2026, 3, 2, 9, 30))
    with Store.open(data, clock) as store:
        load_demo(store, TemplateLibrary.from_dirs([]), clock)


@pytest.mark.parametrize("filled", [False, True], ids=["first run", "demo data"])
def test_opening_the_app_to_home_loads_only_what_home_needs(tmp_path: Path, filled: bool) -> None:
    data = tmp_path / "data"
    if filled:
        with_demo(data)
    screen, modules, collecting = imported_at_home(data, tmp_path)
    assert screen == "HomeScreen"
    # The garbage collector, held back while the first frame was built, runs again.
    assert collecting
    assert "reflect_tui.ui.screens.home" in modules  # the probe saw the real start
    assert "reflect_tui.store.repository" in modules
    assert loaded_too_early(modules) == []


def test_the_probe_sees_a_module_loaded_later() -> None:
    # The check is not vacuous: a module from the list is recognised, package or not.
    assert loaded_too_early({"reflect_tui.report.build", "markdown_it", "reflect_tui"}) == [
        "markdown_it",
        "reflect_tui.report.build",
    ]
