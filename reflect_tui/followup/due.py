"""Who is due a session: each person's last decompression and supervision, and the next.

Everyone on the roster is due decompression sessions, facilitators included
(they carry the most). Everyone with a line manager is due one-to-one
supervision. Only finished sessions count: a draft may never have happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from reflect_tui.domain.confidential import is_confidential
from reflect_tui.domain.kinds import Status
from reflect_tui.domain.people import Person
from reflect_tui.domain.session_type import SessionType as SessionType  # re-exported
from reflect_tui.domain.session_type import session_type_of
from reflect_tui.followup.cadence import Cadence
from reflect_tui.followup.people import name_key
from reflect_tui.store.summary import SessionSummary

DUE_SOON_DAYS = 14


class DueState(StrEnum):
    OVERDUE = "overdue"
    NEVER = "never had one"
    DUE_SOON = "due soon"
    OK = "up to date"

    @property
    def needs_attention(self) -> bool:
        return self is not DueState.OK


def session_type(summary: SessionSummary) -> SessionType | None:
    """Which cadence a session counts towards (user copies such as ``decompression-short`` too)."""
    return session_type_of(summary.template_id, summary.kind)


@dataclass(frozen=True)
class DueEntry:
    person: Person
    type: SessionType
    last: date | None
    next_due: date
    state: DueState
    days: int  # days until due (negative: days overdue)
    # The last session was confidential: its date (and the next due date, which
    # gives it away) is shown only when asked (``--confidential``).
    confidential: bool = False

    def describe(self, *, details: bool = True) -> str:
        if self.state is DueState.NEVER:
            return f"no {self.type.value} session recorded yet"
        if self.confidential and not details:
            return self.state.value
        if self.state is DueState.OVERDUE:
            return f"{-self.days} days overdue (last {self.last})"
        if self.days == 0:
            return f"due today (last {self.last})"
        return f"due in {self.days} days, {self.next_due} (last {self.last})"

    def to_json(self, *, details: bool = True) -> dict[str, Any]:
        hide = self.confidential and not details
        return {
            "person": self.person.name,
            "team": self.person.team,
            "role": self.person.role,
            "facilitator": self.person.facilitator,
            "type": self.type.value,
            "last": self.last.isoformat() if self.last and not hide else None,
            "next_due": None if hide else self.next_due.isoformat(),
            "state": self.state.value,
            "days": None if hide else self.days,
        }


def last_sessions(
    summaries: Iterable[SessionSummary],
) -> dict[tuple[str, SessionType], date]:
    """(person key, type) -> date of their latest finished session of that type."""
    return {key: s.date for key, s in latest(summaries).items()}


def latest(
    summaries: Iterable[SessionSummary],
) -> dict[tuple[str, SessionType], SessionSummary]:
    """(person key, type) -> their latest finished session of that type."""
    found: dict[tuple[str, SessionType], SessionSummary] = {}
    for s in summaries:
        kind = session_type(s)
        if kind is None or s.status is not Status.COMPLETE or not s.subject.strip():
            continue
        key = (name_key(s.subject), kind)
        if key not in found or s.date > found[key].date:
            found[key] = s
    return found


def who_is_due(
    people: Sequence[Person],
    summaries: Iterable[SessionSummary],
    cadence: Cadence,
    today: date,
    *,
    soon_days: int = DUE_SOON_DAYS,
) -> list[DueEntry]:
    """Every (person, session type) that applies, most pressing first."""
    found = {key: (s.date, is_confidential(s)) for key, s in latest(summaries).items()}
    return who_is_due_from(people, found, cadence, today, soon_days=soon_days)


def who_is_due_from(
    people: Sequence[Person],
    last: Mapping[tuple[str, SessionType], tuple[date, bool]],
    cadence: Cadence,
    today: date,
    *,
    soon_days: int = DUE_SOON_DAYS,
) -> list[DueEntry]:
    """``who_is_due`` from each (person key, type)'s last finished session: (date, confidential).

    (Home passes the store's facts, so it never reads every summary.)
    """
    entries: list[DueEntry] = []
    for person in people:
        types = [SessionType.DECOMPRESSION]
        if person.line_manager.strip():
            types.append(SessionType.SUPERVISION)
        for kind in types:
            found = last.get((name_key(person.name), kind))
            if found is None:
                entries.append(DueEntry(person, kind, None, today, DueState.NEVER, 0))
                continue
            previous, secret = found
            if kind is SessionType.DECOMPRESSION:
                due = cadence.next_decompression(previous)
            else:
                due = cadence.next_supervision(previous)
            days = (due - today).days
            if days < 0:
                state = DueState.OVERDUE
            elif due <= today + timedelta(days=soon_days):
                state = DueState.DUE_SOON
            else:
                state = DueState.OK
            entries.append(DueEntry(person, kind, previous, due, state, days, secret))
    order = {DueState.OVERDUE: 0, DueState.NEVER: 1, DueState.DUE_SOON: 2, DueState.OK: 3}
    entries.sort(key=lambda e: (order[e.state], e.days, e.person.name.casefold(), e.type.value))
    return entries


def about_confidential(entry: DueEntry) -> bool:
    """Whether an entry tells something about someone's confidential sessions.

    Decompression sessions are confidential by nature, so on a shared screen even
    "overdue" or "never had one" says too much about a named person.
    """
    return entry.confidential or entry.type is SessionType.DECOMPRESSION


def needing_attention(entries: Iterable[DueEntry]) -> list[DueEntry]:
    return [e for e in entries if e.state.needs_attention]
