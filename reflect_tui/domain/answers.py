"""The value kept for each kind of field, and its JSON form in the store.

Each value type round-trips through ``to_json``/``from_json`` so the store
never holds anything but plain JSON. ``empty_value(kind)`` gives what a fresh
session holds before anyone types.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from reflect_tui.domain import decoding as d
from reflect_tui.domain import risk
from reflect_tui.domain.template import FieldKind


def new_id() -> str:
    return uuid.uuid4().hex[:12]


@dataclass
class ListItem:
    text: str
    themes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "themes": list(self.themes)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ListItem:
        return cls(text=d.text(data, "text"), themes=d.text_list(data, "themes"))


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


@dataclass
class ActionItem:
    """An agreed action. ``id`` is stable so it can be carried forward across sessions."""

    what: str
    owner: str = ""
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    note: str = ""
    id: str = field(default_factory=new_id)
    created_in: str = ""
    closed_in: str = ""

    def is_overdue(self, today: date) -> bool:
        return self.status is ActionStatus.OPEN and self.due is not None and self.due < today

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "what": self.what,
            "owner": self.owner,
            "due": self.due.isoformat() if self.due else None,
            "status": self.status.value,
            "note": self.note,
            "created_in": self.created_in,
            "closed_in": self.closed_in,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ActionItem:
        return cls(
            id=d.text(data, "id") or new_id(),
            what=d.text(data, "what"),
            owner=d.text(data, "owner"),
            due=d.opt_date(data, "due"),
            status=d.choice(data, "status", ActionStatus, ActionStatus.OPEN),
            note=d.text(data, "note"),
            created_in=d.text(data, "created_in"),
            closed_in=d.text(data, "closed_in"),
        )


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_SURE = "not sure"


@dataclass
class ChecklistEntry:
    item: str
    answer: Answer | None = None
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "item": self.item,
            "answer": self.answer.value if self.answer else None,
            "note": self.note,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChecklistEntry:
        answer = data.get("answer")
        return cls(
            item=d.text(data, "item"),
            answer=d.choice(data, "answer", Answer) if answer else None,
            note=d.text(data, "note"),
        )


@dataclass
class RiskRow:
    """One hazard. ``None`` ratings mean "don't know" and are never scored as low."""

    hazard: str
    likelihood: int | None = None
    severity: int | None = None
    controls: str = ""
    residual_likelihood: int | None = None
    residual_severity: int | None = None

    @property
    def score(self) -> int | None:
        return risk.score(self.likelihood, self.severity)

    @property
    def band(self) -> risk.Band:
        return risk.band(self.likelihood, self.severity)

    @property
    def residual_score(self) -> int | None:
        return risk.score(self.residual_likelihood, self.residual_severity)

    @property
    def residual_band(self) -> risk.Band:
        return risk.band(self.residual_likelihood, self.residual_severity)

    def to_json(self) -> dict[str, Any]:
        return {
            "hazard": self.hazard,
            "likelihood": self.likelihood,
            "severity": self.severity,
            "controls": self.controls,
            "residual_likelihood": self.residual_likelihood,
            "residual_severity": self.residual_severity,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RiskRow:
        def rating(key: str) -> int | None:
            value: int | None = d.integer(data, key, None)
            if value is not None and not risk.SCALE_MIN <= value <= risk.SCALE_MAX:
                raise d.DecodeError(
                    key, f"is {value}; it must be {risk.SCALE_MIN} to {risk.SCALE_MAX} or empty"
                )
            return value

        return cls(
            hazard=d.text(data, "hazard"),
            likelihood=rating("likelihood"),
            severity=rating("severity"),
            controls=d.text(data, "controls"),
            residual_likelihood=rating("residual_likelihood"),
            residual_severity=rating("residual_severity"),
        )


# The Python type held for each field kind:
#   TEXT      str
#   LIST      list[ListItem]
#   ACTIONS   list[ActionItem]
#   RATING    int | None
#   CHECKLIST list[ChecklistEntry]   (one per template item, in template order)
#   RISKS     list[RiskRow]
#   CHOICE    str | None             (one of the field's options)
#   DATETIME  str                    (ISO 8601 "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"; "" if unset)
#   PEOPLE    list[str]
Value = Any


def empty_value(kind: FieldKind, options: tuple[str, ...] = ()) -> Value:
    if kind in (FieldKind.TEXT, FieldKind.DATETIME):
        return ""
    if kind in (FieldKind.RATING, FieldKind.CHOICE):
        return None
    if kind is FieldKind.CHECKLIST:
        return [ChecklistEntry(item=o) for o in options]
    return []


def value_to_json(kind: FieldKind, value: Value) -> Any:
    if kind in (FieldKind.LIST, FieldKind.ACTIONS, FieldKind.CHECKLIST, FieldKind.RISKS):
        return [v.to_json() for v in value]
    if kind is FieldKind.PEOPLE:
        return list(value)
    return value


_ROW_TYPES: dict[FieldKind, Any] = {
    FieldKind.LIST: ListItem,
    FieldKind.ACTIONS: ActionItem,
    FieldKind.CHECKLIST: ChecklistEntry,
    FieldKind.RISKS: RiskRow,
}


def value_from_json(kind: FieldKind, data: Any) -> Value:
    """The value of one answer; ``decoding.DecodeError`` names what is wrong with it."""
    row_type = _ROW_TYPES.get(kind)
    if row_type is not None:
        return d.rows(data, row_type.from_json)
    if kind is FieldKind.TEXT or kind is FieldKind.DATETIME:
        if data.__class__ is str:
            return data
        return d.text({"": data or ""}, "")
    if kind is FieldKind.PEOPLE:
        return d.text_list({"": data or []}, "")
    if kind is FieldKind.RATING:
        return d.integer({"": data}, "", None)
    return d.opt_text({"": data}, "")


def is_empty(kind: FieldKind, value: Value) -> bool:
    if value is None or value == "" or value == []:
        return True
    if kind is FieldKind.CHECKLIST:
        return all(e.answer is None and not e.note for e in value)
    return False
