"""A session keeps everything it captured through a store round trip."""

from datetime import date, datetime

from reflect_tui.domain.answers import (
    ActionItem,
    ActionStatus,
    Answer,
    ChecklistEntry,
    ListItem,
    RiskRow,
    checklist_entries,
)
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import (
    Confidentiality,
    Field,
    FieldKind,
    Scale,
    SessionKind,
    Step,
    Template,
)

WHEN = datetime(2026, 3, 2, 9, 30)


def every_kind_template() -> Template:
    fields = (
        Field("notes", FieldKind.TEXT, "Notes"),
        Field("went-well", FieldKind.LIST, "What went well", themes=True),
        Field("actions", FieldKind.ACTIONS, "Actions"),
        Field("wellbeing", FieldKind.RATING, "Wellbeing", scale=Scale(1, 10, ((1, "Low"),))),
        Field("checks", FieldKind.CHECKLIST, "Checks", options=("Exit route known",)),
        Field("risks", FieldKind.RISKS, "Risks"),
        Field("decision", FieldKind.CHOICE, "Decision", options=("go", "do not go")),
        Field("when", FieldKind.DATETIME, "When"),
        Field("who", FieldKind.PEOPLE, "Who"),
        Field("private-note", FieldKind.LIST, "Private", private=True, themes=True),
    )
    return Template(
        id="all-kinds",
        title="All kinds",
        description="Every field kind",
        kind=SessionKind.TEAM,
        confidentiality=Confidentiality.CONFIDENTIAL,
        duration_minutes=30,
        version="2",
        steps=(Step("only", "Only step", "Talk.", 10, fields),),
    )


def test_a_new_session_starts_empty_with_the_templates_confidentiality() -> None:
    session = Session.start(every_kind_template(), "Team A", WHEN)
    assert session.is_confidential
    assert session.status is Status.DRAFT
    assert session.answer("notes") == ""
    assert session.answer("wellbeing") is None
    assert [e.item for e in checklist_entries(session.answer("checks"))] == ["Exit route known"]


def test_every_kind_of_answer_survives_a_round_trip_through_json() -> None:
    session = Session.start(every_kind_template(), "Team A", WHEN, team="North")
    session.answers["notes"] = "A | tricky # line\n---\n"
    session.answers["went-well"] = [ListItem("Cover arranged", ["workload"])]
    session.answers["actions"] = [
        ActionItem("Book training", "AB", date(2026, 4, 1), ActionStatus.OPEN)
    ]
    session.answers["wellbeing"] = 7
    session.answers["checks"] = [ChecklistEntry("Exit route known", Answer.NOT_SURE, "ask")]
    session.answers["risks"] = [RiskRow("Dog", 3, None, "Ask owner to shut it away", 1, 2)]
    session.answers["decision"] = "go"
    session.answers["when"] = "2026-03-02T14:00"
    session.answers["who"] = ["AB", "CD"]
    session.status = Status.COMPLETE

    again = Session.from_dict(session.to_dict())

    assert again == session
    assert again.template == session.template


def test_themes_can_leave_out_private_fields() -> None:
    session = Session.start(every_kind_template(), "Team A", WHEN)
    session.answers["went-well"] = [ListItem("x", ["workload", "culture"])]
    session.answers["private-note"] = [ListItem("y", ["home life"])]
    assert session.themes() == ["workload", "culture", "home life"]
    assert session.themes(include_private=False) == ["workload", "culture"]


def test_overdue_means_open_and_past_its_due_date() -> None:
    action = ActionItem("Call back", due=date(2026, 1, 1))
    assert action.is_overdue(date(2026, 1, 2))
    assert not action.is_overdue(date(2026, 1, 1))
    action.status = ActionStatus.DONE
    assert not action.is_overdue(date(2026, 6, 1))


def test_sessions_decoded_from_the_same_snapshot_share_one_template() -> None:
    first = Session.start(every_kind_template(), "A", WHEN).to_dict()
    second = Session.start(every_kind_template(), "B", WHEN).to_dict()
    assert Session.from_dict(first).template is Session.from_dict(second).template


def test_an_edited_snapshot_with_the_same_version_is_not_confused_with_the_old_one() -> None:
    old = Session.start(every_kind_template(), "A", WHEN).to_dict()
    edited = Session.start(every_kind_template(), "B", WHEN).to_dict()
    template = edited["template"]
    assert isinstance(template, dict)
    template["title"] = "Renamed in place"
    assert Session.from_dict(old).template.title == "All kinds"
    assert Session.from_dict(edited).template.title == "Renamed in place"
