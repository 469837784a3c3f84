"""The privacy check: what it flags, where it says the text came from, and how well it does.

The recall/precision figures come from the labelled set in minutes_privacy_cases.py;
run ``pytest tests/minutes/test_minutes_privacy.py -s`` (or
``.venv/bin/python tests/benchmarks/privacy_eval.py``) to see them.
"""

from __future__ import annotations

from minutes_fixtures import every_kind_session
from minutes_privacy_cases import evaluate

from reflect_tui.domain.answers import ActionItem, RiskRow, action_items, risk_rows
from reflect_tui.domain.people import Person
from reflect_tui.minutes import Kind, check_privacy, check_session_privacy
from reflect_tui.minutes.privacy import nhs_check_digit_ok

RECALL_TARGET = 0.95
PRECISION_TARGET = 0.90


def test_labelled_set_meets_recall_and_precision_targets() -> None:
    scores = evaluate()
    print("\n" + scores.report())
    assert scores.recall >= RECALL_TARGET, scores.report()
    assert scores.precision >= PRECISION_TARGET, scores.report()


def test_nhs_check_digit_rule() -> None:
    assert nhs_check_digit_ok("9434765919")  # the usual published example
    assert not nhs_check_digit_ok("9434765918")  # same number, wrong last digit
    assert nhs_check_digit_ok("8288360750")  # 11 - 0 = 11, which means a check digit of 0
    assert not nhs_check_digit_ok("6405622410")  # 11 - (sum mod 11) = 10: never valid
    assert not nhs_check_digit_ok("943476591")  # nine digits


def test_finding_gives_line_and_column_in_the_text() -> None:
    text = "First line\nsecond line: call 07700 900123 today"
    [finding] = check_privacy(text)
    assert (finding.kind, finding.text, finding.line, finding.column) == (
        Kind.PHONE,
        "07700 900123",
        2,
        19,
    )


def test_people_in_the_session_are_not_flagged_but_others_are() -> None:
    people: list[str | Person] = [Person("Ann Lee"), Person("Bo Grant"), "Cy Dunn"]
    text = "Ann Lee and Bo Grant met Cy Dunn; Dee Ray was mentioned."
    found = check_privacy(text, known_people=people, attendees=["Ann Lee", "bo  grant"])
    # Cy Dunn from the roster; Dee Ray by the shape of a name (a first name and a surname).
    assert [(f.kind, f.text) for f in found] == [(Kind.NAME, "Cy Dunn"), (Kind.NAME, "Dee Ray")]
    found = check_privacy(text, known_people=people, do_not_share=["Dee Ray", "Ann Lee"],
                          attendees=["Ann Lee"])  # fmt: skip
    assert [f.text for f in found] == ["Ann Lee", "Bo Grant", "Cy Dunn", "Dee Ray"]
    assert found[0].reason == "on the do-not-share list"


def test_session_findings_point_at_step_field_and_row() -> None:
    session = every_kind_session()
    session.title = "Visit to Jayden Smith"
    session.answers["story-text"] = "He said:\nring me on 07700 900123"
    action_items(session.answers["actions"]).append(
        ActionItem("Write to him", owner="j.smith@example.org")
    )
    risk_rows(session.answers["risks"]).append(
        RiskRow("Dog", 2, 2, controls="Meet at SW1A 1AA instead")
    )
    session.answers["private-note"] = "NHS 943 476 5919"  # private: never exported, not checked

    found = check_session_privacy(session, do_not_share=["Jayden Smith"])
    where = {(f.kind, f.field_id, f.step_id, f.item, f.part, f.line) for f in found}
    assert where == {
        (Kind.NAME, "title", None, None, None, 1),
        (Kind.PHONE, "story-text", "story", None, None, 2),
        (Kind.EMAIL, "actions", "actions", 3, "owner", 1),
        (Kind.POSTCODE, "risks", "risks", 2, "controls", 1),
    }
    email = next(f for f in found if f.kind is Kind.EMAIL)
    assert "Actions › Actions (item 4, owner)" in email.describe()


def test_session_attendees_are_allowed_known_people() -> None:
    session = every_kind_session()
    session.answers["story-text"] = "Bo and Ann Plain words. spoke with Cy Plain words. and Zed."
    people = [Person("Bo"), Person("Zed")]
    found = check_session_privacy(session, known_people=people)
    assert [(f.text, f.field_id) for f in found] == [("Zed", "story-text")]


def test_card_check_covers_only_what_the_card_shows() -> None:
    session = every_kind_session()
    session.answers["story-text"] = "07700 900123"
    session.answers["risks"] = [RiskRow("Hazard at M1 1AE", 2, 2, controls="Call 07700 900456")]
    whole = {(f.field_id, f.text) for f in check_session_privacy(session)}
    card = {(f.field_id, f.text) for f in check_session_privacy(session, card=True)}
    assert whole == {
        ("story-text", "07700 900123"),
        ("risks", "M1 1AE"),
        ("risks", "07700 900456"),
    }
    assert card == {("risks", "07700 900456")}  # the card shows controls, not hazards
