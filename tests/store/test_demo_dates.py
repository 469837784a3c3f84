"""Sample data whose dates make sense, and `demo --sessions N` adding exactly N."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from reflect_tui import cli
from reflect_tui.domain.answers import Value
from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Store
from reflect_tui.store.demo import load_demo
from reflect_tui.templates import TemplateLibrary

LOOKING_FORWARD = ("next-session", "review-date", "expected-finish")


def day_of(value: Value) -> date:
    assert isinstance(value, str), value  # a DATETIME answer
    return datetime.fromisoformat(value).date()


def test_every_next_session_comes_after_its_session_and_incidents_before_review(
    tmp_path: Path,
) -> None:
    with Store.open(tmp_path / "data", FixedClock(datetime(2026, 3, 2, 9))) as store:
        load_demo(store, TemplateLibrary.from_dirs([]), FixedClock(datetime(2026, 3, 2, 9)))
        sessions = list(store.iter_sessions())
    assert len(sessions) > 40
    checked = 0
    for s in sessions:
        for field_id in LOOKING_FORWARD:
            value = s.answers.get(field_id)
            if value:
                assert day_of(value) >= s.date, (s.title, field_id, value, s.date)
                checked += 1
        incident = s.answers.get("incident-when")
        if incident:
            assert day_of(incident) <= s.date, (s.title, incident, s.date)
            checked += 1
        if s.template.id == "post-visit-debrief" and s.answers.get("visit-when"):
            assert day_of(s.answers["visit-when"]) <= s.date
    assert checked > 20


def test_demo_sessions_n_adds_exactly_n(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    assert cli.main(["demo", "--data", str(data), "--sessions", "5"]) == 0
    assert "Added 5 sample sessions" in capsys.readouterr().out
    with Store.open(data, read_only=True) as store:
        assert len(store.list_sessions()) == 5
