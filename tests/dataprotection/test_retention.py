"""Retention: each kind of record is kept for its period; what is past it can be erased."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from dp_samples import files_holding
from followup_samples import TODAY, open_store, saved, session

from reflect_tui import cli
from reflect_tui.dataprotection import retention
from reflect_tui.errors import UserError


def build(tmp_path: Path) -> dict[str, str]:
    with open_store(tmp_path) as store:
        old_visit = session(
            "pre-visit-risk",
            date(2001, 1, 1),
            subject="Bo Lind",
            answers={"purpose": "CANARY-OLD-VISIT"},
        )
        new_visit = session("pre-visit-risk", date(2025, 6, 1), subject="Bo Lind")
        old_team = session("team-reflection", date(2001, 2, 1), team="North")
        recent_team = session("team-reflection", date(2026, 1, 5), team="North")
        saved(store, old_visit, new_visit, old_team, recent_team)
    return {"old_visit": old_visit.id, "old_team": old_team.id, "new_visit": new_visit.id}


def test_defaults_by_kind_and_an_organisation_setting_per_template(tmp_path: Path) -> None:
    ids = build(tmp_path)
    with open_store(tmp_path) as store:
        assert [d.summary.id for d in retention.due_in(store)] == [
            ids["old_visit"],
            ids["old_team"],
        ]
        # The organisation keeps team records for good and pre-visit plans for one year.
        retention.set_period(store, "team", None)
        retention.set_period(store, "pre-visit-risk", 365)
        due = retention.due_in(store)
        assert [d.summary.id for d in due] == [ids["old_visit"], ids["new_visit"]]
        assert due[0].since == date(2002, 1, 1) and due[0].days == 365
        with pytest.raises(UserError, match="1 or more"):
            retention.set_period(store, "team", 0)
    assert date(2026, 11, 20) == TODAY  # the store's clock, not today's date


def test_reflect_retention_lists_then_erases_after_a_typed_yes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = build(tmp_path)
    data = str(tmp_path / "data")
    # The CLI runs on the real clock; records from 2001 are past any period set here.
    assert cli.main(["retention", "--data", data, "--set", "team=never"]) == 0
    out = capsys.readouterr().out
    assert "team for good" in out and "individual 730 days" in out
    assert ids["old_visit"] in out and ids["old_team"] not in out
    assert cli.main(["retention", "--data", data, "--purge"]) == 1  # no terminal, no --yes
    assert "--yes" in capsys.readouterr().err
    assert files_holding(tmp_path / "data", b"CANARY-OLD-VISIT")
    assert cli.main(["retention", "--data", data, "--purge", "--yes"]) == 0
    assert "Erased" in capsys.readouterr().out
    assert files_holding(tmp_path / "data", b"CANARY-OLD-VISIT") == []
    assert cli.main(["retention", "--data", data, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows["due"] == [] or all(r["id"] != ids["old_visit"] for r in rows["due"])
    assert b"retention-purge" in (tmp_path / "data" / "audit.log").read_bytes()
    assert cli.main(["retention", "--data", data, "--set", "team=soon"]) == 1
    assert "whole number" in capsys.readouterr().err
