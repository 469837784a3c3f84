"""The value kept for each kind of field.

The Python type held for each field kind (``Value`` is their union; the
template's field kind is the tag, and each kind has a typed accessor):

    TEXT      str                    ``text_of``
    LIST      list[ListItem]         ``list_items``
    ACTIONS   list[ActionItem]       ``action_items``
    RATING    int | None             ``rating_of``
    CHECKLIST list[ChecklistEntry]   ``checklist_entries`` (one per template item, in order)
    RISKS     list[RiskRow]          ``risk_rows``
    CHOICE    str | None             ``choice_of`` (one of the field's options)
    DATETIME  str                    ``text_of`` (ISO "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM"; "")
    PEOPLE    list[str]              ``people_of``

``empty_value(kind)`` gives what a fresh session holds before anyone types. The
JSON form of each is written and read only by ``domain.stored``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias, TypeVar, cast

from reflect_tui.domain import risk
from reflect_tui.domain.ids import new_id as new_id
from reflect_tui.domain.kinds import ActionStatus as ActionStatus
from reflect_tui.domain.template import FieldKind

if TYPE_CHECKING:
    from reflect_tui.domain.jsonvalue import JsonObject


@dataclass
class ListItem:
    text: str
    themes: list[str] = field(default_factory=list)


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

    def to_json(self) -> JsonObject:
        """Its stored form (``domain.stored``; kept here for the store's actions table)."""
        from reflect_tui.domain import stored

        return stored.action_to_json(self)

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> ActionItem:
        from reflect_tui.domain import stored

        return stored.action_from_json(data)


class Answer(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_SURE = "not sure"


@dataclass
class ChecklistEntry:
    item: str
    answer: Answer | None = None
    note: str = ""


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


# The type held for each field kind: see the table in the module docstring.
Value: TypeAlias = (
    str
    | int
    | list[ListItem]
    | list[ActionItem]
    | list[ChecklistEntry]
    | list[RiskRow]
    | list[str]
    | None
)
"""An answer. The field's kind (in the template) says which member it is; read it through the
typed accessor for that kind (``text_of``, ``list_items``, ``action_items``, …), never by
guessing. A value of the wrong shape reads as the kind's empty value."""

R = TypeVar("R")


def empty_value(kind: FieldKind, options: tuple[str, ...] = ()) -> Value:
    if kind in (FieldKind.TEXT, FieldKind.DATETIME):
        return ""
    if kind in (FieldKind.RATING, FieldKind.CHOICE):
        return None
    if kind is FieldKind.CHECKLIST:
        return [ChecklistEntry(item=o) for o in options]
    return []


def _rows(value: Value, row: type[R]) -> list[R]:
    """``value`` itself (not a copy: callers may change it in place) if it holds ``row``s."""
    if isinstance(value, list) and all(isinstance(x, row) for x in value):
        return cast("list[R]", value)
    return []


def text_of(value: Value) -> str:
    """TEXT and DATETIME answers ("" when unset)."""
    return value if isinstance(value, str) else ""


def choice_of(value: Value) -> str | None:
    """A CHOICE answer (None when nothing is chosen)."""
    return value if isinstance(value, str) else None


def rating_of(value: Value) -> int | None:
    """A RATING answer (None: not rated)."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def list_items(value: Value) -> list[ListItem]:
    return _rows(value, ListItem)


def action_items(value: Value) -> list[ActionItem]:
    return _rows(value, ActionItem)


def checklist_entries(value: Value) -> list[ChecklistEntry]:
    return _rows(value, ChecklistEntry)


def risk_rows(value: Value) -> list[RiskRow]:
    return _rows(value, RiskRow)


def people_of(value: Value) -> list[str]:
    return _rows(value, str)


def is_empty(kind: FieldKind, value: Value) -> bool:
    if value is None or value == "" or value == []:
        return True
    if kind is FieldKind.CHECKLIST:
        return all(e.answer is None and not e.note for e in checklist_entries(value))
    return False
