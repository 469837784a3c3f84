"""Forget a person, and give a person everything held about them (subject access)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dp_samples import audit_bytes
from people_samples import ABOUT_OTHERS, ABOUT_ZED, build

from reflect_tui import cli
from reflect_tui.dataprotection import forget, subject_access
from reflect_tui.errors import UserError
from reflect_tui.store import Store


def mentions_of_zed(data: Path) -> list[Path]:
    return sorted(
        p
        for p in data.rglob("*")
        if p.is_file() and b"zed canary" in b" ".join(p.read_bytes().lower().split())
    )


def test_the_preview_lists_every_change_before_anything_is_changed(tmp_path: Path) -> None:
    data = build(tmp_path)
    with Store.open(data) as store:
        plan = forget.plan(store, "zed  CANARY")
    lines = plan.lines()
    assert lines[0] == "Roster: remove Zed Canary (Practitioner, North)."
    assert "Roster: 1 person(s) lose them as line manager: Bo Lind." in lines
    text = "\n".join(lines)
    assert "4 session(s)" in text
    assert "subject, owns 1 action(s)" in text
    assert "took part, named in 1 answer(s) or note(s)" in text
    assert ": facilitator" in text
    assert mentions_of_zed(data)  # the preview changed nothing


def test_forgetting_a_person_leaves_their_name_in_no_file(tmp_path: Path) -> None:
    data = build(tmp_path)
    assert len(mentions_of_zed(data)) >= 4  # store, backups, minutes
    with Store.open(data) as store:
        report = forget.forget(store, "Zed Canary")
        assert len(report.changed_sessions) == 4
        assert [p.name for p in store.people() if p.name == "Zed Canary"] == []
        bo = next(p for p in store.people() if p.name == "Bo Lind")
        assert bo.line_manager == ""
        own = next(s for s in store.iter_sessions() if s.subject == forget.LABEL)
        assert own.actions()[0].owner == forget.LABEL
        assert own.answers["decisions"] == "ZED-SUBJECT-CANARY decided"  # content stays
        with pytest.raises(UserError, match="nothing changed"):
            forget.forget(store, "Zed Canary")
    assert mentions_of_zed(data) == []
    assert b"person-forget" in audit_bytes(data) and b"Zed" not in audit_bytes(data)


def test_subject_access_holds_everything_about_them_and_nothing_about_others(
    tmp_path: Path,
) -> None:
    data = build(tmp_path)
    out = tmp_path / "out"
    with Store.open(data) as store:
        paths = subject_access.export(store, "zed canary", out)
    assert [p.name for p in paths] == [
        "subject-access-zed-canary.md",
        "subject-access-zed-canary.html",
        "subject-access-zed-canary.json",
    ]
    for path in paths:
        raw = path.read_bytes()
        for canary in ABOUT_ZED:
            assert canary in raw, (path.name, canary)
        for canary in ABOUT_OTHERS:
            assert canary not in raw, (path.name, canary)
        assert path.stat().st_mode & 0o777 == 0o600
    md = paths[0].read_text()
    assert "*(private field)*" in md and "not encrypted" in md
    assert "- 2026-09-01: 4 of" in md  # the wellbeing rating
    assert "they facilitated" in md  # Bo's session: the fact only
    rows = json.loads(paths[2].read_text())
    assert rows["roster"][0]["role"] == "Practitioner"
    assert "impact" in rows["sessions_about_them"][0]["private_fields"]
    assert b"person-export" in audit_bytes(data) and b"Zed" not in audit_bytes(data)


def test_person_commands_preview_confirm_and_refuse_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = build(tmp_path)
    code = cli.main(["person", "forget", "Zed Canary", "--data", str(data)])
    out, err = capsys.readouterr()
    assert code == 1 and "Roster: remove Zed Canary" in err + out and "--yes" in err
    assert mentions_of_zed(data)
    code = cli.main(["person", "export", "Nobody Here", "--data", str(data), "-o", str(tmp_path)])
    assert code == 1 and "Nothing is held about 'Nobody Here'" in capsys.readouterr().err
    code = cli.main(
        ["person", "export", "Zed Canary", "--yes", "--data", str(data), "-o", str(tmp_path / "x")]
    )
    assert code == 0 and "subject-access-zed-canary.md" in capsys.readouterr().out
    code = cli.main(["person", "forget", "Zed Canary", "--yes", "--data", str(data)])
    assert code == 0 and "forgotten" in capsys.readouterr().out
    assert mentions_of_zed(data) == []
