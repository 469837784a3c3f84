"""A store written by the version before issue 12 still opens, and every session's minutes
are what that version rendered (``tests/fixtures/make_followthrough.py`` wrote both)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from reflect_tui.domain import stored
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.decoding import DecodeError
from reflect_tui.domain.followup import LineOverride, Outcome
from reflect_tui.domain.session import Session
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


def _records() -> dict[str, dict[str, Any]]:  # json.loads: any JSON
    tables = json.loads((FIXTURE / "reflect.json").read_text(encoding="utf-8"))
    return {str(r["id"]): r for r in tables["sessions"].values()}


def test_the_old_records_have_no_format_marker_and_keep_follow_through_in_extra() -> None:
    records = _records()
    assert all(stored.FORMAT_KEY not in r and "extra" in r for r in records.values())
    keys = {k for r in records.values() for k in r["extra"]}
    assert keys == set(stored.FOLLOW_THROUGH_KEYS)  # every shape the fixture promises


def test_an_old_record_migrates_into_typed_fields() -> None:
    sessions = {sid: Session.from_dict(r) for sid, r in _records().items()}
    november = sessions["bbbb00000001"]
    assert [(c.id, c.outcome, c.note) for c in november.carried][:3] == [
        ("act000000001", Outcome.DONE, "Booked for the 20th"),
        ("act000000002", Outcome.CARRIED, "Needs a draft"),
        ("act000000003", Outcome.DROPPED, ""),
    ]
    assert any(c.confidential and c.disclosed for c in november.carried)
    assert [(v.field_id, v.votes_each) for v in november.room_votes] == [("went-well", 3)]
    october = sessions["aaaa00000001"]
    assert {f.in_session for f in october.followed_up} == {"bbbb00000001", ""}
    assert any(f.confidential and not f.note for f in october.followed_up)
    assert sessions["dddd00000002"].plan_id == "dddd00000001"
    decompression = sessions["eeee00000001"]
    assert decompression.line_manager_override == LineOverride(
        "No one else trained is free this month", "Alex Rowe", datetime(2026, 11, 14, 9, 30)
    )
    assert decompression.pending_text == {"next-session": {"date": "31/02/2027"}}
    supervision = sessions["ffff00000001"]
    assert [v.reopened_by for v in supervision.history] == ["Alex Rowe"]
    assert supervision.agreed is not None and supervision.agreed.agreed_by == "Bo Lind"


@pytest.mark.parametrize("sid", IDS)
def test_a_migrated_record_round_trips_and_renders_the_same(sid: str) -> None:
    old = _records()[sid]
    session = Session.from_dict(old)
    record = session.to_dict()
    assert record[stored.FORMAT_KEY] == stored.FORMAT and "extra" not in record
    again = Session.from_dict(json.loads(json.dumps(record)))
    assert again == session
    assert again.to_dict() == record
    expected = (EXPECTED / f"{sid}.md").read_text(encoding="utf-8")
    assert render_markdown(again, confirmed_confidential=True) == expected


def test_saving_an_old_store_writes_the_new_format_and_opens_again(old_store: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 20, 10))
    with Store.open(old_store, clock) as store:
        store.save_sessions(list(store.iter_sessions()))
    # Layout 2 (issue 16) keeps one file per session; each is written in record format 2.
    records = [
        json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((old_store / "sessions").glob("*.json"))
    ]
    assert len(records) == 9
    assert all(r[stored.FORMAT_KEY] == stored.FORMAT and "extra" not in r for r in records)
    with Store.open(old_store, clock, read_only=True) as store:
        for sid in IDS:
            expected = (EXPECTED / f"{sid}.md").read_text(encoding="utf-8")
            minutes = render_markdown(store.get_session(sid), confirmed_confidential=True)
            assert minutes == expected


def test_a_record_from_a_newer_format_is_refused_with_a_plain_reason() -> None:
    record = dict(_records()["aaaa00000001"])
    record[stored.FORMAT_KEY] = stored.FORMAT + 1
    with pytest.raises(DecodeError, match="newer reflect"):
        Session.from_dict(record)


def test_an_old_record_with_rows_its_version_skipped_still_opens() -> None:
    # The version before issue 12 read its ``extra`` leniently; so does the migration.
    record = dict(_records()["bbbb00000001"])
    extra = dict(record["extra"])
    kept = len(extra["carried"])
    extra["carried"] = [*extra["carried"], "not a row", {"what": "no id"}]
    extra["agreed"] = {"by": ""}
    extra["room_votes"] = "not a list"
    record["extra"] = extra
    session = Session.from_dict(record)
    assert len(session.carried) == kept
    assert session.agreed is None and session.room_votes == []


def test_a_new_record_with_a_bad_follow_through_row_names_the_field() -> None:
    record = dict(Session.from_dict(_records()["bbbb00000001"]).to_dict())
    record["carried"] = [{"what": "no id"}]
    with pytest.raises(DecodeError, match=r"carried\[0\]\.id"):
        Session.from_dict(record)
