"""Shared set-up for the app's Pilot and snapshot tests.

Every app is built with ``make_app`` on a temporary data dir and a FixedClock,
with animations and cursor blink off, so tests never see the real user data
and screenshots never depend on the time of day.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reflect_tui.domain.clock import FixedClock
from reflect_tui.ui.app import ReflectApp, make_app

START = datetime(2026, 3, 2, 9, 30)


def new_clock() -> FixedClock:
    return FixedClock(START)


def build_app(data_dir: Path, clock: FixedClock | None = None, **options: object) -> ReflectApp:
    return make_app(data_dir, clock or new_clock(), animations=False, **options)  # type: ignore[arg-type]


def isolate_home(monkeypatch: object, root: Path) -> Path:
    """Point HOME and the XDG folders at ``root`` so nothing real can be touched."""
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    home = root / "home"
    home.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    for name in ("REFLECT_DATA", "REFLECT_TEMPLATES"):
        monkeypatch.delenv(name, raising=False)
    return home
