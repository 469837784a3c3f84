"""The report counts each session from its checked index entry, and says the same.

`reflect report` streams the index (``Store.stream_entries``: one checked shard at
a time, nothing kept) and takes each session's facts from its entry: the summary
and the "report" part (theme tags, consent) derived from the Session when it was
saved, so no session file is read. An entry an older version wrote has no
report part: that session's checked record is read instead. These tests hold
both to the report computed the old way, by decoding every session whole, on a
fixed sample store, and check what happens to a session file changed or damaged
outside reflect (the index is trusted as `reflect list` trusts it; `reflect
verify` and opening the session find the file).
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.session import Session, Status
from reflect_tui.report import build_report, default_period, releases, render_markdown
from reflect_tui.report.facts import SessionFacts
from reflect_tui.report.period import Period
from reflect_tui.store import Store, StoreDamaged, layout
from reflect_tui.store.demo import fill
from reflect_tui.templates import TemplateLibrary

CLOCK = FixedClock(datetime(2026, 3, 2, 9, 0))
PERIOD = default_period(date(2026, 3, 2))
WINDOWS = [PERIOD, PERIOD.previous()]


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("report-stream") / "data"
    with Store.open(data, CLOCK) as store:
        fill(store, TemplateLibrary.from_dirs([]).templates(), CLOCK, 400, 11)
    return data


@pytest.fixture(scope="module")
def older(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same sample written by a version whose index entries had no "report" part."""
    data = tmp_path_factory.mktemp("report-older") / "data"
    made = layout.entry_for

    def without_report(session: Session, raw: bytes) -> layout.Doc:
        entry = made(session, raw)
        del entry["report"]
        return entry

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(layout, "entry_for", without_report)
        with Store.open(data, CLOCK) as store:
            fill(store, TemplateLibrary.from_dirs([]).templates(), CLOCK, 400, 11)
    return data


def entries_of(data: Path) -> list[layout.Doc]:
    with Store.open(data, CLOCK, read_only=True) as store:
        return [entry for _, entry in store.stream_entries(lambda s: True)]


def no_file_read(patch: pytest.MonkeyPatch) -> list[str]:
    """Record every session file read from now on."""
    read: list[str] = []
    real = layout.Files.read_session

    def counted(files: layout.Files, session_id: str) -> bytes | None:
        read.append(session_id)
        return real(files, session_id)

    patch.setattr(layout.Files, "read_session", counted)
    return read


def facts_the_old_way(store: Store, windows: list[Period]) -> list[SessionFacts]:
    """Every finished session in the windows decoded whole, then reduced (the former reader)."""
    return [
        SessionFacts.of(store.get_session(s.id))
        for s in store.list_sessions()
        if s.status is Status.COMPLETE and any(s.date in w for w in windows)
    ]


def key(facts: SessionFacts) -> tuple[object, ...]:
    return (facts.date, facts.team, facts.subject, facts.participants, facts.themes, facts.consent)


def the_report_both_ways(data: Path) -> tuple[list[SessionFacts], list[SessionFacts]]:
    with Store.open(data, CLOCK, read_only=True) as store:
        old = facts_the_old_way(store, WINDOWS)
    with Store.open(data, CLOCK, read_only=True) as store:
        new = releases.finished_sessions(store, WINDOWS)
    return old, new


def test_the_report_from_the_index_is_the_report_of_every_session_decoded_whole(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(sample, CLOCK, read_only=True) as store:
        old = facts_the_old_way(store, WINDOWS)
    read = no_file_read(monkeypatch)
    with Store.open(sample, CLOCK, read_only=True) as store:
        new = releases.finished_sessions(store, WINDOWS)
    assert read == []  # every fact came from the index entries
    assert len(new) == len(old) > 300
    assert sorted(new, key=key) == sorted(old, key=key)
    # The sample has what the rules turn on: team and individual sessions, tags, refusals.
    assert any(f.team_session for f in new) and any(not f.team_session for f in new)
    assert any(f.themes for f in new) and any(not f.consent for f in new)
    old_report = build_report([old], PERIOD, generated=date(2026, 3, 2))
    new_report = build_report([new], PERIOD, generated=date(2026, 3, 2))
    assert render_markdown(new_report) == render_markdown(old_report)
    assert new_report.people.text.isdigit()  # a real figure, not everything suppressed


def test_an_index_written_by_an_older_version_is_read_from_the_session_files(
    sample: Path, older: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert all("report" not in e for e in entries_of(older))
    assert all("report" in e for e in entries_of(sample))
    old, _ = the_report_both_ways(older)
    read = no_file_read(monkeypatch)
    _, new = the_report_both_ways(older)
    assert len(read) >= len(new) > 300  # each counted session's file was read
    assert sorted(new, key=key) == sorted(old, key=key)
    # ...and the report is the one the current version makes of the same sessions.
    assert sorted(new, key=key) == sorted(the_report_both_ways(sample)[1], key=key)


def test_a_session_saved_again_gets_its_report_part_and_the_rest_still_count(
    older: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(older, data)
    with Store.open(data, CLOCK) as store:
        first = next(s for s in store.list_sessions() if s.status is Status.COMPLETE)
        store.save_session(store.get_session(first.id))
    entries = entries_of(data)
    assert [e["id"] for e in entries if "report" in e] == [first.id]
    old, new = the_report_both_ways(data)
    assert sorted(new, key=key) == sorted(old, key=key)


def test_drafts_and_sessions_outside_the_periods_are_never_read(sample: Path) -> None:
    window = Period(date(2025, 10, 1), date(2025, 12, 31))
    with Store.open(sample, CLOCK, read_only=True) as store:
        wanted = {
            s.id for s in store.list_sessions() if s.status is Status.COMPLETE and s.date in window
        }
    with Store.open(sample, CLOCK, read_only=True) as store:
        read = [
            str(r["id"])
            for r in store.stream_records(
                lambda s: s.status is Status.COMPLETE and s.date in window
            )
        ]
    assert sorted(read) == sorted(wanted) and 0 < len(read) < 400


def test_a_session_saved_in_an_open_batch_is_counted_as_saved(sample: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(sample, data)
    with Store.open(data, CLOCK) as store:
        first = next(s for s in store.list_sessions() if s.status is Status.COMPLETE)
        session = store.get_session(first.id)
        session.subject = "Someone Else Entirely"
        session.status = Status.COMPLETE
        with store.batch():  # staged: its file is written when the batch ends
            store.save_session(session)
            (found,) = [
                SessionFacts.from_record(r)
                for r in store.stream_records(lambda s: s.id == first.id)
            ]
            (counted,) = [
                f
                for f in releases.finished_sessions(store, WINDOWS)
                if f.subject == "Someone Else Entirely"
            ]
    assert found.subject == "Someone Else Entirely"
    assert counted == SessionFacts.of(session)


def _one_finished_file(data: Path) -> Path:
    with Store.open(data, CLOCK, read_only=True) as store:
        summary = next(
            s for s in store.list_sessions() if s.status is Status.COMPLETE and s.date in PERIOD
        )
    return data / "sessions" / f"{summary.id}.json"


def _edit(path: Path, field: str, value: object) -> None:
    record = json.loads(path.read_bytes())
    record[field] = value
    path.write_text(json.dumps(record))


def test_a_file_edited_outside_reflect_is_counted_as_saved_and_found_by_verify(
    sample: Path, tmp_path: Path
) -> None:
    """The index is trusted as `reflect list` trusts it; verify and opening find the file."""
    data = tmp_path / "data"
    shutil.copytree(sample, data)
    path = _one_finished_file(data)
    _edit(path, "subject", "Edited By Hand")
    with Store.open(data, CLOCK, read_only=True) as store:
        facts = releases.finished_sessions(store, WINDOWS)
        listed = {s.subject for s in store.list_sessions()}
        assert store.warnings == []
    assert "Edited By Hand" not in {f.subject for f in facts} | listed
    with Store.open(data, CLOCK, read_only=True) as store:
        problems = store.verify()
    assert any(str(path) in p and "changed outside reflect" in p for p in problems)


def test_a_damaged_file_is_found_by_verify_and_refused_when_opened(
    sample: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(sample, data)
    path = _one_finished_file(data)
    _edit(path, "participants", "not a list")
    with Store.open(data, CLOCK, read_only=True) as store:
        assert len(releases.finished_sessions(store, WINDOWS)) > 300  # counted as saved
        problems = store.verify()
        with pytest.raises(StoreDamaged) as err:
            store.get_session(path.stem)
    assert any(str(path) in p and "participants" in p for p in problems)
    assert str(path) in str(err.value)


def test_with_an_older_index_a_file_edited_outside_reflect_is_read_whole_and_named(
    older: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(older, data)
    path = _one_finished_file(data)
    _edit(path, "subject", "Edited By Hand")
    with Store.open(data, CLOCK, read_only=True) as store:
        facts = releases.finished_sessions(store, WINDOWS)
        warnings = list(store.warnings)
    assert "Edited By Hand" in {f.subject for f in facts}
    assert any(str(path) in w and "changed outside reflect" in w for w in warnings)


def test_with_an_older_index_a_damaged_session_file_stops_the_report(
    older: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(older, data)
    path = _one_finished_file(data)
    _edit(path, "participants", "not a list")
    with Store.open(data, CLOCK, read_only=True) as store, pytest.raises(StoreDamaged) as err:
        releases.finished_sessions(store, WINDOWS)
    assert str(path) in str(err.value) and "participants" in str(err.value)


def test_an_encrypted_store_reports_the_same_and_keeps_no_theme_in_plain_text(
    tmp_path: Path,
) -> None:
    from reflect_tui.store import crypto
    from reflect_tui.store.encrypt_folder import init_encrypted

    library = TemplateLibrary.from_dirs([]).templates()
    plain, sealed = tmp_path / "plain", tmp_path / "sealed"
    init_encrypted(sealed, "correct horse battery", crypto.KdfParams(n=2**10, r=8, p=1))
    with Store.open(plain, CLOCK) as store:
        fill(store, library, CLOCK, 60, 5)
    with Store.open(sealed, CLOCK, unlock="correct horse battery") as store:
        fill(store, library, CLOCK, 60, 5)
    with Store.open(plain, CLOCK, read_only=True) as store:
        expected = sorted(releases.finished_sessions(store, WINDOWS), key=key)
    with Store.open(sealed, CLOCK, read_only=True, unlock="correct horse battery") as store:
        found = sorted(releases.finished_sessions(store, WINDOWS), key=key)
        assert store.warnings == []  # every entry was checked and had its report part
    assert found == expected and len(found) > 40
    # The theme tags are in the plain folder's index (so the scan below can find them)...
    themes = {t.encode() for f in found for t in f.themes if len(t) >= 6}
    shards = [p.read_bytes() for p in (plain / "index").glob("*.json")]
    assert themes and all(any(t in s for s in shards) for t in themes)
    # ...and in no file of the encrypted folder, whatever it is (shards included).
    files = [p for p in sealed.rglob("*") if p.is_file()]
    assert any(p.parent.name == "index" for p in files)
    assert not [p for p in files for t in themes if t in p.read_bytes()]
    assert not [p for p in files if b'"report"' in p.read_bytes()]
