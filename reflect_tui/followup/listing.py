"""The Actions list: every action with its team, filtered by owner, team, status or overdue.

The team of an action is the team of the session that created it, or, for a
session about one person, that person's team on the roster.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from reflect_tui.domain.answers import ActionItem, ActionStatus
from reflect_tui.domain.confidential import listed, shown_on_screen
from reflect_tui.domain.people import Person
from reflect_tui.domain.template import Confidentiality
from reflect_tui.errors import UserError
from reflect_tui.followup.carry import origin_id
from reflect_tui.followup.people import find_person, name_key
from reflect_tui.store.actions import StoredAction
from reflect_tui.store.summary import SessionSummary


@dataclass(frozen=True)
class ActionRow:
    action: ActionItem
    team: str
    origin_id: str
    origin_title: str
    origin_date: date | None
    closed_title: str
    confidential: bool

    def overdue(self, today: date) -> bool:
        return self.action.is_overdue(today)

    @property
    def confidentiality(self) -> Confidentiality:
        return Confidentiality.CONFIDENTIAL if self.confidential else Confidentiality.SHARED

    def to_json(self, today: date) -> dict[str, Any]:
        return {
            **self.action.to_json(),
            "team": self.team,
            "session_title": self.origin_title,
            "session_date": self.origin_date.isoformat() if self.origin_date else None,
            "closed_in_title": self.closed_title,
            "confidential": self.confidential,
            "overdue": self.overdue(today),
        }


def rows(
    stored: Iterable[StoredAction],
    summaries: Sequence[SessionSummary],
    people: Sequence[Person],
) -> list[ActionRow]:
    by_id = {s.id: s for s in summaries}
    found: list[ActionRow] = []
    for item in stored:
        origin = by_id.get(origin_id(item))
        team = origin.team if origin else ""
        if not team and origin and origin.subject:
            person = find_person(people, origin.subject)
            team = person.team if person else ""
        closed = by_id.get(item.action.closed_in) if item.action.closed_in else None
        found.append(
            ActionRow(
                action=item.action,
                team=team,
                origin_id=origin.id if origin else item.session_id,
                origin_title=origin.title if origin else item.session_title,
                origin_date=origin.date if origin else item.session_date,
                closed_title=closed.title if closed else "",
                confidential=bool(
                    origin and origin.confidentiality is Confidentiality.CONFIDENTIAL
                ),
            )
        )
    return found


def parse_status(text: str) -> ActionStatus:
    try:
        return ActionStatus(text.strip().lower())
    except ValueError:
        names = ", ".join(s.value for s in ActionStatus)
        raise UserError(f"Unknown status {text!r}: use one of {names}.") from None


def filter_rows(
    found: Iterable[ActionRow],
    *,
    today: date,
    owner: str = "",
    team: str = "",
    status: ActionStatus | None = None,
    overdue: bool = False,
) -> list[ActionRow]:
    """Owner and team match whole names (case and spacing ignored); overdue implies open."""
    out = []
    for row in found:
        if owner and name_key(row.action.owner) != name_key(owner):
            continue
        if team and name_key(row.team) != name_key(team):
            continue
        if status is not None and row.action.status is not status:
            continue
        if overdue and not row.overdue(today):
            continue
        out.append(row)
    out.sort(key=lambda r: _order(r, today))
    return out


def _order(row: ActionRow, today: date) -> tuple[int, date, str]:
    """Overdue first, then open by due date, then closed."""
    a = row.action
    group = 0 if row.overdue(today) else 1 if a.status is ActionStatus.OPEN else 2
    return (group, a.due or date.max, a.what.casefold())


def listed_rows(found: Iterable[ActionRow], *, include_confidential: bool) -> list[ActionRow]:
    """The rows a list may show (``domain.confidential.listed``)."""
    return [r for r in found if listed(r, include_confidential=include_confidential)]


def screen_rows(found: Iterable[ActionRow], *, room: bool) -> list[ActionRow]:
    """The rows a room-visible screen may show (``domain.confidential.shown_on_screen``)."""
    return [r for r in found if shown_on_screen(r, room=room)]


class OpenActionSource(Protocol):
    def actions(self) -> list[StoredAction]: ...

    def list_sessions(self) -> list[SessionSummary]: ...


def open_actions_on_screen(
    store: OpenActionSource, *, room: bool
) -> tuple[list[ActionItem], list[ActionItem]]:
    """Open actions a screen may show, and those it must leave out (room-safe screens)."""
    summaries = {s.id: s for s in store.list_sessions()} if room else {}
    shown: list[ActionItem] = []
    hidden: list[ActionItem] = []
    for stored in store.actions():
        if stored.action.status is not ActionStatus.OPEN:
            continue
        origin = summaries.get(origin_id(stored))
        if origin is not None and not shown_on_screen(origin, room=room):
            hidden.append(stored.action)
            continue
        shown.append(stored.action)
    return shown, hidden
