"""Sample data for the store tests: a small template and sessions made from it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TypedDict, Unpack

from reflect_tui.domain.answers import ActionItem, ListItem, action_items, list_items
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import (
    Confidentiality,
    Field,
    FieldKind,
    SessionKind,
    Step,
    Template,
)

NOW = datetime(2026, 3, 14, 10, 30)

TEMPLATE = Template(
    id="team-check",
    title="Team check-in",
    description="A short team reflection used by the store tests.",
    kind=SessionKind.TEAM,
    confidentiality=Confidentiality.SHARED,
    duration_minutes=30,
    version="1",
    steps=(
        Step(
            id="talk",
            title="Talk",
            fields=(
                Field(id="notes", kind=FieldKind.TEXT, label="Notes"),
                Field(id="learning", kind=FieldKind.LIST, label="Learning", themes=True),
            ),
        ),
        Step(
            id="agree",
            title="Agree",
            fields=(Field(id="actions", kind=FieldKind.ACTIONS, label="Actions"),),
        ),
    ),
)


class Header(TypedDict, total=False):
    """The optional header fields ``Session.start`` takes."""

    id: str | None
    facilitator: str
    participants: Sequence[str]
    apologies: Sequence[str]
    team: str
    subject: str
    confidentiality: Confidentiality | None


def make_session(
    title: str = "Monday check-in", when: datetime = NOW, **header: Unpack[Header]
) -> Session:
    session = Session.start(TEMPLATE, title, when, **header)
    session.answers["notes"] = f"notes for {title}"
    return session


def with_action(session: Session, what: str, action_id: str | None = None) -> ActionItem:
    action = (
        ActionItem(what=what, owner="Sam")
        if action_id is None
        else ActionItem(what=what, owner="Sam", id=action_id)
    )
    action_items(session.answers["actions"]).append(action)
    return action


def add_learning(session: Session, text: str) -> None:
    list_items(session.answers["learning"]).append(ListItem(text, ["workload"]))


class OsProxy:
    """Stands in for ``os`` inside the store's file layer; subclasses override calls."""

    def __init__(self, real: object) -> None:
        self._real = real

    def real_write(self, fd: int, data: bytes) -> int:
        return self._real.write(fd, data)  # type: ignore[attr-defined, no-any-return]

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)
