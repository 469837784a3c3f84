"""Layout 2: a folder written by the single-file version migrates, and its index is never trusted.

The fixtures under tests/fixtures/ were written by the schema-1 code
(tests/fixtures/make_v1.py). Every test works on a copy.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from reflect_tui import cli
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.session import Session, Status
from reflect_tui.store import STORE_NAME, Store, StoreDamaged, StoreError, layout, restore
from reflect_tui.store.unlock import MAGIC

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PASSPHRASE = "fixture-v1 passphrase: not a secret"  # tests/fixtures/README.md
JOURNAL_TITLE = "Draft edited after its last save (journal only)"
CLOCK = FixedClock(datetime(2026, 3, 2, 9, 30))


def copy_of(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    target.chmod(0o700)
    for path in target.rglob("*"):
        path.chmod(0o700 if path.is_dir() else 0o600)
    return target


def v1_records(folder: Path, unlock: str | None) -> dict[str, dict[str, object]]:
    """The sessions as the version-1 file holds them (read with the old layout's reader)."""
    from reflect_tui.store import backups
    from reflect_tui.store.files import FileBlob, with_role
    from reflect_tui.store.unlock import codec_for_folder

    codec = with_role(codec_for_folder(folder, unlock, folder / STORE_NAME), "store")
    tables, problem = backups.parse(FileBlob(folder / STORE_NAME, codec).read() or b"")
    assert tables is not None, problem
    return {str(r["id"]): r for r in tables["sessions"].values()}


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith("reflect.lock")
    }


@pytest.mark.parametrize("name", ["store-v1-demo", "store-v1-encrypted"])
def test_a_version_1_folder_migrates_and_every_session_round_trips(
    name: str, tmp_path: Path
) -> None:
    unlock = PASSPHRASE if "encrypted" in name else None
    folder = copy_of(name, tmp_path)
    old = v1_records(folder, unlock)
    original = (folder / STORE_NAME).read_bytes()
    # A read-only opening migrates in memory only: nothing in the folder changes.
    before = folder_bytes(folder)
    with Store.open(folder, CLOCK, read_only=True, unlock=unlock) as viewer:
        assert viewer.session_count() == len(old)
        assert {s.id for s in viewer.list_sessions()} == set(old)
    assert folder_bytes(folder) == before
    with Store.open(folder, CLOCK, unlock=unlock) as store:
        assert store.schema_version == 2
        assert store.session_count() == len(old) == 25
        people = store.people()
        for sid, record in old.items():
            session = store.get_session(sid)
            if session.title == JOURNAL_TITLE:
                continue  # the journal left behind was replayed over it
            assert session.to_dict() == Session.from_dict(dict(record)).to_dict()
        assert any(s.title == JOURNAL_TITLE for s in store.list_sessions())
        themes = store.get_setting("themes")
    # The version-1 file was kept as a backup before anything was written.
    kept = sorted((folder / "backups").glob("reflect-*.json"))
    assert original in [p.read_bytes() for p in kept]
    assert (folder / "sessions").is_dir() and len(list((folder / "sessions").iterdir())) == 25
    # Reopened: the same data, from the new files.
    with Store.open(folder, CLOCK, unlock=unlock) as again:
        assert again.session_count() == 25 and again.people() == people
        assert again.get_setting("themes") == themes
        assert again.verify() == []


def test_an_encrypted_folder_stays_encrypted_after_migration(tmp_path: Path) -> None:
    folder = copy_of("store-v1-encrypted", tmp_path)
    with Store.open(folder, CLOCK, unlock=PASSPHRASE) as store:
        words = {s.title for s in store.list_sessions()} | {p.name for p in store.people()}
    assert len(words) > 20
    for path in folder.rglob("*"):
        skip = path.name.startswith("reflect.lock") or path.name == "reflect.keys"
        if not path.is_file() or skip:
            continue
        data = path.read_bytes()
        assert data.startswith(MAGIC), path
        for word in words:
            assert word.encode() not in data, (path, word)


@pytest.mark.parametrize("name", ["store-v1-demo", "store-v1-encrypted"])
def test_the_pre_migration_backup_can_be_restored(name: str, tmp_path: Path) -> None:
    unlock = PASSPHRASE if "encrypted" in name else None
    folder = copy_of(name, tmp_path)
    original = (folder / STORE_NAME).read_bytes()
    with Store.open(folder, CLOCK, unlock=unlock) as store:
        sid = store.list_sessions()[0].id
        store.delete_session(sid)  # a change after the migration
    number = next(
        n
        for n, p in enumerate(sorted((folder / "backups").glob("reflect-*.json"), reverse=True), 1)
        if p.read_bytes() == original
    )
    restore(folder, number, CLOCK, unlock=unlock)
    assert (folder / STORE_NAME).read_bytes() == original
    with Store.open(folder, CLOCK, unlock=unlock) as store:  # migrated again
        assert store.session_count() == 25 and store.has_session(sid)
        assert store.verify() == []


# ------------------------------------------------------------------- the index


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = copy_of("store-v1-demo", tmp_path)
    for _ in range(2):  # migrated, journal replayed; then its fold mark is pruned
        with Store.open(made, CLOCK):
            pass
    return made


def a_shard(folder: Path) -> Path:
    return sorted((folder / "index").glob("[0-9a-f][0-9a-f].json"))[0]


def listing(folder: Path, *, read_only: bool = True) -> tuple[list[str], list[str]]:
    with Store.open(folder, CLOCK, read_only=read_only) as store:
        return [s.title for s in store.list_sessions()], list(store.warnings)


def expected(folder: Path) -> list[str]:
    with Store.open(folder, CLOCK, read_only=True) as store:
        return [s.title for s in store.list_sessions()]


@pytest.mark.parametrize(
    "damage, words",
    [
        ("delete", "is missing"),
        ("truncate", "does not match"),
        ("edit", "does not match"),
        ("garbage", "does not match"),
    ],
)
def test_a_damaged_or_missing_index_shard_is_rebuilt_from_the_session_files(
    folder: Path, damage: str, words: str
) -> None:
    titles = expected(folder)
    shard = a_shard(folder)
    data = shard.read_bytes()
    if damage == "delete":
        shard.unlink()
    elif damage == "truncate":
        shard.write_bytes(data[: len(data) // 2])
    elif damage == "edit":
        shard.write_bytes(data.replace(b'"title":"', b'"title":"X', 1))
    else:
        shard.write_bytes(b"\x00garbage")
    before = folder_bytes(folder)
    seen, warnings = listing(folder)
    assert seen == titles
    assert any(str(shard) in w and words in w and "rebuilt" in w for w in warnings)
    assert folder_bytes(folder) == before  # a reader repairs in memory only
    # A writer that meets it saves the rebuilt shard with its next change; then all is quiet.
    with Store.open(folder, CLOCK) as store:
        assert [s.title for s in store.list_sessions()] == titles
        store.set_setting("shared_screen", True)
    assert listing(folder) == (titles, [])


def test_a_shard_from_another_folder_is_not_trusted(folder: Path, tmp_path: Path) -> None:
    other = copy_of("store-v1-demo", tmp_path / "other")
    with Store.open(other, CLOCK) as store:
        store.save_session(store.get_session(store.list_sessions()[0].id))
    titles = expected(folder)
    name = a_shard(folder).name
    shutil.copyfile(other / "index" / name, folder / "index" / name)
    seen, warnings = listing(folder)
    assert seen == titles and any("rebuilt" in w for w in warnings)


def test_a_shard_of_another_generation_is_not_trusted(folder: Path) -> None:
    shard = a_shard(folder)
    stale = shard.read_bytes()
    with Store.open(folder, CLOCK) as store:
        sid = next(s.id for s in store.list_sessions() if layout.shard_of(s.id) == shard.stem)
        session = store.get_session(sid)
        session.title = "Renamed after the copy"
        store.save_session(session)
    shard.write_bytes(stale)  # an old copy of the shard put back (a sync tool, a restore by hand)
    seen, warnings = listing(folder)
    assert "Renamed after the copy" in seen and any("rebuilt" in w for w in warnings)


def test_a_stray_shard_not_in_the_manifest_is_ignored_and_rebuilt(folder: Path) -> None:
    titles = expected(folder)
    (folder / "index" / "zz.json").write_bytes(a_shard(folder).read_bytes())
    seen, warnings = listing(folder)
    assert seen == titles and any("zz.json" in w for w in warnings)


def test_a_session_file_edited_by_hand_is_validated_and_the_index_follows(folder: Path) -> None:
    with Store.open(folder, CLOCK, read_only=True) as store:
        summary = store.list_sessions()[3]
    path = folder / "sessions" / f"{summary.id}.json"
    record = json.loads(path.read_text())
    record["title"] = "Retitled in an editor"
    path.write_text(json.dumps(record))
    with Store.open(folder, CLOCK) as store:
        assert store.get_session(summary.id).title == "Retitled in an editor"
        assert any("changed outside reflect" in w for w in store.warnings)
        assert "Retitled in an editor" in [s.title for s in store.list_sessions()]
        store.set_setting("shared_screen", False)  # the next change saves the index
    assert "Retitled in an editor" in expected(folder)


def test_a_session_file_damaged_by_hand_is_refused_before_anything_is_written(
    folder: Path,
) -> None:
    with Store.open(folder, CLOCK, read_only=True) as store:
        summary = store.list_sessions()[2]
    path = folder / "sessions" / f"{summary.id}.json"
    record = json.loads(path.read_text())
    record["status"] = "half-finished"
    path.write_text(json.dumps(record))
    before = folder_bytes(folder)
    with Store.open(folder, CLOCK) as store:
        with pytest.raises(StoreDamaged, match=r"field status .* Nothing has been written"):
            store.get_session(summary.id)
        problems = store.verify()
    assert folder_bytes(folder) == before
    assert len(problems) == 1 and str(path) in problems[0] and "reflect restore" in problems[0]


def test_a_session_file_deleted_by_hand_is_named_and_leaves_the_index(folder: Path) -> None:
    with Store.open(folder, CLOCK, read_only=True) as store:
        summary = store.list_sessions()[1]
    path = folder / "sessions" / f"{summary.id}.json"
    path.unlink()
    with Store.open(folder, CLOCK) as store:
        with pytest.raises(StoreDamaged, match="is missing"):
            store.get_session(summary.id)
        assert any("is missing" in p for p in store.verify())


def test_a_commit_killed_after_the_session_file_is_finished_at_the_next_open(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(folder, CLOCK, read_only=True) as store:
        sid = store.list_sessions()[0].id
    store = Store.open(folder, CLOCK)
    session = store.get_session(sid)
    session.title = "Saved, then the power went"

    def die(*_: object) -> None:
        raise KeyboardInterrupt  # stands in for a kill after the session file

    monkeypatch.setattr(layout.Files, "write_shard", die)
    with pytest.raises(KeyboardInterrupt):
        store.save_session(session)
    monkeypatch.undo()
    store._release()
    with Store.open(folder, CLOCK) as again:
        # The session file was written (the save was not acknowledged): the index follows it.
        assert again.list_sessions()[0].title == "Saved, then the power went"
        assert again.verify() == []


def test_home_needs_no_shard_and_a_save_writes_a_bounded_set_of_files(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[str] = []
    real = layout.Files.read_shard

    def counting(self: layout.Files, name: str, *args: object) -> object:
        read.append(name)
        return real(self, name, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(layout.Files, "read_shard", counting)
    with Store.open(folder, CLOCK) as store:
        recent = store.recent_sessions(10)
        drafts = store.draft_sessions()
        count = store.session_count()
        assert read == []  # open, recent, drafts and the count read no shard
        assert [s.id for s in recent] == [s.id for s in store.list_sessions()[:10]]
        assert count == 25 and all(d.status.value == "draft" for d in drafts)
        written: list[str] = []
        import reflect_tui.store.files as files_mod

        real_write = files_mod.atomic_write

        def spy(path: Path, data: bytes) -> None:
            written.append(str(path.relative_to(folder)))
            real_write(path, data)

        monkeypatch.setattr(files_mod, "atomic_write", spy)
        session = store.get_session(recent[4].id)
        session.facilitator = "One edit"  # nothing home's facts hold: they are not rewritten
        store.save_session(session)
    assert sorted(written) == sorted(
        [
            "index/pending.json",
            f"sessions/{session.id}.json",
            f"index/{layout.shard_of(session.id)}.json",
            STORE_NAME,
        ]
    )


def test_verify_from_the_command_line(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["verify", "--data", str(folder)]) == 0
    assert "All 25 sessions" in capsys.readouterr().out


def test_home_always_holds_exactly_the_newest_sessions_and_drafts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saves, date changes, finishing drafts and deletions, with a tiny home: never stale."""
    import random
    from datetime import timedelta

    from store_samples import make_session

    monkeypatch.setattr(layout, "HOME_RECENT", 3)
    monkeypatch.setattr(layout, "HOME_DRAFTS", 2)
    rng = random.Random(5)
    data = tmp_path / "data"
    ids: list[str] = []

    def truth(store: Store) -> tuple[list[str], list[str]]:
        everything = store.list_sessions()  # the whole index, sorted the same way
        return [s.id for s in everything], [s.id for s in everything if s.status.value == "draft"]

    for round_ in range(6):
        with Store.open(data, CLOCK) as store:
            for _ in range(8):
                pick = rng.random()
                if ids and pick < 0.2:
                    store.delete_session(ids.pop(rng.randrange(len(ids))))
                    continue
                if ids and pick < 0.6:
                    session = store.get_session(rng.choice(ids))
                else:
                    session = make_session(f"S{len(ids)}")
                    ids.append(session.id)
                session.date = (CLOCK.now() - timedelta(days=rng.randrange(90))).date()
                session.status = rng.choice([Status.DRAFT, Status.COMPLETE])
                store.save_session(session)
        with Store.open(data, CLOCK, read_only=True) as store:
            recent = [s.id for s in store.recent_sessions(3)]
            drafts = [s.id for s in store.draft_sessions()]
            count = store.session_count()
            every, every_draft = truth(store)
        assert (recent, drafts, count) == (every[:3], every_draft, len(ids)), round_


@pytest.mark.parametrize("name", ["store-v1-demo", "store-v1-encrypted"])
def test_the_expired_bin_of_a_migrated_folder_is_purged_from_every_file(
    name: str, tmp_path: Path
) -> None:
    """The fixture's binned session is months past bin_days: home purges it at once."""
    from reflect_tui.dataprotection import erase
    from reflect_tui.store import erasure

    unlock = PASSPHRASE if "encrypted" in name else None
    folder = copy_of(name, tmp_path)
    later = FixedClock(datetime(2026, 12, 1, 9, 0))
    with Store.open(folder, later, unlock=unlock) as store:
        (entry,) = erasure.bin_entries(store)
        report = erase.purge_expired(store)
        assert report is not None and report.erased == [entry.id]
        assert erasure.bin_entries(store) == []
        assert store.verify() == []
    # No file holds its record any more (its id stays only where erased ids are listed
    # and in the audit log, which records the purge).
    record_start = f'"id":"{entry.id}","template"'.encode()
    for path in folder.rglob("*"):
        if path.is_file():
            assert record_start not in path.read_bytes(), path
    with Store.open(folder, later, unlock=unlock) as store:
        assert entry.id in erasure.erased_ids(store)
        again = store.get_session(store.list_sessions()[0].id)
        again.id = entry.id
        with pytest.raises(StoreError, match="erased for good"):
            store.save_session(again)
