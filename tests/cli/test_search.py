"""`reflect search`: what did we agree about caseload in the spring?"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from cli_samples import action, build_store, make_session, run

from reflect_tui.domain.answers import ListItem
from reflect_tui.search import fold, search


def _sessions() -> list[object]:
    spring = make_session(
        "supervision-one-to-one",
        "April supervision",
        date(2026, 4, 14),
        subject="Bo Lind",
        confidential=True,
        answers={
            "workload-notes": "We agreed the CASELOAD stays at 30 until June.",
            "impact": "Private: the caseload is keeping me awake.",
        },
    )
    spring.answers["actions"] = [action("Review caseload weights", "Alex Rowe", None, spring)]
    team = make_session(
        "team-reflection",
        "Réunion café, North",
        date(2026, 5, 2),
        team="North",
        answers={"what-happened": "The café  meeting\nwent well."},
    )
    team.answers["went-well"] = [ListItem("Cover for the duty desk", ["caseload"])]
    return [spring, team]


def test_search_finds_answers_case_and_accent_insensitively_and_marks_confidential(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = build_store(tmp_path, *_sessions())  # type: ignore[arg-type]
    code, out, _ = run(capsys, data, "search", "caseload", "--json")
    assert code == 0
    hits = json.loads(out)
    # newest session first; in each, the steps' order; a theme tag counts as text
    assert [(h["title"], h["field"]) for h in hits] == [
        ("Réunion café, North", "went-well"),
        ("April supervision", "workload-notes"),
        ("April supervision", "actions"),
    ]
    spring = [h for h in hits if h["title"] == "April supervision"]
    assert all(h["confidential"] for h in spring)
    assert not any(h["private"] for h in hits), "private fields are not searched by default"
    notes = next(h for h in spring if h["field"] == "workload-notes")
    assert notes["step_title"] and notes["snippet"].startswith("We agreed the CASELOAD")
    start, end = notes["match"]
    assert notes["snippet"][start:end] == "CASELOAD"

    code, out, _ = run(capsys, data, "search", "cafe", "meeting")
    assert "Réunion café, North" in out and "The café meeting went well." in out
    assert "[CONFIDENTIAL]" not in out
    code, out, _ = run(capsys, data, "search", "REUNION", "--json")
    assert [h["field"] for h in json.loads(out)] == ["title"]


def test_private_fields_are_searched_only_when_asked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = build_store(tmp_path, *_sessions())  # type: ignore[arg-type]
    code, out, _ = run(capsys, data, "search", "awake")
    assert code == 0 and "Nothing" in out and "keeping me awake" not in out
    code, out, _ = run(capsys, data, "search", "awake", "--private")
    assert "keeping me awake" in out and "[PRIVATE]" in out and "[CONFIDENTIAL]" in out
    code, _, err = run(capsys, data, "search", "  ")
    assert code == 1 and "Say what to find" in err


def test_folding_keeps_the_place_of_each_character() -> None:
    folded, origin = fold("Straße Café")
    assert folded == "strasse cafe"
    assert origin[folded.index("cafe")] == "Straße Café".index("Café")


def test_search_is_plain_python_over_sessions() -> None:
    hits = search(_sessions(), "duty desk")  # type: ignore[arg-type]
    assert [(h.field_id, h.snippet) for h in hits] == [("went-well", "Cover for the duty desk")]
