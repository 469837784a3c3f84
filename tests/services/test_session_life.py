"""Start, complete, reopen, sign off, discard: what a person sees in the store afterwards."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from services_samples import NOW, TODAY, disk_full, library, open_store, team_session

from reflect_tui.dataprotection import history
from reflect_tui.domain.session import Session, Status
from reflect_tui.services import sessions
from reflect_tui.services.errors import NotSaved
from reflect_tui.store import audit


def test_a_started_session_is_listed_as_a_draft(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        s = team_session(TODAY, title="North, November")
        sessions.start(store, s)
        assert [(x.title, x.status) for x in store.list_sessions()] == [
            ("North, November", Status.DRAFT)
        ]


def test_completing_saves_the_finish_time_and_the_minutes(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        s = team_session(TODAY, focus="The late visit")
        sessions.start(store, s)
        done = sessions.complete(store, s, NOW)
        stored = store.get_session(s.id)
        minutes = list(store.minutes_dir.iterdir())
    assert (stored.status, stored.finished_at) == (Status.COMPLETE, NOW)
    assert done.minutes_path is not None and [done.minutes_path] == minutes
    assert done.message() == f"Session complete. Minutes saved to {done.minutes_path}"


def test_completing_on_a_full_disk_leaves_a_draft_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(tmp_path) as store:
        s = team_session(TODAY)
        sessions.start(store, s)
        before = s.to_dict()
        with disk_full(monkeypatch), pytest.raises(NotSaved, match="No space left"):
            sessions.complete(store, s, NOW + timedelta(hours=1))
        assert s.to_dict() == before  # the screen still holds a draft, as on disk
        assert (s.status, s.finished_at) == (Status.DRAFT, None)
        assert store.get_session(s.id).status is Status.DRAFT


def _finished(store_session: Session) -> datetime:
    assert store_session.finished_at is not None
    return store_session.finished_at


def test_reopening_keeps_the_original_finish_time_in_the_history(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        s = team_session(date(2026, 11, 2), complete=True)
        first = _finished(s)
        sessions.start(store, s)
        result = sessions.reopen(store, s, NOW, "facilitator")
        stored = store.get_session(s.id)
        assert result.audit_problem is None
        assert (stored.status, stored.finished_at) == (Status.DRAFT, None)
        assert history.first_finished(stored) == first
        sessions.complete(store, stored, NOW + timedelta(hours=2))
        again = store.get_session(s.id)
        events = [e.event for e in audit.read(store.data_dir, store.codec)]
    assert again.finished_at == NOW + timedelta(hours=2)
    assert history.first_finished(again) == first  # never lost across a second finish
    assert "reopen" in events


def test_reopening_on_a_full_disk_leaves_the_record_exactly_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(tmp_path) as store:
        s = team_session(date(2026, 11, 2), complete=True)
        sessions.start(store, s)
        s = store.get_session(s.id)
        before = s.to_dict()
        with disk_full(monkeypatch), pytest.raises(NotSaved) as failed:
            sessions.reopen(store, s, NOW, "facilitator")
        assert "No space left" in str(failed.value)
        assert s.to_dict() == before  # status, finish time, history and updated_at
        assert s.finished_at == datetime.combine(date(2026, 11, 2), time(11, 0))
        assert store.get_session(s.id).to_dict() == before
        assert "reopen" not in [e.event for e in audit.read(store.data_dir, store.codec)]


def test_a_sign_off_without_a_name_changes_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        s = team_session(date(2026, 11, 2), complete=True)
        sessions.start(store, s)
        before = s.to_dict()
        with pytest.raises(NotSaved, match="Say who agreed"):
            sessions.sign_off(store, s, "  ", NOW, "fine")
        assert s.to_dict() == before
        sessions.sign_off(store, s, "Bo Lind", NOW, "Agreed in supervision")
        agreed = history.signed_off(store.get_session(s.id))
    assert agreed is not None and (agreed.agreed_by, agreed.at) == ("Bo Lind", NOW)


def test_a_debrief_is_started_from_a_finished_plan(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        plan = Session.start(
            library().get("pre-visit-risk"), "Visit to Elm Road", NOW, subject="Bo Lind"
        )
        plan.status = Status.COMPLETE
        sessions.start(store, plan)
        debrief = sessions.start_debrief(store, library(), plan, NOW)
        assert store.get_session(debrief.id).template.id == "post-visit-debrief"
        assert debrief.status is Status.DRAFT


def test_a_discarded_draft_leaves_every_list_until_its_day_in_the_bin(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        s = team_session(TODAY, title="Started by mistake")
        sessions.start(store, s)
        gone = sessions.move_to_bin(store, s.id)
        assert store.list_sessions() == []
        assert gone.erased_on == sessions.bin_erase_day(store, NOW)
        assert gone.erased_on > TODAY
        kept = team_session(TODAY, title="Kept")
        sessions.start(store, kept)
        report = sessions.erase_for_good(store, [kept.id])
        assert report.erased == [kept.id]
        assert store.list_sessions() == []
