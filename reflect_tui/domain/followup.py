"""What follow-through keeps in ``Session.extra``: carried actions, later outcomes, links.

These records live in the session itself (not only in the actions table) so
that each session's minutes can say what happened to its actions, whichever
session that happened in. The keys are part of the store format:

- ``extra["carried"]`` in the *later* session: the open actions it reviewed,
  each with its outcome there (``CarriedAction``).
- ``extra["followed_up"]`` in the *earlier* session: what later happened to
  the actions it created (``FollowUp``).
- ``extra["plan"]``: in a post-visit debrief, the id of its pre-visit plan.
- ``extra["line_manager_override"]``: why a decompression session went ahead
  with the person's line manager facilitating (``{"reason", "facilitator", "at"}``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

CARRIED_KEY = "carried"
FOLLOWED_UP_KEY = "followed_up"
PLAN_KEY = "plan"
LINE_OVERRIDE_KEY = "line_manager_override"


class Outcome(StrEnum):
    """What a later session decided about a carried action."""

    PENDING = "not reviewed yet"
    CARRIED = "carried on"
    DONE = "done"
    DROPPED = "dropped"


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass
class CarriedAction:
    """An open action from an earlier session, as brought into a later one."""

    id: str
    what: str
    owner: str = ""
    due: date | None = None
    from_session: str = ""
    from_title: str = ""
    from_date: date | None = None
    outcome: Outcome = Outcome.PENDING
    note: str = ""
    # Came from a confidential session: shared minutes show none of it unless
    # the person confirmed (``disclosed``). See ``domain.confidential``.
    confidential: bool = False
    disclosed: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "what": self.what,
            "owner": self.owner,
            "due": self.due.isoformat() if self.due else None,
            "from_session": self.from_session,
            "from_title": self.from_title,
            "from_date": self.from_date.isoformat() if self.from_date else None,
            "outcome": self.outcome.value,
            "note": self.note,
            "confidential": self.confidential,
            "disclosed": self.disclosed,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CarriedAction:
        try:
            outcome = Outcome(data.get("outcome", Outcome.PENDING.value))
        except ValueError:
            outcome = Outcome.PENDING
        return cls(
            id=str(data.get("id", "")),
            what=str(data.get("what", "")),
            owner=str(data.get("owner", "")),
            due=_date(data.get("due")),
            from_session=str(data.get("from_session", "")),
            from_title=str(data.get("from_title", "")),
            from_date=_date(data.get("from_date")),
            outcome=outcome,
            note=str(data.get("note", "")),
            confidential=bool(data.get("confidential", False)),
            disclosed=bool(data.get("disclosed", False)),
        )


@dataclass
class FollowUp:
    """In the session that created an action: a later change of its status.

    ``in_session`` is empty when the change was made from the Actions list
    rather than during a session.
    """

    id: str
    what: str
    status: str
    on: date
    note: str = ""
    in_session: str = ""
    in_title: str = ""
    # Decided in a confidential session: its note, date and title stay there.
    confidential: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "what": self.what,
            "status": self.status,
            "on": self.on.isoformat(),
            "note": self.note,
            "in_session": self.in_session,
            "in_title": self.in_title,
            "confidential": self.confidential,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FollowUp:
        return cls(
            id=str(data.get("id", "")),
            what=str(data.get("what", "")),
            status=str(data.get("status", "")),
            on=_date(data.get("on")) or date.min,
            note=str(data.get("note", "")),
            in_session=str(data.get("in_session", "")),
            in_title=str(data.get("in_title", "")),
            confidential=bool(data.get("confidential", False)),
        )


def carried_actions(extra: dict[str, Any]) -> list[CarriedAction]:
    """The carried actions kept in a session's ``extra`` (bad rows are skipped)."""
    rows = extra.get(CARRIED_KEY) or []
    return [CarriedAction.from_json(r) for r in rows if isinstance(r, dict) and r.get("id")]


def follow_ups(extra: dict[str, Any]) -> list[FollowUp]:
    rows = extra.get(FOLLOWED_UP_KEY) or []
    return [FollowUp.from_json(r) for r in rows if isinstance(r, dict) and r.get("id")]
