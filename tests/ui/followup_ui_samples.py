"""A store for the follow-through Pilot and snapshot tests (fixed clock, invented people)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from reflect_tui.domain.answers import ActionItem, ActionStatus
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session, Status
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary

NOW = datetime(2026, 3, 2, 9, 30)
TODAY = NOW.date()

PEOPLE = [
    Person("Alex Rowe", "Team Manager", "North", "Sam Head", id="p1"),
    Person("Bo Lind", "Practitioner", "North", "Alex Rowe", id="p2"),
    Person("Cy Marsh", "Practitioner", "South", "Dee Holt", id="p3"),
    Person("Dee Holt", "Team Manager", "South", "Sam Head", id="p4"),
    Person("Eve Stone", "Psychologist", "", "", True, id="p5"),
    Person("Sam Head", "Head of Service", "", "", id="p6"),
]


def team_session(
    team: str,
    day: date,
    actions: list[ActionItem],
    *,
    sid: str,
    title: str,
    complete: bool = True,
) -> Session:
    template = TemplateLibrary.from_dirs([]).get("team-reflection")
    s = Session.start(
        template,
        title,
        datetime.combine(day, time(14)),
        team=team,
        facilitator="Eve Stone",
        id=sid,
    )
    for a in actions:
        a.created_in = s.id
    s.answers["actions"] = actions
    if complete:
        s.status = Status.COMPLETE
    return s


def fill(data: Path) -> None:
    """Two teams with open, overdue and closed actions, and a North draft to carry into."""
    clock = FixedClock(NOW)
    north = team_session(
        "North",
        TODAY - timedelta(days=40),
        [
            ActionItem("Share the visit checklist", "Bo Lind", TODAY - timedelta(days=5), id="a1"),
            ActionItem(
                "Book de-escalation training", "Alex Rowe", TODAY + timedelta(days=20), id="a2"
            ),
            ActionItem(
                "Update the rota",
                "Bo Lind",
                TODAY - timedelta(days=30),
                ActionStatus.DONE,
                "Done in January",
                id="a3",
            ),
        ],
        sid="s-north-jan",
        title="North reflection, January",
    )
    south = team_session(
        "South",
        TODAY - timedelta(days=35),
        [ActionItem("Ask IT about address alerts", "Cy Marsh", TODAY - timedelta(days=2), id="a4")],
        sid="s-south-jan",
        title="South reflection, January",
    )
    with Store.open(data, clock) as store:
        store.save_people(PEOPLE)
        store.save_sessions([north, south])


def new_north_session(data: Path) -> Session:
    s = team_session(
        "North", TODAY, [], sid="s-north-mar", title="North reflection, March", complete=False
    )
    with Store.open(data, FixedClock(NOW)) as store:
        store.save_session(s)
    return s
