"""The privacy check worth trusting: names without a list, the do-not-share list with sensible
matching, case references, addresses, dates of birth in brackets, every text the minutes carry,
roster colleagues as owners left alone, and `reflect check` / `reflect private-names`."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
from minutes_fixtures import every_kind_session
from privacy_corpus import evaluate_corpus, fresh_cases, held_out_cases

from reflect_tui import cli
from reflect_tui.domain.answers import ActionItem, ChecklistEntry
from reflect_tui.domain.people import Person
from reflect_tui.domain.template import FieldKind
from reflect_tui.minutes.privacy import Kind, check_privacy, check_session_privacy

TARGET = 0.90


def test_the_social_care_corpus_meets_the_targets() -> None:
    for chosen in (None, fresh_cases(), held_out_cases()):
        scores = evaluate_corpus(chosen)
        assert scores.recall >= TARGET, scores.report()
        assert scores.precision >= TARGET, scores.report()


def test_names_are_found_with_an_empty_store() -> None:
    found = check_privacy("Visited Mrs Okafor; spoke to Liam and Chloe Wainwright.")
    assert [(f.kind, f.text) for f in found] == [
        (Kind.NAME, "Mrs Okafor"),
        (Kind.NAME, "Liam"),
        (Kind.NAME, "Chloe Wainwright"),
    ]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("J. Smith's flat", "J. Smith"),
        ("jayden smith rang", "jayden smith"),
        ("Smith's mum", "Smith"),
        ("Jayden's school", "Jayden"),
    ],
)
def test_do_not_share_matches_case_initials_and_possessives(text: str, flagged: str) -> None:
    found = check_privacy(text, do_not_share=["Jayden Smith"])
    assert [(f.text, f.reason) for f in found] == [(flagged, "on the do-not-share list")]


def test_roster_colleagues_as_action_owners_are_not_findings_but_listed_names_are() -> None:
    session = every_kind_session()
    session.answers["actions"] = [
        ActionItem("Book the room", owner="Priya Patel"),  # on the roster, not in the session
        ActionItem("Ring the school", owner="Jayden Smith"),  # on the do-not-share list
    ]
    found = check_session_privacy(
        session, known_people=[Person("Priya Patel")], do_not_share=["Jayden Smith"]
    )
    owners = [f.text for f in found if f.part == "owner"]
    assert owners == ["Jayden Smith"]


def test_checklist_items_are_checked() -> None:
    session = every_kind_session()
    field = next(f for f in session.template.all_fields() if f.kind is FieldKind.CHECKLIST)
    session.answers[field.id] = [ChecklistEntry(item="Tell Mrs Okafor first")]
    found = check_session_privacy(session)
    assert ("Mrs Okafor", "item") in {(f.text, f.part) for f in found}


def test_reference_patterns_are_configurable(tmp_path: Path) -> None:
    text = "Our number WX7-22 is local."
    assert check_privacy(text) == []
    found = check_privacy(text, references=[r"WX\d-\d\d"])
    assert [(f.kind, f.text) for f in found] == [(Kind.REFERENCE, "WX7-22")]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_reflect_check_prints_line_col_kind_text_and_exits_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("Hello,\nI met Mrs Okafor at 14 Orchard Close (CRN X482913).\n")
    data = tmp_path / "data"
    code, out, err = run(capsys, "check", str(draft), "--data", str(data))
    assert code == 3
    assert out.splitlines() == [
        "2:7: name: Mrs Okafor",
        "2:21: address: 14 Orchard Close",
        "2:43: case or reference number: X482913",
    ]
    assert "Checked" in err and "do-not-share list" in err  # says what was checked
    code, out, _ = run(capsys, "check", str(draft), "--json", "--data", str(data))
    rows = json.loads(out)
    assert code == 3 and rows[0] == {
        "line": 2,
        "column": 7,
        "kind": "name",
        "text": "Mrs Okafor",
        "reason": "a title or role before a name",
    }


def test_reflect_check_reads_stdin_and_a_clean_text_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"The meeting is at 10:30.\n")))
    code, out, err = run(capsys, "check", "-", "--data", str(tmp_path / "data"))
    assert code == 0 and out == "" and "Nothing flagged" in err


def test_a_missing_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "nope.txt"))
    assert code != 0 and "cannot read" in err and "Traceback" not in err


def test_private_names_can_be_added_listed_used_and_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data", str(tmp_path / "data")]
    assert run(capsys, "private-names", "add", "Jayden Smith", "2211-XB", *data)[0] == 0
    assert run(capsys, "private-names", "add", "jayden  smith", *data)[1].startswith("Nothing")
    code, out, _ = run(capsys, "private-names", *data)
    assert out.splitlines() == ["Jayden Smith", "2211-XB"]
    draft = tmp_path / "d.txt"
    draft.write_text("J Smith and case 2211-XB.\n")
    code, out, _ = run(capsys, "check", str(draft), *data)
    assert code == 3 and "1:1: name: J Smith" in out and "2211-XB" in out
    assert run(capsys, "private-names", "remove", "JAYDEN SMITH", *data)[0] == 0
    assert run(capsys, "private-names", *data)[1].splitlines() == ["2211-XB"]
    code, _, err = run(capsys, "private-names", "add", "--pattern", "([", *data)
    assert code != 0 and "not a valid regular expression" in err
