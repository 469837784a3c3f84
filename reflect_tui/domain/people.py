"""People known to a store: participants, action owners, facilitators.

A person's stored form is read and written here (``domain.stored`` re-exports the
two functions with the other codecs): the store checks every person when it opens,
and that must not load the session model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reflect_tui.domain import decoding as d
from reflect_tui.domain.ids import new_id

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
        """Its stored form (``person_to_json``)."""
        return person_to_json(self)

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Person:
        return person_from_json(data)


def person_to_json(person: Person) -> JsonObject:
    return {
        "id": person.id,
        "name": person.name,
        "role": person.role,
        "team": person.team,
        "line_manager": person.line_manager,
        "facilitator": person.facilitator,
    }


def person_from_json(data: Mapping[str, object]) -> Person:
    return Person(
        id=d.text(data, "id"),
        name=d.text(data, "name"),
        role=d.text(data, "role"),
        team=d.text(data, "team"),
        line_manager=d.text(data, "line_manager"),
        facilitator=d.boolean(data, "facilitator"),
    )


def name_key(name: str) -> str:
    """A name as compared: spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()
