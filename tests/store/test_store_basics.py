"""The repository API: what a user's saves, lists and settings look like afterwards."""

from __future__ import annotations

import json
import os
import stat
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from store_samples import NOW, OsProxy, add_learning, make_session, with_action

from reflect_tui.domain.answers import ActionStatus
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session, Status
from reflect_tui.store import STORE_NAME, Store, StoreError, StoreReadOnly, files


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_store_is_created_owner_only(data_dir: Path, clock: FixedClock) -> None:
    with Store.open(data_dir, clock) as store:
        assert store.path == data_dir / STORE_NAME
        assert store.list_sessions() == []
    assert mode(data_dir) == 0o700
    assert mode(data_dir / STORE_NAME) == 0o600


def test_a_saved_session_comes_back_after_reopening(data_dir: Path, clock: FixedClock) -> None:
    session = make_session("Tuesday reflection", participants=["Sam", "Ali"], team="North")
    add_learning(session, "Ask for help earlier")
    clock.advance(60)
    with Store.open(data_dir, clock) as store:
        store.save_session(session)
    assert session.updated_at == NOW + timedelta(seconds=60)
    with Store.open(data_dir, clock) as store:
        loaded = store.get_session(session.id)
    assert loaded.to_dict() == session.to_dict()


def test_list_is_newest_first_with_summary_fields(data_dir: Path, clock: FixedClock) -> None:
    old = make_session("Old one", when=NOW - timedelta(days=30), facilitator="Jo")
    new = make_session("New one", team="North", subject="", participants=["Sam"])
    new.status = Status.COMPLETE
    new.current_step = 1
    with Store.open(data_dir, clock) as store:
        store.save_session(old)
        store.save_session(new)
        summaries = store.list_sessions()
    assert [s.title for s in summaries] == ["New one", "Old one"]
    first = summaries[0]
    assert (first.id, first.template_id, first.template_title) == (
        new.id,
        "team-check",
        "Team check-in",
    )
    assert (first.status, first.team, first.participants) == (Status.COMPLETE, "North", ("Sam",))
    assert (first.current_step, first.step_count, first.date) == (1, 2, NOW.date())
    assert summaries[1].facilitator == "Jo"


def test_home_lists_recent_sessions_and_drafts_newest_first(
    data_dir: Path, clock: FixedClock
) -> None:
    sessions = [make_session(f"S{n}", when=NOW - timedelta(days=n)) for n in range(5)]
    for n, session in enumerate(sessions):
        session.status = Status.DRAFT if n % 2 else Status.COMPLETE
    with Store.open(data_dir, clock) as store:
        store.save_sessions(sessions)
        recent = store.recent_sessions(3)
        drafts = store.draft_sessions()
        count = store.session_count()
        assert store.recent_sessions(0) == []
    assert [s.title for s in recent] == ["S0", "S1", "S2"]
    assert [s.title for s in drafts] == ["S1", "S3"]
    assert count == 5


def test_sessions_can_be_found_by_unique_prefix(data_dir: Path, clock: FixedClock) -> None:
    a, b = make_session("A"), make_session("B")
    a.id, b.id = "abc111", "abc222"
    with Store.open(data_dir, clock) as store:
        store.save_sessions([a, b])
        assert store.get_session("abc1").title == "A"
        with pytest.raises(StoreError, match="matches 2 sessions"):
            store.get_session("abc")
        with pytest.raises(StoreError, match="No session with id 'zzz'"):
            store.get_session("zzz")


def test_deleting_a_session_removes_it_and_its_actions(data_dir: Path, clock: FixedClock) -> None:
    keep, drop = make_session("Keep"), make_session("Drop")
    with_action(keep, "Book training")
    with_action(drop, "Call the landlord")
    with Store.open(data_dir, clock) as store:
        store.save_sessions([keep, drop])
        store.delete_session(drop.id)
    with Store.open(data_dir, clock) as store:
        assert [s.title for s in store.list_sessions()] == ["Keep"]
        assert [a.action.what for a in store.actions()] == ["Book training"]


def test_actions_table_follows_a_carried_forward_action(data_dir: Path, clock: FixedClock) -> None:
    first = make_session("March", when=NOW - timedelta(days=28))
    action = with_action(first, "Update the lone-working plan", action_id="act1")
    later = make_session("April")
    carried = with_action(later, action.what, action_id="act1")
    carried.status = ActionStatus.DONE
    carried.closed_in = later.id
    with Store.open(data_dir, clock) as store:
        store.save_session(first)
        store.save_session(later)
        store.save_session(first)  # re-saving the older session must not undo the newer state
        rows = store.actions()
        assert store.open_actions() == []
    assert len(rows) == 1
    row = rows[0]
    assert row.action.status is ActionStatus.DONE
    assert row.session_id == later.id
    assert set(row.seen_in) == {first.id, later.id}


def test_removing_an_action_from_its_current_session_falls_back(
    data_dir: Path, clock: FixedClock
) -> None:
    first = make_session("March", when=NOW - timedelta(days=28))
    with_action(first, "Plan", action_id="act1")
    later = make_session("April")
    with_action(later, "Plan (carried)", action_id="act1")
    with Store.open(data_dir, clock) as store:
        store.save_sessions([first, later])
        later.answers["actions"] = []
        store.save_session(later)
        (row,) = store.actions()
    assert (row.session_id, row.action.what, row.seen_in) == (first.id, "Plan", (first.id,))


def test_people_and_settings_round_trip(data_dir: Path, clock: FixedClock) -> None:
    sam = Person("Sam Smith", role="Probation Officer", team="North", facilitator=True)
    with Store.open(data_dir, clock) as store:
        store.save_person(sam)
        store.save_person(Person("Ali Khan"))
        store.set_setting("do_not_share", ["Ali Khan"])
        value = store.get_setting("do_not_share")
        value.append("changed after reading")  # the caller's copy, not the store's
        assert store.minutes_dir == data_dir / "minutes"
        store.set_setting("minutes_dir", str(data_dir / "out"))
    with Store.open(data_dir, clock) as store:
        assert [p.name for p in store.people()] == ["Ali Khan", "Sam Smith"]
        assert store.people()[1] == sam
        assert store.get_setting("do_not_share") == ["Ali Khan"]
        assert store.get_setting("missing", 5) == 5
        assert store.minutes_dir == data_dir / "out"
        store.delete_person(sam.id)
        assert [p.name for p in store.people()] == ["Ali Khan"]


def test_internal_settings_cannot_be_overwritten(data_dir: Path, clock: FixedClock) -> None:
    with Store.open(data_dir, clock) as store, pytest.raises(StoreError, match="kept by the store"):
        store.set_setting("schema_version", 99)


def test_a_second_opening_is_read_only_and_says_why(data_dir: Path, clock: FixedClock) -> None:
    with Store.open(data_dir, clock) as first:
        first.save_session(make_session("Saved by the first window"))
        second = Store.open(data_dir, clock)
        assert second.read_only
        assert "Another reflect window" in second.read_only_reason
        assert "read-only" in second.read_only_reason
        assert [s.title for s in second.list_sessions()] == ["Saved by the first window"]
        with pytest.raises(StoreReadOnly, match="Another reflect window"):
            second.save_session(make_session("Lost?"))
        second.close()
    with Store.open(data_dir, clock) as third:
        assert not third.read_only
        assert [s.title for s in third.list_sessions()] == ["Saved by the first window"]


def test_read_only_on_request_never_creates_anything(tmp_path: Path, clock: FixedClock) -> None:
    with Store.open(tmp_path / "nowhere", clock, read_only=True) as store:
        assert store.read_only and store.list_sessions() == []
    assert not (tmp_path / "nowhere").exists()


def test_backups_rotate_and_keep_the_newest_five(data_dir: Path, clock: FixedClock) -> None:
    for n in range(8):
        with Store.open(data_dir, clock) as store:
            store.save_session(make_session(f"Session {n}"))
    backups = sorted((data_dir / "backups").glob("reflect-*.json"))
    assert len(backups) == 5
    assert all(mode(p) == 0o600 for p in backups)
    # Beside each backup of reflect.json, its index as it was (only five kept too).
    assert [p.name for p in sorted((data_dir / "backups").glob("index-*"))] == [
        b.name.replace("reflect-", "index-").removesuffix(".json") for b in backups
    ]
    titles = sorted(str(s["title"]) for s in _sessions_in(backups[-1]))
    assert titles == [f"Session {n}" for n in range(7)]


def _sessions_in(path: Path) -> list[dict[str, object]]:
    """The sessions a backup of reflect.json knows (the summaries in its index)."""
    import json

    folder = path.with_name(path.name.replace("reflect-", "index-").removesuffix(".json"))
    found: list[dict[str, object]] = []
    for shard in sorted(folder.glob("*.json")):
        if shard.stem in ("home-facts", "home-actions"):  # the home facts, not a shard
            continue
        found.extend(e["summary"] for e in json.loads(shard.read_text())["entries"].values())
    return found


def test_stale_temp_files_are_removed_at_open(data_dir: Path, clock: FixedClock) -> None:
    with Store.open(data_dir, clock) as store:
        store.save_session(make_session())
    leftover = data_dir / f".{STORE_NAME}.tmp-999-deadbeef"
    leftover.write_bytes(b'{"half": ')
    with Store.open(data_dir, clock) as store:
        assert len(store.list_sessions()) == 1
    assert not leftover.exists()


def test_the_file_is_plain_tinydb(data_dir: Path, clock: FixedClock) -> None:
    from tinydb import TinyDB

    session = make_session()
    with Store.open(data_dir, clock) as store:
        store.save_session(session)
    db = TinyDB(data_dir / STORE_NAME, access_mode="r")
    assert [d["summary"]["title"] for d in db.table("home").all()] == [session.title]
    assert db.table("meta").get(doc_id=1) == {"key": "schema_version", "value": 2}
    db.close()
    # Each session is a plain JSON file of its own, exactly its record.
    record = json.loads((data_dir / "sessions" / f"{session.id}.json").read_text())
    assert record == Session.from_dict(record).to_dict() and record["title"] == session.title


class BlockingDisk(OsProxy):
    """The next write waits until released."""

    def __init__(self, real: object) -> None:
        super().__init__(real)
        self.entered = threading.Event()
        self.release = threading.Event()

    def write(self, fd: int, data: bytes) -> int:
        self.entered.set()
        assert self.release.wait(30)
        return self.real_write(fd, data)


def test_reading_never_waits_for_a_slow_disk(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_dir, clock) as store:
        store.save_session(make_session("Already there"))
        disk = BlockingDisk(os)
        monkeypatch.setattr(files, "os", disk)
        writer = threading.Thread(target=store.save_session, args=(make_session("Being written"),))
        writer.start()
        assert disk.entered.wait(30)
        # The save is stuck inside the disk write; the UI thread can still read.
        titles = [s.title for s in store.list_sessions()]
        assert store.get_setting("anything", "default") == "default"
        assert not disk.release.is_set()
        disk.release.set()
        writer.join()
        monkeypatch.undo()
        assert "Already there" in titles
    with Store.open(data_dir, clock) as store:
        assert {s.title for s in store.list_sessions()} == {"Already there", "Being written"}


def test_a_long_opening_keeps_taking_backups(
    data_dir: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect_tui.store import backups

    monkeypatch.setattr(backups, "BACKUP_EVERY", 0.0)  # as if half an hour passed each time
    with Store.open(data_dir, clock) as store:
        for n in range(4):
            store.save_session(make_session(f"Session {n}"))
        kept = sorted((data_dir / "backups").glob("reflect-*.json"))
        assert len(kept) == 4  # the new empty store, then after sessions 0, 1 and 2
        assert [len(_sessions_in(p)) for p in kept] == [0, 1, 2, 3]
        store.path.write_text("not ours and not JSON")  # someone else broke it
        store.save_session(make_session("Session 4"))
        assert sorted((data_dir / "backups").glob("reflect-*.json")) == kept
