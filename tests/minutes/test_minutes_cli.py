"""`reflect export`: from a store to a file, with the privacy check and the safety rules."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from minutes_builtin_sessions import built_in_session, built_in_templates
from minutes_fixtures import CANARY, FINISHED, every_kind_session

from reflect_tui import cli
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Confidentiality
from reflect_tui.store import Store


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store with a shared session, a confidential one and a pre-visit analysis."""
    monkeypatch.chdir(tmp_path)
    data_dir = tmp_path / "data"
    shared = every_kind_session()
    shared.id = "aaaa11112222"
    shared.answers["story-text"] = "Jayden Smith rang from 07700 900123."
    secret = every_kind_session(confidentiality=Confidentiality.CONFIDENTIAL)
    secret.id = "bbbb11112222"
    visit = built_in_session({t.id: t for t in built_in_templates()}["pre-visit-risk"])
    visit.id = "cccc11112222"
    with Store.open(data_dir, FixedClock(FINISHED)) as store:
        store.save_sessions([shared, secret, visit])
        store.set_setting("do_not_share", ["Jayden Smith"])
        store.save_people([Person("Ann Lee"), Person("Bo Grant"), Person("Zed Quinn")])
    return data_dir


def run(data: Path, *args: str) -> int:
    return cli.main(["export", *args, "--data", str(data)])


def session_in(data: Path, sid: str) -> Session:
    with Store.open(data, read_only=True) as store:
        return store.get_session(sid)


def test_export_writes_default_name_in_current_folder(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "aaaa") == 0
    out, err = capsys.readouterr()
    name = "2026-11-20-every-kind-title-plain-words.md"
    assert out.strip() == f"Wrote {Path.cwd() / name}"
    path = Path(name)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert CANARY not in text and "# Title Plain words." in text
    # the privacy check still runs and warns, naming the step and field
    assert "warning: the privacy check flagged 2 items" in err
    assert "[story/story-text]" in err and "07700 900123" in err


def test_check_lists_findings_and_exits_3(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data, "aaaa11112222", "--check") == 3
    out, _ = capsys.readouterr()
    assert "2 items flagged" in out
    assert "What happened › The story, line 1 column 1: name 'Jayden Smith'" in out
    assert "phone number '07700 900123'" in out
    assert list(Path.cwd().glob("*.md")) == []  # --check writes nothing


def test_check_of_the_card_flags_the_case_reference_in_its_title(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "cccc", "--check", "--card") == 3
    out = capsys.readouterr().out
    assert "1 item flagged" in out and "case or reference number 'NT-0412'" in out


def test_known_people_who_were_not_there_are_flagged(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data, FixedClock(FINISHED)) as store:
        visit = store.get_session("cccc")
        visit.answers["who-knows"] = "Zed Quinn and Ann Lee hold the check-in."
        store.save_session(visit)
    assert run(data, "cccc", "--check") == 3
    out = capsys.readouterr().out
    assert "name 'Zed Quinn' (a known person who was not in the session)" in out
    assert "Ann Lee'" not in out  # the facilitator was there


def test_never_overwrites_without_force(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = Path("out.md")
    target.write_text("keep me", encoding="utf-8")
    assert run(data, "aaaa", "-o", "out.md") == 1
    assert "already exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "keep me"
    assert run(data, "aaaa", "-o", "out.md", "--force") == 0
    assert target.read_text(encoding="utf-8").startswith("---\n")


def test_confidential_needs_the_flag(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data, "bbbb") == 1
    err = capsys.readouterr().err
    assert "is confidential" in err and "--confidential" in err and "Traceback" not in err
    assert list(Path.cwd().glob("*.md")) == []
    assert run(data, "bbbb", "--confidential", "--format", "html") == 0
    [page] = Path.cwd().glob("*.html")
    assert CANARY not in page.read_text(encoding="utf-8")


def test_card_and_stdout(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data, "cccc", "--card", "-o", "-") == 0
    out = capsys.readouterr().out
    assert out.startswith("---\n") and "# Visit card: Home visit" in out
    assert run(data, "cccc", "--card", "--format", "html") == 0
    assert [p.name for p in Path.cwd().glob("*.html")] == [
        "2026-11-18-pre-visit-risk-home-visit-case-ref-nt-0412-visit-card.html"
    ]


def test_card_of_another_template_is_refused(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data, "aaaa", "--card") == 1
    assert "has no visit card" in capsys.readouterr().err


def test_unknown_session_is_a_clear_error(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(data, "zzzz") == 1
    assert "No session with id 'zzzz'" in capsys.readouterr().err


def test_export_does_not_change_the_store(data: Path) -> None:
    def store_files() -> dict[str, int]:
        # The audit log (and its lock) is the one thing an export adds to: a line saying so.
        audit = ("audit.log", "audit.lock")
        return {p.name: p.stat().st_mtime_ns for p in data.iterdir() if p.name not in audit}

    before = store_files()
    assert run(data, "aaaa") == 0
    assert store_files() == before
    assert b'"event": "export"' in (data / "audit.log").read_bytes()
    assert os.access(data, os.W_OK)
