"""One person's wellbeing ratings over time, from their own sessions only.

A rating is the answer to a field with id ``wellbeing`` in a session *about*
that person (its subject). This is personal: callers show it only in that
person's own session history, never in team views or other people's exports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from reflect_tui.domain.session import Session
from reflect_tui.domain.template import FieldKind
from reflect_tui.followup.people import name_key
from reflect_tui.store.summary import SessionSummary

WELLBEING_FIELD = "wellbeing"
BLOCKS = "▁▂▃▄▅▆▇█"


class SessionSource(Protocol):
    def list_sessions(self) -> list[SessionSummary]: ...

    def get_session(self, session_id_or_prefix: str) -> Session: ...


@dataclass(frozen=True)
class WellbeingPoint:
    day: date
    rating: int
    minimum: int
    maximum: int
    session_id: str
    template_title: str


def rating_of(session: Session) -> WellbeingPoint | None:
    f = session.template.field_by_id(WELLBEING_FIELD)
    if f is None or f.kind is not FieldKind.RATING:
        return None
    value = session.answers.get(WELLBEING_FIELD)
    if not isinstance(value, int):
        return None
    low, high = (f.scale.minimum, f.scale.maximum) if f.scale else (1, 10)
    return WellbeingPoint(session.date, value, low, high, session.id, session.template.title)


def trend(source: SessionSource, person: str) -> list[WellbeingPoint]:
    """The person's ratings, oldest first."""
    key = name_key(person)
    if not key:
        return []
    points = []
    for summary in source.list_sessions():
        if name_key(summary.subject) != key:
            continue
        point = rating_of(source.get_session(summary.id))
        if point is not None:
            points.append(point)
    points.sort(key=lambda p: (p.day, p.session_id))
    return points


def sparkline(points: Sequence[WellbeingPoint]) -> str:
    """A one-line chart; each rating is placed on its own scale."""
    out = []
    for p in points:
        span = max(1, p.maximum - p.minimum)
        share = min(1.0, max(0.0, (p.rating - p.minimum) / span))
        out.append(BLOCKS[round(share * (len(BLOCKS) - 1))])
    return "".join(out)


def describe(points: Sequence[WellbeingPoint]) -> str:
    """Words for the chart, so it does not rely on the shapes alone."""
    if not points:
        return "No wellbeing ratings yet."
    first, last = points[0], points[-1]
    if len(points) == 1:
        return f"One rating: {last.rating} of {last.maximum} on {last.day}."
    return (
        f"{len(points)} ratings from {first.day} to {last.day}: "
        f"first {first.rating}, latest {last.rating} (of {last.maximum})."
    )
