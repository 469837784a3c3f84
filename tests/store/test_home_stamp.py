"""Home's summaries are read at open only when their stamp no longer matches (issue 14's open).

Every commit writes the SHA-256 of reflect.json's "home" table into its meta.
An unchanged table is what the commit built from checked sessions, so opening
does not decode each summary again; a table changed in any way is read in full
and refused if a summary is bad. ``reflect verify`` never trusts the stamp.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import STORE_NAME, Store, StoreDamaged, validate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CLOCK = FixedClock(datetime(2026, 3, 2, 9, 30))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The version-1 demo fixture, migrated to the current layout by a first writer."""
    made = tmp_path / "store"
    shutil.copytree(FIXTURES / "store-v1-demo", made)
    for path in [made, *made.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    for _ in range(2):
        with Store.open(made, CLOCK):
            pass
    return made


def tree_of(folder: Path) -> dict[str, Any]:
    found: dict[str, Any] = json.loads((folder / STORE_NAME).read_text())
    return found


def stamp_in(tree: dict[str, Any]) -> object:
    for doc in tree["meta"].values():
        if doc.get("key") == validate.HOME_STAMP_KEY:
            return doc.get("value")
    return None


def write_tree(folder: Path, tree: dict[str, Any]) -> None:
    (folder / STORE_NAME).write_text(json.dumps(tree))


def test_every_commit_stamps_the_home_table_it_wrote(folder: Path) -> None:
    tree = tree_of(folder)
    assert tree["home"], "the demo store lists sessions on home"
    assert stamp_in(tree) == validate.home_stamp(tree["home"])
    with Store.open(folder, CLOCK) as store:
        session = store.get_session(store.list_sessions()[0].id)
        session.title = "Renamed after the first open"
        store.save_session(session)
    after = tree_of(folder)
    assert stamp_in(after) == validate.home_stamp(after["home"]) != stamp_in(tree)


def test_a_summary_changed_by_hand_breaks_the_stamp_and_is_refused(folder: Path) -> None:
    tree = tree_of(folder)
    first = next(iter(tree["home"].values()))
    first["summary"]["status"] = "half-finished"
    write_tree(folder, tree)
    before = (folder / STORE_NAME).read_bytes()
    with pytest.raises(StoreDamaged, match="session summary") as refused:
        Store.open(folder, CLOCK)
    assert "field summary" in str(refused.value)
    assert (folder / STORE_NAME).read_bytes() == before


def test_a_folder_without_a_stamp_is_read_in_full_and_stamped_by_its_next_writer(
    folder: Path,
) -> None:
    tree = tree_of(folder)
    tree["meta"] = {
        n: d for n, d in tree["meta"].items() if d.get("key") != validate.HOME_STAMP_KEY
    }
    write_tree(folder, tree)
    with Store.open(folder, CLOCK, read_only=True) as store:
        titles = [s.title for s in store.list_sessions()]
    with Store.open(folder, CLOCK) as store:
        assert [s.title for s in store.list_sessions()] == titles
        store.set_setting("shared_screen", True)
    after = tree_of(folder)
    assert stamp_in(after) == validate.home_stamp(after["home"])


def test_verify_reads_every_summary_even_when_the_stamp_was_forged(folder: Path) -> None:
    tree = tree_of(folder)
    first = next(iter(tree["home"].values()))
    first["summary"]["date"] = "someday"
    for doc in tree["meta"].values():
        if doc.get("key") == validate.HOME_STAMP_KEY:
            doc["value"] = validate.home_stamp(tree["home"])
    write_tree(folder, tree)
    with Store.open(folder, CLOCK, read_only=True) as store:
        problems = store.verify()
    assert any("session summary" in p and "field summary" in p for p in problems)
