"""`reflect demo`, `reflect list` and `reflect restore` as a newcomer would use them."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from store_samples import make_session

from reflect_tui import cli
from reflect_tui.commands import store as store_commands
from reflect_tui.domain.answers import ActionStatus
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.jsonvalue import JsonObject
from reflect_tui.domain.template import FieldKind
from reflect_tui.domain.themes import DEFAULT_THEMES
from reflect_tui.store import Store
from reflect_tui.store.demo import fill
from reflect_tui.templates import TemplateLibrary

TODAY = datetime(2026, 11, 1, 9, 0)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def added(out: str) -> int:
    match = re.search(r"Added (\d+) sample sessions", out)
    assert match, out
    return int(match.group(1))


def test_demo_then_list(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "demo", "--data", str(data_dir))
    # 12 sessions, plus (once per store) a supervision/decompression history for the roster.
    count = added(out)
    assert code == 0 and count >= 12 and "invented" in out
    code, out, _ = run(capsys, "list", "--data", str(data_dir), "--confidential", "--all")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["ID", "DATE", "TEMPLATE", "TITLE", "STATUS"]
    assert len(lines) == count + 1
    code, out, _ = run(capsys, "list", "--data", str(data_dir), "--json", "--confidential", "--all")
    rows = json.loads(out)
    assert len(rows) == count
    assert {"id", "date", "template_id", "title", "status"} <= set(rows[0])
    assert [r["date"] for r in rows] == sorted((r["date"] for r in rows), reverse=True)


def test_demo_adds_to_an_existing_store(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store.open(data_dir) as store:
        store.save_session(make_session("My own session"))
    _, out, _ = run(capsys, "demo", "--data", str(data_dir), "--sessions", "5")
    first = added(out)
    code, out, _ = run(capsys, "demo", "--data", str(data_dir), "--sessions", "5")
    total = 1 + first + 5
    assert code == 0 and added(out) == 5 and f"({total} sessions in all)" in out
    assert "and 0 people" in out
    with Store.open(data_dir, read_only=True) as store:
        titles = [s.title for s in store.list_sessions()]
        assert "My own session" in titles
        assert len({s.id for s in store.list_sessions()}) == total
        assert len(store.people()) == len({p.name for p in store.people()})


def test_list_of_an_empty_folder_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "list", "--data", str(tmp_path / "none"))
    assert code == 0 and "No sessions" in out and "reflect demo" in out
    assert not (tmp_path / "none").exists()


def test_demo_while_the_app_has_the_data_says_so(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_commands, "WRITE_WAIT_SECONDS", 0.0)
    with Store.open(data_dir):
        code, _, err = run(capsys, "demo", "--data", str(data_dir))
    assert code == 1
    assert "Nothing was added" in err and "Another reflect window" in err
    with Store.open(data_dir, read_only=True) as store:
        assert store.list_sessions() == []


def test_restore_lists_backups(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "restore", "--data", str(data_dir), "--list")
    assert code == 0 and "No backups" in out
    for _ in range(3):
        run(capsys, "demo", "--data", str(data_dir), "--sessions", "1")
    code, out, _ = run(capsys, "restore", "--data", str(data_dir), "--list")
    assert [line.split()[0] for line in out.splitlines()] == ["1", "2"]
    assert "reflect-000002.json" in out.splitlines()[0]


def test_restore_while_the_app_has_the_data_says_so(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for _ in range(2):
        run(capsys, "demo", "--data", str(data_dir), "--sessions", "1")
    before = (data_dir / "reflect.json").read_bytes()
    with Store.open(data_dir):
        code, _, err = run(capsys, "restore", "--data", str(data_dir))
    assert code == 1 and "Another reflect window" in err and "reflect restore" in err
    assert (data_dir / "reflect.json").read_bytes() == before


# ------------------------------------------------------------------ sample data


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Store:
    folder = tmp_path_factory.mktemp("sample") / "data"
    clock = FixedClock(TODAY)
    store = Store.open(folder, clock)
    fill(store, TemplateLibrary.from_dirs([]).templates(), clock, sessions=24, seed=3)
    return store


def test_sample_sessions_cover_every_built_in_template(sample: Store) -> None:
    built_in = {t.id for t in TemplateLibrary.from_dirs([]).templates()}
    assert {s.template_id for s in sample.list_sessions()} == built_in


def test_sample_sessions_are_spread_over_fifteen_months(sample: Store) -> None:
    dates = [s.date for s in sample.list_sessions()]
    assert min(dates) >= TODAY.date() - timedelta(days=460) and max(dates) <= TODAY.date()
    assert max(dates) - min(dates) > timedelta(days=180)
    statuses = {s.status.value for s in sample.list_sessions()}
    assert statuses == {"draft", "complete"}


def test_sample_people_form_a_roster(sample: Store) -> None:
    people = sample.people()
    assert len(people) >= 10
    assert any(p.facilitator for p in people) and any(not p.facilitator for p in people)
    assert len({p.team for p in people}) >= 2
    names = {p.name for p in people}
    assert all(p.line_manager in names for p in people if p.line_manager)


def test_sample_content_has_actions_themes_ratings_and_risks(sample: Store) -> None:
    today: date = TODAY.date()
    actions = [a.action for a in sample.actions()]
    assert any(a.status is ActionStatus.DONE for a in actions)
    assert any(a.is_overdue(today) for a in actions)
    kinds_filled: set[FieldKind] = set()
    themes: set[str] = set()
    for session in sample.iter_sessions():
        for f in session.template.all_fields():
            value = session.answers.get(f.id)
            if value not in (None, "", []):
                kinds_filled.add(f.kind)
        themes.update(session.themes())
    assert {FieldKind.RATING, FieldKind.RISKS, FieldKind.LIST, FieldKind.ACTIONS} <= kinds_filled
    assert themes and themes <= set(DEFAULT_THEMES)


def test_sample_data_depends_only_on_the_seed(tmp_path: Path) -> None:
    templates = TemplateLibrary.from_dirs([]).templates()

    def records(folder: str, seed: int) -> list[JsonObject]:
        clock = FixedClock(TODAY)
        with Store.open(tmp_path / folder, clock) as store:
            fill(store, templates, clock, sessions=6, seed=seed)
            return [s.to_dict() for s in store.iter_sessions()]

    assert records("a", 1) == records("b", 1)
    assert records("c", 2) != records("a", 1)
