"""Templates and sessions built in code for the minutes tests.

``every_kind_template`` has one field of every kind plus a private field, so a
test can push any text through every path of the renderer.
"""

from __future__ import annotations

from datetime import date, datetime

from reflect_tui.domain.answers import (
    ActionItem,
    ActionStatus,
    Answer,
    ChecklistEntry,
    ListItem,
    RiskRow,
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

WHEN = datetime(2026, 11, 20, 10, 0)
FINISHED = datetime(2026, 11, 20, 11, 30)
CANARY = "CANARY-7f3a-private-note"


def every_kind_template(
    confidentiality: Confidentiality = Confidentiality.SHARED, template_id: str = "every-kind"
) -> Template:
    scale = Scale(1, 10, ((1, "Struggling"), (5, "Getting by"), (8, "Doing well")))
    return Template(
        id=template_id,
        title="Every kind",
        description="One field of every kind.",
        kind=SessionKind.TEAM,
        confidentiality=confidentiality,
        duration_minutes=60,
        version="1",
        steps=(
            Step("intro", "Welcome", guidance="No fields here."),
            Step(
                "story",
                "What happened",
                fields=(
                    Field("story-text", FieldKind.TEXT, "The story"),
                    Field("private-note", FieldKind.TEXT, "Facilitator's note", private=True),
                ),
            ),
            Step(
                "learning",
                "Learning",
                fields=(Field("learning-list", FieldKind.LIST, "What we learnt", themes=True),),
            ),
            Step("mood", "Mood", fields=(Field("mood", FieldKind.RATING, "Mood", scale=scale),)),
            Step(
                "check",
                "Boundaries",
                fields=(
                    Field(
                        "boundaries",
                        FieldKind.CHECKLIST,
                        "Boundaries check",
                        options=("Service-user focus", "Self-disclosure"),
                    ),
                ),
            ),
            Step("risks", "Risks", fields=(Field("risks", FieldKind.RISKS, "Risk register"),)),
            Step(
                "decide",
                "Decision",
                fields=(
                    Field(
                        "decision",
                        FieldKind.CHOICE,
                        "Decision",
                        options=("Go ahead", "Go ahead with changes", "Do not go"),
                    ),
                    Field("when", FieldKind.DATETIME, "When"),
                    Field("who", FieldKind.PEOPLE, "Who"),
                ),
            ),
            Step("actions", "Actions", fields=(Field("actions", FieldKind.ACTIONS, "Actions"),)),
            Step(
                "private-step",
                "Private reflections",
                fields=(Field("private-list", FieldKind.LIST, "Private", private=True),),
            ),
        ),
    )


def every_kind_session(
    text: str = "Plain words.",
    confidentiality: Confidentiality = Confidentiality.SHARED,
) -> Session:
    """A session whose every user-typed value contains ``text``."""
    template = every_kind_template(confidentiality)
    session = Session.start(
        template,
        f"Title {text}",
        WHEN,
        facilitator=text,
        participants=[f"Ann {text}", "Bo"],
        apologies=[f"Cy {text}"],
        team=f"Team {text}",
    )
    session.status = Status.COMPLETE
    session.finished_at = FINISHED
    session.next_session = "2026-12-18T10:00"
    a = session.answers
    a["story-text"] = f"{text}\n\nBefore {text} after.\n{text}\n\nSecond paragraph {text}."
    a["private-note"] = f"{CANARY} {text}"
    a["learning-list"] = [
        ListItem(text, themes=[text]),
        ListItem(f"Item {text}", themes=[f"theme {text}"]),
        ListItem("Two"),
    ]
    a["mood"] = 6
    a["boundaries"] = [
        ChecklistEntry("Service-user focus", Answer.YES, note=text),
        ChecklistEntry("Self-disclosure", None, note=f"Note {text}"),
    ]
    a["risks"] = [
        RiskRow(text, 3, 4, controls=text, residual_likelihood=1, residual_severity=4),
        RiskRow(f"Hazard {text}", None, 3, controls=f"Control {text}"),
    ]
    a["decision"] = "Go ahead with changes"
    a["when"] = "2026-11-24T14:30"
    a["who"] = [text, "Eve"]
    a["actions"] = [
        ActionItem(text, owner=text, due=date(2026, 12, 1), note=text),
        ActionItem(f"Do {text}", owner=f"Ann {text}", note=f"N {text}"),
        ActionItem("Book room", status=ActionStatus.DONE),
    ]
    a["private-list"] = [ListItem(f"{CANARY} list", themes=[f"{CANARY}-theme"])]
    return session
