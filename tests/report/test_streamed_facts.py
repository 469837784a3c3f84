"""The report reads each checked session record once, keeps only its facts, and says the same.

`reflect report` streams the store (``Store.stream_records``: one index shard and
one record at a time, nothing kept) and reads from each record only what the
facts need. These tests hold it to the report computed the old way, by decoding
every session whole, on a fixed sample store, and check that a session file
changed or damaged outside reflect is still found, never counted blindly.
"""

from __future__ import annotations

import json
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.session import Status
from reflect_tui.report import build_report, default_period, releases, render_markdown
from reflect_tui.report.facts import SessionFacts
from reflect_tui.report.period import Period
from reflect_tui.store import Store, StoreDamaged
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


def facts_the_old_way(store: Store, windows: list[Period]) -> list[SessionFacts]:
    """Every finished session in the windows decoded whole, then reduced (the former reader)."""
    return [
        SessionFacts.of(store.get_session(s.id))
        for s in store.list_sessions()
        if s.status is Status.COMPLETE and any(s.date in w for w in windows)
    ]


def key(facts: SessionFacts) -> tuple[object, ...]:
    return (facts.date, facts.team, facts.subject, facts.participants, facts.themes, facts.consent)


def test_the_streamed_report_is_the_report_of_every_session_decoded_whole(sample: Path) -> None:
    with Store.open(sample, CLOCK, read_only=True) as store:
        old = facts_the_old_way(store, WINDOWS)
    with Store.open(sample, CLOCK, read_only=True) as store:
        new = releases.finished_sessions(store, WINDOWS)
    assert len(new) == len(old) > 300
    assert sorted(new, key=key) == sorted(old, key=key)
    # The sample has what the rules turn on: team and individual sessions, tags, refusals.
    assert any(f.team_session for f in new) and any(not f.team_session for f in new)
    assert any(f.themes for f in new) and any(not f.consent for f in new)
    old_report = build_report([old], PERIOD, generated=date(2026, 3, 2))
    new_report = build_report([new], PERIOD, generated=date(2026, 3, 2))
    assert render_markdown(new_report) == render_markdown(old_report)
    assert new_report.people.text.isdigit()  # a real figure, not everything suppressed


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
        with store.batch():  # staged: its file is written when the batch ends
            store.save_session(session)
            (found,) = [
                SessionFacts.from_record(r)
                for r in store.stream_records(lambda s: s.id == first.id)
            ]
    assert found.subject == "Someone Else Entirely"


def _one_finished_file(data: Path) -> Path:
    with Store.open(data, CLOCK, read_only=True) as store:
        summary = next(
            s for s in store.list_sessions() if s.status is Status.COMPLETE and s.date in PERIOD
        )
    return data / "sessions" / f"{summary.id}.json"


def test_a_session_file_edited_outside_reflect_is_read_whole_and_named(
    sample: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(sample, data)
    path = _one_finished_file(data)
    record = json.loads(path.read_bytes())
    record["subject"] = "Edited By Hand"
    path.write_text(json.dumps(record))
    with Store.open(data, CLOCK, read_only=True) as store:
        facts = releases.finished_sessions(store, WINDOWS)
        warnings = list(store.warnings)
    assert "Edited By Hand" in {f.subject for f in facts}
    assert any(str(path) in w and "changed outside reflect" in w for w in warnings)


def test_a_damaged_session_file_stops_the_report(sample: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(sample, data)
    path = _one_finished_file(data)
    record = json.loads(path.read_bytes())
    record["participants"] = "not a list"
    path.write_text(json.dumps(record))
    with Store.open(data, CLOCK, read_only=True) as store, pytest.raises(StoreDamaged) as err:
        releases.finished_sessions(store, WINDOWS)
    assert str(path) in str(err.value) and "participants" in str(err.value)


def test_an_encrypted_store_reports_the_same_as_the_same_sessions_in_plain(
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
    assert not any(b'"themes"' in p.read_bytes() for p in (sealed / "sessions").iterdir())
    with Store.open(plain, CLOCK, read_only=True) as store:
        expected = sorted(releases.finished_sessions(store, WINDOWS), key=key)
    with Store.open(sealed, CLOCK, read_only=True, unlock="correct horse battery") as store:
        found = sorted(releases.finished_sessions(store, WINDOWS), key=key)
        assert store.warnings == []  # every record matched its index entry
    assert found == expected and len(found) > 40
