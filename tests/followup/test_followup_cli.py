"""The CLI: reflect people, reflect actions (list, filter, done), reflect due."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from followup_samples import saved, session

from reflect_tui import cli
from reflect_tui.domain.answers import ActionItem
from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Store

TODAY = date.today()


def run(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = cli.main([*argv, "--data", str(data)])
    out, err = capsys.readouterr()
    return code, out, err


def test_people_can_be_added_listed_and_edited(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert (
        run(
            capsys,
            data,
            "people",
            "add",
            "Bo Lind",
            "--team",
            "North",
            "--line-manager",
            "Alex Rowe",
        )[0]
        == 0
    )
    assert run(capsys, data, "people", "add", "Eve Stone", "--facilitator")[0] == 0
    code, _, err = run(capsys, data, "people", "add", "bo  lind")
    assert code == 1 and "already on the roster" in err and "reflect people edit" in err
    assert run(capsys, data, "people", "edit", "Bo Lind", "--role", "Practitioner")[0] == 0
    code, out, _ = run(capsys, data, "people", "list", "--json")
    people = {p["name"]: p for p in json.loads(out)}
    assert people["Bo Lind"]["role"] == "Practitioner"
    assert people["Bo Lind"]["line_manager"] == "Alex Rowe"
    assert people["Eve Stone"]["facilitator"] is True
    code, out, _ = run(capsys, data, "people")
    assert out.splitlines()[0].split()[:2] == ["NAME", "ROLE"] and "Eve Stone" in out
    code, _, err = run(capsys, data, "people", "edit", "Nobody")
    assert code == 1 and "reflect people list" in err


def _store_with_actions(data: Path) -> tuple[str, str]:
    late = ActionItem("Send the rota", owner="Bo Lind", due=TODAY - timedelta(days=3))
    later = ActionItem("Book training", owner="Cy Marsh", due=TODAY + timedelta(days=9))
    clock = FixedClock(datetime.combine(TODAY, time(9)))
    with Store.open(data, clock) as store:
        saved(
            store,
            session("team-reflection", TODAY - timedelta(days=20), team="North", actions=(late,)),
            session("team-reflection", TODAY - timedelta(days=20), team="South", actions=(later,)),
        )
    return late.id, later.id


def test_actions_lists_overdue_filters_and_marks_done(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    late, later = _store_with_actions(data)
    code, out, _ = run(capsys, data, "actions", "--overdue", "--json")
    assert code == 0
    assert [(a["id"], a["team"], a["overdue"]) for a in json.loads(out)] == [(late, "North", True)]
    _, out, _ = run(capsys, data, "actions", "--team", "south", "--json")
    assert [a["id"] for a in json.loads(out)] == [later]
    _, out, _ = run(capsys, data, "actions")
    assert out.splitlines()[1].split()[:3] == [
        late,
        (TODAY - timedelta(days=3)).isoformat(),
        "OVERDUE",
    ]
    code, out, _ = run(capsys, data, "actions", "done", late[:5], "--note", "Sent on Monday")
    assert code == 0 and "is now done" in out
    _, out, _ = run(capsys, data, "actions", "--owner", "Bo Lind", "--json")
    (row,) = json.loads(out)
    assert (row["status"], row["note"], row["overdue"]) == ("done", "Sent on Monday", False)
    code, _, err = run(capsys, data, "actions", "done")
    assert code == 1 and "reflect actions done ID" in err


def test_due_reports_overdue_people_and_saves_a_new_cadence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    run(capsys, data, "people", "add", "Bo Lind")
    clock = FixedClock(datetime.combine(TODAY, time(9)))
    with Store.open(data, clock) as store:
        saved(store, session("decompression", TODAY - timedelta(days=100), subject="Bo Lind"))
    code, out, _ = run(capsys, data, "due", "--json")
    report = json.loads(out)
    assert code == 0 and report["cadence"] == {"decompression_months": 3, "supervision_weeks": 4}
    assert [(d["person"], d["type"], d["state"]) for d in report["due"]] == [
        ("Bo Lind", "decompression", "overdue")
    ]
    code, out, _ = run(capsys, data, "due", "--decompression-months", "6")
    assert code == 0 and "every 6 months" in out and "Everyone is up to date." in out
    code, _, err = run(capsys, data, "due", "--supervision-weeks", "0")
    assert code == 1 and "from 1 to 52" in err
