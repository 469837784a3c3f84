"""One realistic field and answer per field kind, shared by the editor tests."""

from __future__ import annotations

from datetime import date

from reflect_tui.domain.answers import (
    ActionItem,
    Answer,
    ChecklistEntry,
    ListItem,
    RiskRow,
    Value,
)
from reflect_tui.domain.template import Field, FieldKind, Scale

PEOPLE = ["Sam Okafor", "Priya Shah", "Jo Baxter"]
THEMES = ["Workload", "Wellbeing", "Training", "Lone working"]

TEXT = Field(
    id="what_happened",
    kind=FieldKind.TEXT,
    label="What happened?",
    help="Describe the visit in your own words.",
)
LIST = Field(
    id="went_well",
    kind=FieldKind.LIST,
    label="What went well?",
    help="One point per line; tag themes for the annual report.",
    themes=True,
)
ACTIONS = Field(id="actions", kind=FieldKind.ACTIONS, label="Actions agreed")
RATING = Field(
    id="wellbeing",
    kind=FieldKind.RATING,
    label="How are you doing, overall?",
    scale=Scale(1, 10, ((1, "really struggling"), (4, "getting by"), (7, "doing well"))),
)
CHECKLIST = Field(
    id="lone_working",
    kind=FieldKind.CHECKLIST,
    label="Lone-working plan",
    options=(
        "Someone knows where I am and when I will be back",
        "A check-in time is agreed",
        "There is a code word for help, known to the person I check in with and to the duty "
        "manager",
    ),
)
RISKS = Field(id="risks", kind=FieldKind.RISKS, label="Risks on this visit")
CHOICE = Field(
    id="decision",
    kind=FieldKind.CHOICE,
    label="Should the visit go ahead?",
    options=("Go ahead as planned", "Go ahead with a colleague", "Do not go ahead"),
)
DATETIME = Field(id="visit_at", kind=FieldKind.DATETIME, label="When is the visit?")
PEOPLE_FIELD = Field(id="present", kind=FieldKind.PEOPLE, label="Who is here?")
PRIVATE_TEXT = Field(
    id="feelings", kind=FieldKind.TEXT, label="How did it leave you feeling?", private=True
)

ALL_FIELDS = [TEXT, LIST, ACTIONS, RATING, CHECKLIST, RISKS, CHOICE, DATETIME, PEOPLE_FIELD]


def sample_value(field: Field) -> Value:
    """A filled-in answer for ``field`` (fresh objects on every call)."""
    values: dict[FieldKind, Value] = {
        FieldKind.TEXT: "The visit went ahead.\nWe agreed a check-in time.",
        FieldKind.LIST: [
            ListItem("Clear plan before we set off", ["Lone working"]),
            ListItem("Team checked in on me afterwards", ["Wellbeing"]),
        ],
        FieldKind.ACTIONS: [
            ActionItem("Share the visit plan template", "Priya Shah", date(2026, 12, 1)),
            ActionItem("Book decompression session", "Sam Okafor"),
        ],
        FieldKind.RATING: 6,
        FieldKind.CHECKLIST: [
            ChecklistEntry(CHECKLIST.options[0], Answer.YES, "Duty desk"),
            ChecklistEntry(CHECKLIST.options[1], Answer.NOT_SURE),
            ChecklistEntry(CHECKLIST.options[2]),
        ],
        FieldKind.RISKS: [
            RiskRow("Dog at the address", 3, 2, "Ask for it to be shut away", 1, 2),
            RiskRow("Relative with history of threats", 4, 4, "Visit in pairs", 2, 4),
            RiskRow("Access to the flat at night", None, 3),
        ],
        FieldKind.CHOICE: "Go ahead with a colleague",
        FieldKind.DATETIME: "2026-12-01T14:30",
        FieldKind.PEOPLE: ["Sam Okafor", "Jo Baxter"],
    }
    return values[field.kind]
