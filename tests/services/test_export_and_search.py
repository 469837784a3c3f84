"""Export, copy, the privacy check and search, as the app and the CLI both use them."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from services_samples import NOW, TODAY, library, open_store, team_session

from reflect_tui.domain.session import Session
from reflect_tui.minutes import ConfidentialExportRefused, ExportExists
from reflect_tui.services import export, search, sessions
from reflect_tui.services.errors import NothingToFind
from reflect_tui.store import audit


def test_an_export_is_an_owner_only_file_in_the_export_folder_and_is_logged(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path) as store:
        s = team_session(TODAY, focus="Handover after the late visit")
        sessions.start(store, s)
        done = export.export(store, s, store.export_dir, fmt="html")
        assert done.path.parent == store.export_dir
        assert "Handover after the late visit" in done.path.read_text()
        assert stat.S_IMODE(done.path.stat().st_mode) == 0o600
        assert not done.unencrypted
        with pytest.raises(ExportExists):
            export.export(store, s, store.export_dir, fmt="html")
        export.export(store, s, store.export_dir, fmt="html", force=True)
        logged = [(e.event, e.detail) for e in audit.read(store.data_dir, store.codec)]
    assert logged.count(("export", "format=html")) == 2


def test_a_confidential_session_leaves_only_when_confirmed(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        s = Session.start(
            library().get("supervision-one-to-one"), "Bo, November", NOW, subject="Bo Lind"
        )
        sessions.start(store, s)
        with pytest.raises(ConfidentialExportRefused):
            export.export(store, s, store.export_dir)
        text, problem = export.minutes_text(store, s, confirmed_confidential=True)
        events = [e.event for e in audit.read(store.data_dir, store.codec)]
    assert "Bo, November" in text and problem is None
    assert events[-2:] == ["copy", "confidential-confirmed"]


def test_the_privacy_check_flags_a_roster_name_and_says_what_it_looked_at(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path) as store:
        s = team_session(TODAY, focus="Bo Lind was shaken after the visit")
        check = export.privacy_check(store, s)
    assert [f.text for f in check.findings] == ["Bo Lind"]
    assert check.texts > 0 and "checked" in check.summary().lower()


def test_search_finds_a_phrase_whatever_its_case_newest_first(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        older = team_session(TODAY.replace(day=1), focus="A late Visit to a flat")
        newer = team_session(TODAY, focus="Another LATE VISIT, calmer")
        store.save_sessions([older, newer])
        finder = search.Searcher(store)
        hits = finder.find("late visit")
        assert [h.session_id for h in hits] == [newer.id, older.id]
        assert search.search_store(store, "calmer")[0].session_id == newer.id
        with pytest.raises(NothingToFind):
            finder.find("   ")
