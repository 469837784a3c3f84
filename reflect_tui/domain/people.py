"""People known to a store: participants, action owners, facilitators."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reflect_tui.domain.answers import new_id

if TYPE_CHECKING:
    from reflect_tui.domain.jsonvalue import JsonObject


@dataclass
class Person:
    name: str
    role: str = ""
    team: str = ""
    line_manager: str = ""
    facilitator: bool = False
    id: str = ""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = new_id()

    def to_json(self) -> JsonObject:
        """Its stored form (``domain.stored.person_to_json``)."""
        from reflect_tui.domain import stored

        return stored.person_to_json(self)

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Person:
        from reflect_tui.domain import stored

        return stored.person_from_json(data)


def name_key(name: str) -> str:
    """A name as compared: spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()
