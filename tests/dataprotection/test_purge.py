"""Deleting and purging a session: the bin, then no trace of it in any file, ever again."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from dp_samples import audit_bytes, files_holding
from followup_samples import open_store, saved, session

from reflect_tui.dataprotection import erase
from reflect_tui.domain.answers import ActionItem
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.followup import Outcome
from reflect_tui.followup.carry import refresh_carried
from reflect_tui.followup.status import apply_outcome
from reflect_tui.minutes import export_session, save_minutes_on_finish
from reflect_tui.store import Store, StoreError, erasure, restore
from reflect_tui.store.backups import list_backups

CANARY = b"CANARY-PURGED"


def build(tmp_path: Path) -> tuple[Path, str, str]:
    """A store with session A (to purge) and its copies everywhere reflect keeps copies.

    Returns the data folder, A's id and the id of the later session that carried A's action.
    """
    data_dir = tmp_path / "data"
    with open_store(tmp_path) as store:
        a = session(
            "team-reflection",
            date(2026, 10, 1),
            team="North",
            title="North October CANARY-PURGED title",
            actions=(ActionItem(what="Phone the CANARY-PURGED landlord", owner="Bo Lind"),),
            answers={"what-happened": "The CANARY-PURGED story"},
        )
        other = session(
            "team-reflection",
            date(2026, 10, 2),
            team="South",
            answers={"what-happened": "A story that stays CANARY-KEPT"},
        )
        saved(store, a, other)
        later = session("team-reflection", date(2026, 11, 1), team="North")
        refresh_carried(store, later)
        apply_outcome(
            store, later, a.actions()[0].id, Outcome.CARRIED, today=date(2026, 11, 1), note="ok"
        )
        later.answers["actions"] = [ActionItem.from_json(a.actions()[0].to_json())]
        saved(store, later)
        for s in (store.get_session(a.id), store.get_session(later.id)):
            save_minutes_on_finish(store, s)
        export_session(store.get_session(a.id), store.minutes_dir, fmt="html")
    for _ in range(3):  # three more openings that write: three backups holding A
        with Store.open(data_dir) as store:
            store.set_setting("touched", True)
    restore(data_dir, 2)  # leaves reflect.before-restore-*.json, a copy holding A
    return data_dir, a.id, later.id


def test_a_purged_session_leaves_no_byte_in_any_file_and_copies_become_a_neutral_note(
    tmp_path: Path,
) -> None:
    data_dir, a_id, later_id = build(tmp_path)
    with Store.open(data_dir, FixedClock(datetime(2026, 11, 20, 10))) as store:
        draft = session("team-reflection", date(2026, 11, 19), team="North", complete=False)
        refresh_carried(store, draft)  # an autosaved draft that carried A's action too
        store._journal_write(draft)
        assert len(files_holding(data_dir, CANARY)) >= 8  # store, backups, aside, journal, minutes
        report = erase.purge(store, [a_id[:6]])
        assert report.erased == [a_id]
        assert files_holding(data_dir, CANARY) == []
        assert not store.has_session(a_id)
        later = store.get_session(later_id)
        assert [c.what for c in later.carried] == [erasure.NEUTRAL_ACTION]
        assert [a.what for a in later.actions()] == [erasure.NEUTRAL_ACTION]
        assert files_holding(data_dir, b"CANARY-KEPT")  # the rest is untouched
        again = session("team-reflection", date(2026, 10, 1), team="North")
        again.id = a_id
        with pytest.raises(StoreError, match="erased for good"):
            store.save_session(again)
    # The later session's minutes were written again from the scrubbed record.
    assert any(later_id.encode() in p.read_bytes() for p in (data_dir / "minutes").iterdir())
    assert b"purge" in audit_bytes(data_dir) and CANARY not in audit_bytes(data_dir)


def test_no_restore_brings_a_purged_session_back(tmp_path: Path) -> None:
    data_dir, a_id, _ = build(tmp_path)
    with Store.open(data_dir) as store:
        erase.purge(store, [a_id])
    for n in range(1, len(list_backups(data_dir)) + 1):
        restore(data_dir, n)
        with Store.open(data_dir) as store:
            assert not store.has_session(a_id), f"backup {n}"
        assert files_holding(data_dir, CANARY) == [], f"backup {n}"


def test_restore_strips_a_purged_session_even_from_a_backup_the_purge_missed(
    tmp_path: Path,
) -> None:
    data_dir, a_id, _ = build(tmp_path)
    stale = list_backups(data_dir)[-1].read_bytes()
    with Store.open(data_dir) as store:
        erase.purge(store, [a_id])
    list_backups(data_dir)[-1].write_bytes(stale)  # as if copied back in by hand
    restore(data_dir, len(list_backups(data_dir)))
    with Store.open(data_dir) as store:
        assert not store.has_session(a_id)
    assert CANARY not in (data_dir / "reflect.json").read_bytes()


def test_delete_moves_to_the_bin_which_can_give_it_back_until_it_expires(tmp_path: Path) -> None:
    day = datetime.combine(date(2026, 11, 20), time(10))
    with open_store(tmp_path) as store:
        draft = session("team-reflection", date(2026, 11, 20), team="North", complete=False)
        draft.answers["what-happened"] = "stray draft CANARY-PURGED"
        saved(store, draft)
        entry = erase.delete(store, draft.id)
        assert entry.title == draft.title and not store.has_session(draft.id)
        assert [e.id for e in erasure.bin_entries(store)] == [draft.id]
        erase.restore_from_bin(store, draft.id[:5])
        assert store.has_session(draft.id) and erasure.bin_entries(store) == []
        erase.delete(store, draft.id)
        assert erase.purge_expired(store) is None  # not due yet
    later = FixedClock(day + timedelta(days=erasure.DEFAULT_BIN_DAYS))
    with Store.open(tmp_path / "data", later) as store:
        report = erase.purge_expired(store)
        assert report is not None and report.erased == [draft.id]
        assert erasure.bin_entries(store) == []
    assert files_holding(tmp_path / "data", CANARY) == []
    log = audit_bytes(tmp_path / "data")
    assert log.count(b'"delete"') == 2 and b'"bin-restore"' in log and b'"purge"' in log


def test_an_interrupted_purge_is_finished_at_the_next_chance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir, a_id, _ = build(tmp_path)
    with Store.open(data_dir) as store:
        monkeypatch.setattr(erasure, "_clean_copies", lambda *_: None)  # a crash here
        erase.purge(store, [a_id])
        monkeypatch.undo()
    assert files_holding(data_dir, CANARY)  # backups and minutes still hold it
    with Store.open(data_dir) as store:
        assert not store.has_session(a_id)
        assert erase.purge_expired(store) is not None
    assert files_holding(data_dir, CANARY) == []


def test_a_binned_draft_is_neither_saved_nor_replayed_behind_the_bin(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        draft = session("team-reflection", date(2026, 11, 20), team="North", complete=False)
        saved(store, draft)
        erase.delete(store, draft.id)
        with pytest.raises(StoreError, match="in the bin"):
            store.save_session(draft)
        with pytest.raises(StoreError, match="in the bin"):
            store._journal_write(draft)
        store._journal.write(draft.to_dict(), store._journal.next_seq())  # a late autosave
    with Store.open(tmp_path / "data") as store:
        assert not store.has_session(draft.id)
        assert [e.id for e in erasure.bin_entries(store)] == [draft.id]
        assert not store._journal.path_for(draft.id).exists()
