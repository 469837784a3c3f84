"""Builders for follow-through tests: a store with people and sessions on chosen dates."""

from __future__ import annotations

from datetime import date, datetime, time
from functools import cache
from pathlib import Path
from typing import Any

from reflect_tui.domain.answers import ActionItem
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Template
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary

TODAY = date(2026, 11, 20)
NOW = datetime.combine(TODAY, time(10, 0))

ROSTER = (
    Person("Alex Rowe", role="Team Manager", team="North", line_manager="Sam Head"),
    Person("Bo Lind", role="Practitioner", team="North", line_manager="Alex Rowe"),
    Person("Cy Marsh", role="Practitioner", team="South", line_manager="Dee Holt"),
    Person("Dee Holt", role="Team Manager", team="South", line_manager="Sam Head"),
    Person("Eve Stone", role="Psychologist", facilitator=True),
    Person("Sam Head", role="Head of Service"),
)


@cache
def template(template_id: str) -> Template:
    return TemplateLibrary.from_dirs([]).get(template_id)


def open_store(tmp_path: Path, today: date = TODAY) -> Store:
    store = Store.open(tmp_path / "data", FixedClock(datetime.combine(today, time(10, 0))))
    store.save_people(
        [Person(p.name, p.role, p.team, p.line_manager, p.facilitator) for p in ROSTER]
    )
    return store


def session(
    template_id: str,
    day: date,
    *,
    team: str = "",
    subject: str = "",
    facilitator: str = "Eve Stone",
    actions: tuple[str | ActionItem, ...] = (),
    complete: bool = True,
    answers: dict[str, Any] | None = None,
    title: str = "",
) -> Session:
    t = template(template_id)
    s = Session.start(
        t,
        title or f"{t.title}: {team or subject} {day}",
        datetime.combine(day, time(9, 30)),
        team=team,
        subject=subject,
        facilitator=facilitator,
    )
    items = [
        a if isinstance(a, ActionItem) else ActionItem(what=a, owner="Bo Lind") for a in actions
    ]
    for item in items:
        item.created_in = s.id
    if items:
        s.answers["actions"] = items
    s.answers.update(answers or {})
    if complete:
        s.status = Status.COMPLETE
    return s


def saved(store: Store, *sessions: Session) -> list[Session]:
    store.save_sessions(list(sessions))
    return list(sessions)
