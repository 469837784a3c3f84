"""Confidentiality travels with the data: nothing from a confidential session reaches shared
minutes or a list by way of follow-through (carried actions, outcome notes, debriefs).

Each story plants canaries in the confidential session and then reads the shared minutes
the way a person would get them: `reflect export SESSION -o -`.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path

import pytest
from followup_samples import open_store, saved, session

from reflect_tui import cli
from reflect_tui.domain.answers import ActionItem, RiskRow
from reflect_tui.domain.confidential import CONFIDENTIAL_CARRIED_TEXT
from reflect_tui.domain.followup import Outcome
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Confidentiality
from reflect_tui.followup.carry import refresh_carried
from reflect_tui.followup.debrief import start_debrief
from reflect_tui.followup.status import apply_outcome
from reflect_tui.minutes import ConfidentialExportRefused, render_markdown
from reflect_tui.minutes.rules import saved_on_finish
from reflect_tui.store import Store
from reflect_tui.templates import parse_template

from followup_samples import template  # isort: skip

CANARIES = ("CANARYWHAT", "Olwen Canary", "CANARYTITLE", "CANARYNOTE", "CANARYHAZARD")
OCT_1_LONG = "1 October 2026"


def export(capsys: pytest.CaptureFixture[str], data: Path, sid: str, *extra: str) -> str:
    code = cli.main(["export", sid, "-o", "-", "--data", str(data), *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def cli_out(capsys: pytest.CaptureFixture[str], data: Path, *argv: str) -> tuple[int, str, str]:
    code = cli.main([*argv, "--data", str(data)])
    out, err = capsys.readouterr()
    return code, out, err


def assert_no_canary(text: str) -> None:
    for canary in CANARIES:
        assert canary not in text, f"{canary!r} leaked"


def confidential_team_session(day: date) -> Session:
    s = session(
        "team-reflection",
        day,
        team="North",
        title="CANARYTITLE team meeting",
        actions=(ActionItem(what="CANARYWHAT follow the complaint", owner="Olwen Canary"),),
    )
    s.confidentiality = Confidentiality.CONFIDENTIAL
    for a in s.actions():
        a.created_in = s.id
    return s


def test_an_action_carried_from_a_confidential_session_is_only_counted_in_shared_minutes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(tmp_path) as store:
        secret = confidential_team_session(date(2026, 10, 1))
        saved(store, secret)
        shared = session("team-reflection", date(2026, 11, 1), team="North", title="North Nov")
        carried = refresh_carried(store, shared)
        assert [c.confidential for c in carried] == [True]
        apply_outcome(
            store, shared, carried[0].id, Outcome.DONE, today=date(2026, 11, 1), note="sorted"
        )
        saved(store, shared)
    out = export(capsys, tmp_path / "data", shared.id)
    assert_no_canary(out)
    assert OCT_1_LONG not in out
    assert CONFIDENTIAL_CARRIED_TEXT in out


def test_a_carried_confidential_action_is_shown_once_the_person_confirms(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(tmp_path) as store:
        saved(store, confidential_team_session(date(2026, 10, 1)))
        shared = session("team-reflection", date(2026, 11, 1), team="North", title="North Nov")
        refresh_carried(store, shared)
        shared.carried[0].disclosed = True
        saved(store, shared)
    out = export(capsys, tmp_path / "data", shared.id)
    assert "CANARYWHAT" in out and CONFIDENTIAL_CARRIED_TEXT not in out


def test_a_confidential_one_to_one_action_does_not_reach_a_shared_one_to_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(tmp_path) as store:
        first = session(
            "supervision-one-to-one",
            date(2026, 10, 1),
            subject="Bo Lind",
            title="CANARYTITLE supervision",
            actions=(ActionItem(what="CANARYWHAT see the GP", owner="Olwen Canary"),),
        )
        assert first.is_confidential  # the template's default
        for a in first.actions():
            a.created_in = first.id
        second = session("supervision-one-to-one", date(2026, 11, 1), subject="Bo Lind")
        second.confidentiality = Confidentiality.SHARED
        saved(store, first)
        refresh_carried(store, second)
        saved(store, second)
    out = export(capsys, tmp_path / "data", second.id)
    assert_no_canary(out)
    assert CONFIDENTIAL_CARRIED_TEXT in out


def test_an_outcome_note_typed_in_a_confidential_session_stays_out_of_the_shared_minutes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(tmp_path) as store:
        shared = session(
            "team-reflection",
            date(2026, 10, 1),
            team="North",
            title="North October",
            actions=("Share the visit checklist",),
        )
        saved(store, shared)
        later = session(
            "team-reflection", date(2026, 11, 3), team="North", title="CANARYTITLE", complete=False
        )
        later.confidentiality = Confidentiality.CONFIDENTIAL
        carried = refresh_carried(store, later)
        apply_outcome(
            store,
            later,
            carried[0].id,
            Outcome.DONE,
            today=date(2026, 11, 3),
            note="CANARYNOTE Olwen Canary was off sick",
        )
        saved(store, later)
    out = export(capsys, tmp_path / "data", shared.id)
    assert_no_canary(out)
    assert "3 November 2026" not in out
    assert "Share the visit checklist" in out and "reviewed in a later session" in out
    # The confidential session keeps its own note.
    mine = export(capsys, tmp_path / "data", later.id, "--confidential")
    assert "CANARYNOTE" in mine
    # ...and the shared record's copy of the action has no note either.
    code, listed, _ = cli_out(capsys, tmp_path / "data", "actions", "--json")
    assert code == 0 and "CANARYNOTE" not in listed


def confidential_plan(store: Store) -> Session:
    plan = session(
        "pre-visit-risk",
        date(2026, 10, 1),
        subject="Bo Lind",
        title="Pre-visit: CANARYTITLE",
        answers={
            "risks": [RiskRow(hazard="CANARYHAZARD dog", likelihood=3, severity=3, controls="x")]
        },
    )
    plan.confidentiality = Confidentiality.CONFIDENTIAL
    saved(store, plan)
    return plan


def test_a_debrief_of_a_confidential_plan_is_confidential(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        plan = confidential_plan(store)
        debrief = start_debrief(
            plan, template("post-visit-debrief"), datetime.combine(date(2026, 10, 2), time(9))
        )
    assert debrief.is_confidential
    assert not saved_on_finish(debrief)
    with pytest.raises(ConfidentialExportRefused):
        render_markdown(debrief)


def test_no_list_names_a_confidential_session_without_being_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(tmp_path) as store:
        secret = confidential_team_session(date(2026, 10, 1))
        decomp = session("decompression", date(2026, 10, 5), subject="Bo Lind", title="CANARYTITLE")
        assert decomp.is_confidential
        saved(store, secret, decomp, session("team-reflection", date(2026, 10, 2), team="South"))
    data = tmp_path / "data"
    for argv in (("actions",), ("actions", "--json"), ("list",), ("list", "--json")):
        code, out, err = cli_out(capsys, data, *argv)
        assert code == 0
        assert_no_canary(out)
        assert "--confidential" in err  # says what was left out and how to see it
    code, out, _ = cli_out(capsys, data, "actions", "--json", "--confidential")
    assert "CANARYWHAT" in out
    code, out, _ = cli_out(capsys, data, "list", "--confidential")
    assert "CANARYTITLE" in out
    code, out, _ = cli_out(capsys, data, "due", "--json", "--all")
    bo = [e for e in json.loads(out)["due"] if e["person"] == "Bo Lind"]
    decompression = next(e for e in bo if e["type"] == "decompression")
    assert decompression["last"] is None and decompression["next_due"] is None
    code, out, _ = cli_out(capsys, data, "due", "--json", "--all", "--confidential")
    bo = [e for e in json.loads(out)["due"] if e["person"] == "Bo Lind"]
    assert next(e for e in bo if e["type"] == "decompression")["last"] == "2026-10-05"


PRIVATE_ACTIONS_TEMPLATE = """\
---
id: private-actions
title: Private actions test
kind: team
confidentiality: shared
version: 1
---

# Private actions test

## Actions {#actions}

Agree what happens next.

```field
id: actions
kind: actions
label: Shared actions
```

```field
id: my-actions
kind: actions
label: Things only I track
private: yes
```
"""


def test_a_private_actions_field_never_reaches_the_actions_table_lists_or_minutes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    t = parse_template(PRIVATE_ACTIONS_TEMPLATE, "private-actions.md")
    s = Session.start(t, "Team", datetime(2026, 10, 1, 9), team="North")
    s.answers["actions"] = [ActionItem(what="Book the room", owner="Bo Lind")]
    s.answers["my-actions"] = [ActionItem(what="CANARYWHAT ring Olwen Canary", due=date.today())]
    s.status = Status.COMPLETE
    with open_store(tmp_path) as store:
        saved(store, s)
        assert [a.action.what for a in store.actions()] == ["Book the room"]
        assert all("CANARY" not in a.what for a in store.open_actions())
    data = tmp_path / "data"
    for argv in (("actions", "--json", "--confidential"), ("actions", "--confidential")):
        code, out, _ = cli_out(capsys, data, *argv)
        assert code == 0 and "Book the room" in out
        assert_no_canary(out)
    assert_no_canary(export(capsys, data, s.id))
    assert_no_canary(export(capsys, data, s.id, "--format", "html"))


@pytest.mark.parametrize(
    ("answer", "tags_out"),
    [
        ("Yes, anonymised themes may be used", True),
        ("No, nothing from this session", False),
        ("Decide at the end of the session", False),
    ],
)
def test_no_tag_from_a_session_without_consent_reaches_the_front_matter(
    answer: str, tags_out: bool
) -> None:
    from reflect_tui.domain.answers import ListItem

    s = session("decompression", date(2026, 10, 5), subject="Bo Lind")
    list_field = next(
        f for f in s.template.all_fields() if f.kind.value == "list" and not f.private
    )
    s.answers[list_field.id] = [ListItem("a note", themes=["workload"])]
    s.answers["theme-consent"] = answer
    front = render_markdown(s, confirmed_confidential=True).split("---\n")[1]
    assert ("workload" in front) is tags_out
