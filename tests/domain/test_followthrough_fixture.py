"""A store written by the version before issue 12 still opens, and every session's minutes
are what that version rendered (``tests/fixtures/make_followthrough.py`` wrote both)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from reflect_tui.domain.clock import FixedClock
from reflect_tui.minutes import render_markdown
from reflect_tui.store import Store

FIXTURE = Path(__file__).parent.parent / "fixtures" / "store-v1-followthrough"
EXPECTED = FIXTURE / "expected-minutes"
IDS = sorted(p.stem for p in EXPECTED.glob("*.md"))


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    shutil.copy2(FIXTURE / "reflect.json", data / "reflect.json")
    return data


def test_the_fixture_holds_nine_sessions() -> None:
    assert len(IDS) == 9


@pytest.mark.parametrize("sid", IDS)
def test_minutes_of_an_old_record_are_unchanged(old_store: Path, sid: str) -> None:
    with Store.open(old_store, FixedClock(datetime(2026, 11, 20, 10)), read_only=True) as store:
        session = store.get_session(sid)
    expected = (EXPECTED / f"{sid}.md").read_text(encoding="utf-8")
    assert render_markdown(session, confirmed_confidential=True) == expected
