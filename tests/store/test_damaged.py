"""A damaged store, session file or journal × every CLI command (and the app's start).

Each damage is one a disk, an editor or an older bug could leave behind: a
record with one bad value inside an otherwise valid file, a file holding
another record, a cut-short file, garbage, an empty file, ``{}``, a wrong
layout, a newer schema, a huge file. Damage to ``reflect.json`` is refused by
every command: a plain message (which file, which record and field, what to
do), a non-zero exit, no traceback, the folder exactly as it was. A damaged
session file is found when that session is read (never at open: the store does
not read every session to open), refused the same way by every command that
reads it and by ``reflect verify``, while the rest of the store keeps working
without writing. Either way a plain ``reflect restore`` brings back the newest
good backup.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from store_samples import NOW, make_session, with_action

from reflect_tui import cli
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.people import Person
from reflect_tui.store import STORE_NAME, Store

Tree = dict[str, Any]


def _first(tree: Tree, table: str) -> dict[str, Any]:
    return next(iter(tree[table].values()))


def _session(tree: Tree) -> dict[str, Any]:
    return next(d for d in tree["sessions"].values() if d["title"] == "Only in the newest")


def _edit(change: Callable[[Tree], None]) -> Callable[[bytes], bytes]:
    def damage(data: bytes) -> bytes:
        tree = json.loads(data)
        change(tree)
        return json.dumps(tree).encode()

    return damage


def _set(path: str, value: Any) -> Callable[[bytes], bytes]:
    """Change one value of a session file's record."""

    def change(record: Tree) -> None:
        node = record
        *parents, last = path.split(".")
        for key in parents:
            node = node[key]
        node[last] = value

    return _edit(change)


def _action_status(record: Tree) -> None:
    record["answers"]["actions"][0]["status"] = "maybe"


def _other_id(record: Tree) -> None:
    record["id"] = "0123456789ab"


def _folded(tree: Tree) -> None:
    meta = tree["meta"]
    meta[str(len(meta) + 1)] = {"key": "journal_folded", "value": "all of them"}


def _future(tree: Tree) -> None:
    for doc in tree["meta"].values():
        if doc["key"] == "schema_version":
            doc["value"] = 99


def _home_summary(tree: Tree) -> None:
    _first(tree, "home")["summary"]["date"] = "someday"


def _person_name(tree: Tree) -> None:
    _first(tree, "people")["name"] = ["not", "a", "name"]


# damage to a session file -> (bytes -> bytes, words the message must contain)
SESSION_DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "bad date": (_set("date", "not-a-date"), "field date"),
    "bad status": (_set("status", "half-done"), "field status"),
    "bad template.kind": (_set("template.kind", "party"), "field template.kind"),
    "bad updated_at": (_set("updated_at", "yesterday"), "field updated_at"),
    "bad action status": (_edit(_action_status), "answers.actions[0].status"),
    "another session's record": (_edit(_other_id), "does not hold the session its name says"),
    "truncated": (lambda b: b[: len(b) // 2], "not valid JSON"),
    "garbage": (lambda b: os.urandom(64) + b"\xff", "not valid JSON"),
    "empty": (lambda b: b"", "not valid JSON"),
}

# damage to reflect.json -> (bytes -> bytes, words the message must contain)
DAMAGE: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "bad journal_folded": (_edit(_folded), "journal_folded"),
    "bad person": (_edit(_person_name), "field name"),
    "bad home summary": (_edit(_home_summary), "field summary"),
    "truncated": (lambda b: b[: len(b) // 2], "not valid JSON"),
    "garbage": (lambda b: os.urandom(64) + b"\xff", "not valid JSON"),
    "empty": (lambda b: b"", "is empty"),
    "{}": (lambda b: b"{}", "none of reflect's tables"),
    "wrong layout": (lambda b: b'{"sessions": [1, 2]}', "not a reflect data file"),
    "json list": (lambda b: b"[]", "not a reflect data file"),
    "future schema": (_edit(_future), "newer version of reflect"),
    "huge": (lambda b: b"[" * 3_000_000, "not valid JSON"),
}


def commands(data: str) -> list[list[str]]:
    """Every CLI command that opens the store, and the app's start (no command)."""
    return [
        ["--data", data],  # the app
        ["list", "--data", data],
        ["list", "--json", "--data", data],
        ["export", "abc", "--data", data],
        ["export", "--check", "abc", "--data", data],
        ["report", "--data", data],
        ["actions", "--data", data],
        ["actions", "done", "abc", "--data", data],
        ["due", "--data", data],
        ["due", "--supervision-weeks", "2", "--data", data],
        ["people", "--data", data],
        ["people", "add", "New Person", "--data", data],
        ["themes", "--data", data],
        ["themes", "add", "rota", "--data", data],
        ["demo", "--sessions", "1", "--data", data],
    ]


def folder_state(data_dir: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(data_dir)): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and not p.name.startswith("reflect.lock")
    }


def good_store(data_dir: Path) -> None:
    """Two generations: the backup holds "In the backup"; the file adds a newer session."""
    clock = FixedClock(NOW)
    with Store.open(data_dir, clock) as store:
        first = make_session("In the backup")
        with_action(first, "Book the room")
        store.save_session(first)
        store.save_person(Person("Sam Smith", team="North"))
    with Store.open(data_dir, clock) as store:
        newest = make_session("Only in the newest")
        with_action(newest, "Ring the duty desk")
        store.save_session(newest)


def replace_file(path: Path, data: bytes) -> None:
    """Damage by replacing (never writing through a hard link into a backup)."""
    tmp = path.with_name("damage.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_store_is_refused_by_every_command_and_restore_recovers(
    data_dir: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    good_store(data_dir)
    path = data_dir / STORE_NAME
    damage, words = DAMAGE[kind]
    replace_file(path, damage(path.read_bytes()))
    before = folder_state(data_dir)
    for argv in commands(str(data_dir)):
        code = cli.main(argv)
        out, err = capsys.readouterr()
        shown = out + err
        assert code != 0, (argv, shown)
        assert "Traceback" not in shown and 'File "' not in shown, argv
        assert str(path) in err and words in err, (argv, err)
        assert "reflect restore" in err, argv
        assert folder_state(data_dir) == before, f"{argv} changed the folder"
    assert cli.main(["restore", "--data", str(data_dir)]) == 0
    out, _ = capsys.readouterr()
    assert "Restored" in out and "backup 1" in out
    assert cli.main(["list", "--data", str(data_dir)]) == 0
    listing = capsys.readouterr().out
    assert "In the backup" in listing
    with Store.open(data_dir, FixedClock(NOW), read_only=True) as store:
        assert [a.action.what for a in store.actions()] == ["Book the room"]
    (aside,) = data_dir.glob("reflect.before-restore-*.json")
    assert aside.read_bytes() == before[STORE_NAME]


def newest_file(data_dir: Path) -> tuple[Path, str]:
    with Store.open(data_dir, FixedClock(NOW), read_only=True) as store:
        (sid,) = [s.id for s in store.list_sessions() if s.title == "Only in the newest"]
    return data_dir / "sessions" / f"{sid}.json", sid


@pytest.mark.parametrize("kind", list(SESSION_DAMAGE))
def test_a_damaged_session_file_is_refused_where_it_is_read_and_restore_recovers(
    data_dir: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    good_store(data_dir)
    path, sid = newest_file(data_dir)
    damage, words = SESSION_DAMAGE[kind]
    replace_file(path, damage(path.read_bytes()))
    before = folder_state(data_dir)
    data = str(data_dir)
    for argv in (
        ["verify", "--data", data],
        ["export", sid, "--data", data],
        ["export", "--check", sid, "--data", data],
    ):
        code = cli.main(argv)
        out, err = capsys.readouterr()
        shown = out + err
        assert code != 0, (argv, shown)
        assert "Traceback" not in shown and 'File "' not in shown, argv
        assert str(path) in shown and words in shown, (argv, shown)
        assert "reflect restore" in shown, argv
        assert folder_state(data_dir) == before, f"{argv} changed the folder"
    # What does not read that session keeps working, and writes nothing either.
    assert cli.main(["list", "--data", data]) == 0
    assert "Only in the newest" in capsys.readouterr().out
    assert folder_state(data_dir) == before
    assert cli.main(["restore", "--data", data]) == 0
    out, _ = capsys.readouterr()
    assert "Restored" in out and "backup 1" in out
    assert cli.main(["verify", "--data", data]) == 0
    capsys.readouterr()
    with Store.open(data_dir, FixedClock(NOW), read_only=True) as store:
        assert [s.title for s in store.list_sessions()] == ["In the backup"]
        assert [a.action.what for a in store.actions()] == ["Book the room"]
    # The damaged file is not deleted: it is kept with the earlier versions.
    (kept,) = (data_dir / "backups" / "sessions" / sid).iterdir()
    assert kept.read_bytes() == before[f"sessions/{sid}.json"]


def test_a_damaged_newest_backup_is_skipped_by_restore_and_named(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good_store(data_dir)
    with Store.open(data_dir, FixedClock(NOW)) as store:  # a third generation: backups 1, 2
        store.save_session(make_session("Third"))
    backups = sorted((data_dir / "backups").glob("reflect-*.json"))
    assert len(backups) == 2
    replace_file(backups[-1], _edit(_person_name)(backups[-1].read_bytes()))
    replace_file(data_dir / STORE_NAME, b"{}")
    assert cli.main(["restore", "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "from backup 2" in out and "backup 1 has a record that cannot be read" in out
    assert cli.main(["restore", "--list", "--data", str(data_dir)]) == 0
    assert "damaged" in capsys.readouterr().out


def test_a_damaged_store_is_never_backed_up(data_dir: Path) -> None:
    """Writes are refused at open, so the damage can never become the newest backup."""
    good_store(data_dir)
    path = data_dir / STORE_NAME
    replace_file(path, _edit(_person_name)(path.read_bytes()))
    backups_before = sorted(p.name for p in (data_dir / "backups").iterdir())
    for _ in range(7):
        cli.main(["people", "add", "Robin", "--data", str(data_dir)])
        cli.main(["list", "--data", str(data_dir)])
    assert sorted(p.name for p in (data_dir / "backups").iterdir()) == backups_before


# ------------------------------------------------------------------ journals


def _journal(data_dir: Path) -> tuple[Path, str]:
    """A draft whose newest words are only in its journal (as after a crash)."""
    clock = FixedClock(NOW)
    store = Store.open(data_dir, clock)
    draft = make_session("Crashed draft")
    store.save_session(draft)
    draft.answers["notes"] = "typed after the last fold"
    store._journal_write(draft)
    store._release()  # the process dies: no fold
    return data_dir / "journal" / f"{draft.id}.json", draft.id


JOURNAL_DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "garbage": lambda b: b"\x00garbage",
    "truncated": lambda b: b[: len(b) // 2],
    "empty": lambda b: b"",
    "bad date": lambda b: b.replace(b'"date":"2026-03-14"', b'"date":"someday"'),
    "bad status": lambda b: b.replace(b'"status":"draft"', b'"status":"nearly"'),
    "no seq": lambda b: b.replace(b'"seq":', b'"sequence":'),
    "another session inside": lambda b: b.replace(b'"id":"', b'"id":"x', 1),
}


@pytest.mark.parametrize("kind", list(JOURNAL_DAMAGE))
def test_a_poisoned_journal_is_set_aside_with_a_notice_never_replayed(
    data_dir: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    journal, session_id = _journal(data_dir)
    damaged = JOURNAL_DAMAGE[kind](journal.read_bytes())
    assert damaged != journal.read_bytes()
    journal.write_bytes(damaged)
    before = folder_state(data_dir)
    # Readers: plain output, a visible notice, nothing touched.
    assert cli.main(["list", "--data", str(data_dir)]) == 0
    out, err = capsys.readouterr()
    assert "Crashed draft" in out and "Traceback" not in out + err
    assert "note:" in err and str(journal) in err and "not replayed" in err
    assert folder_state(data_dir) == before
    # The writer sets it aside (kept, renamed) and keeps the folded version.
    with Store.open(data_dir, FixedClock(NOW)) as store:
        assert any("not replayed" in w and "kept as" in w for w in store.warnings)
        assert store.get_session(session_id).answers["notes"] == "notes for Crashed draft"
    assert not journal.exists()
    (aside,) = journal.parent.glob(f"{journal.name}.damaged-*")
    assert aside.read_bytes() == damaged


# ------------------------------------------------------------- atomic restore


def test_restore_killed_at_every_step_leaves_a_readable_store(tmp_path: Path) -> None:
    """Kill the restore at each file-system step in turn: a readable reflect.json remains."""
    import shutil
    import subprocess
    import sys

    template = tmp_path / "template"
    good_store(template)
    with Store.open(template, FixedClock(NOW)) as store:  # backups 1 and 2
        store.save_session(make_session("Third"))
    old = (template / STORE_NAME).read_bytes()
    restored = sorted((template / "backups").glob("reflect-*.json"))[0].read_bytes()
    child = Path(__file__).parent / "restore_child.py"
    kills = 0
    for step in range(1, 200):
        data = tmp_path / f"run-{step}"
        shutil.copytree(template, data)
        result = subprocess.run(
            [sys.executable, str(child), str(data), str(step)], capture_output=True, timeout=60
        )
        assert result.returncode in (0, 137), result.stderr.decode()
        now = (data / STORE_NAME).read_bytes()
        assert now in (old, restored), f"killed at step {step}: reflect.json is neither"
        with Store.open(data, FixedClock(NOW), read_only=True) as store:
            assert store.list_sessions()
        if result.returncode == 0:
            assert now == restored
            break
        kills += 1
    else:
        raise AssertionError("the restore never finished")
    assert kills >= 8  # every step of the swap was tried
    print(f"\nrestore killed at {kills} steps: a readable store every time")
