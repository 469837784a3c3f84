"""People known to a store: participants, action owners, facilitators."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reflect_tui.domain import decoding as d
from reflect_tui.domain.answers import new_id


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

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "role": self.role,
            "team": self.team,
            "line_manager": self.line_manager,
            "facilitator": self.facilitator,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Person:
        return cls(
            id=d.text(data, "id"),
            name=d.text(data, "name"),
            role=d.text(data, "role"),
            team=d.text(data, "team"),
            line_manager=d.text(data, "line_manager"),
            facilitator=d.boolean(data, "facilitator"),
        )
