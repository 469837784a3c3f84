"""Writing exports: safe names, owner-only files, no overwriting, minutes saved on finish."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from minutes_fixtures import CANARY, FINISHED, every_kind_session

from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.template import Confidentiality
from reflect_tui.minutes import (
    ConfidentialExportRefused,
    ExportExists,
    ExportFailed,
    default_filename,
    export_session,
    save_minutes_on_finish,
)
from reflect_tui.store import Store


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_default_name_is_date_template_and_title() -> None:
    session = every_kind_session()
    session.title = "Sprint review: what went well?"
    name = default_filename(session, "md")
    assert name == "2026-11-20-every-kind-sprint-review-what-went-well.md"
    assert default_filename(session, "html", card=True).endswith("-visit-card.html")


@pytest.mark.parametrize(
    "title",
    ["../../etc/passwd", "a/b\\c", "..", ".hidden", "con:nul?*<>|", "   ", "x" * 500,
     "Ελληνικά 中文 😀", "line\nbreak\x00nul"],
)  # fmt: skip
def test_default_name_from_any_title_is_one_safe_file_name(title: str) -> None:
    session = every_kind_session()
    session.title = title
    name = default_filename(session, "md")
    assert name.startswith("2026-11-20-every-kind")
    assert name.endswith(".md")
    assert "/" not in name and "\\" not in name and ".." not in name
    assert name.count(".") == 1
    assert len(name) <= 120
    assert Path(name).name == name


def test_export_writes_an_owner_only_file_with_the_default_name(tmp_path: Path) -> None:
    session = every_kind_session()
    path = export_session(session, directory=tmp_path)
    assert path == tmp_path / default_filename(session, "md")
    assert mode(path) == 0o600
    assert path.read_text(encoding="utf-8").startswith("---\n")
    assert CANARY not in path.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left behind


def test_export_into_a_folder_and_as_html(tmp_path: Path) -> None:
    path = export_session(every_kind_session(), tmp_path, fmt="html")
    assert path.suffix == ".html" and path.parent == tmp_path
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_export_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "minutes.md"
    target.write_text("someone's notes", encoding="utf-8")
    with pytest.raises(ExportExists, match="--force"):
        export_session(every_kind_session(), target)
    assert target.read_text(encoding="utf-8") == "someone's notes"
    assert [p.name for p in tmp_path.iterdir()] == ["minutes.md"]

    export_session(every_kind_session(), target, force=True)
    assert target.read_text(encoding="utf-8").startswith("---\n")
    assert mode(target) == 0o600


def test_export_to_a_file_in_a_missing_folder_says_so(tmp_path: Path) -> None:
    with pytest.raises(ExportFailed, match="does not exist"):
        export_session(every_kind_session(), tmp_path / "nope" / "m.md")
    assert list(tmp_path.iterdir()) == []


def test_export_into_a_new_folder_creates_it_owner_only(tmp_path: Path) -> None:
    """The app exports into the store's minutes folder, which may not exist yet."""
    session = every_kind_session()
    path = export_session(session, tmp_path / "minutes")
    assert path == tmp_path / "minutes" / default_filename(session, "md")
    assert mode(tmp_path / "minutes") == 0o700
    other = export_session(session, directory=tmp_path / "a" / "b", fmt="html")
    assert other.parent == tmp_path / "a" / "b" and other.is_file()


def test_confidential_export_writes_nothing_without_confirmation(tmp_path: Path) -> None:
    session = every_kind_session(confidentiality=Confidentiality.CONFIDENTIAL)
    with pytest.raises(ConfidentialExportRefused):
        export_session(session, directory=tmp_path)
    assert list(tmp_path.iterdir()) == []
    path = export_session(session, directory=tmp_path, confirmed_confidential=True)
    assert "Confidential." in path.read_text(encoding="utf-8")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(tmp_path / "data", FixedClock(FINISHED)) as opened:
        yield opened


def test_finishing_a_shared_session_saves_its_minutes(store: Store) -> None:
    session = every_kind_session()
    path = save_minutes_on_finish(store, session)
    assert path is not None
    assert path.parent == store.minutes_dir
    assert mode(path) == 0o600
    assert mode(store.minutes_dir) == 0o700
    assert f'session: "{session.id}"' in path.read_text(encoding="utf-8")


def test_finishing_a_confidential_session_saves_nothing(store: Store) -> None:
    session = every_kind_session(confidentiality=Confidentiality.CONFIDENTIAL)
    assert save_minutes_on_finish(store, session) is None
    assert not store.minutes_dir.exists() or list(store.minutes_dir.iterdir()) == []


def test_finishing_again_updates_own_minutes_and_keeps_others(store: Store) -> None:
    first = every_kind_session()
    path = save_minutes_on_finish(store, first)
    first.answers["story-text"] = "Updated after a second look."
    assert save_minutes_on_finish(store, first) == path
    assert path is not None and "Updated after a second look." in path.read_text(encoding="utf-8")

    other = every_kind_session()  # same date, template and title, another session
    other_path = save_minutes_on_finish(store, other)
    assert other_path is not None and other_path.name.endswith("-2.md")
    assert "Updated after a second look." in path.read_text(encoding="utf-8")


def test_minutes_folder_setting_is_used(store: Store, tmp_path: Path) -> None:
    store.set_setting("minutes_dir", str(tmp_path / "shared-minutes"))
    path = save_minutes_on_finish(store, every_kind_session())
    assert path is not None and path.parent == tmp_path / "shared-minutes"
