"""What a session template is, independent of the Markdown it was written in.

Templates are immutable: a Session keeps a snapshot of the template it was run
from (``to_dict``), so later edits to the template file never change old records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reflect_tui.domain.kinds import Confidentiality as Confidentiality
from reflect_tui.domain.kinds import FieldKind as FieldKind
from reflect_tui.domain.kinds import SessionKind as SessionKind

if TYPE_CHECKING:
    from reflect_tui.domain.jsonvalue import JsonObject


@dataclass(frozen=True)
class Scale:
    """A rating scale such as 1-10, with optional words for some points."""

    minimum: int = 1
    maximum: int = 10
    labels: tuple[tuple[int, str], ...] = ()

    def label_for(self, value: int) -> str:
        """The nearest label at or below ``value`` (labels mark bands of the scale)."""
        best = ""
        for point, text in sorted(self.labels):
            if point <= value:
                best = text
        return best


@dataclass(frozen=True)
class Field:
    """One thing to capture in a step.

    ``options`` holds the choices of a CHOICE field and the items of a
    CHECKLIST field; ``scale`` is only set for RATING fields. A private field
    is kept in the record but never exported or reported as text.
    """

    id: str
    kind: FieldKind
    label: str
    help: str = ""
    private: bool = False
    required: bool = False
    options: tuple[str, ...] = ()
    scale: Scale | None = None
    themes: bool = False


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    guidance: str = ""
    timebox_minutes: int | None = None
    fields: tuple[Field, ...] = ()


@dataclass(frozen=True)
class Template:
    id: str
    title: str
    description: str
    kind: SessionKind
    confidentiality: Confidentiality
    duration_minutes: int
    version: str
    steps: tuple[Step, ...]
    source: str = field(default="", compare=False)

    def field_by_id(self, field_id: str) -> Field | None:
        for step in self.steps:
            for f in step.fields:
                if f.id == field_id:
                    return f
        return None

    def all_fields(self) -> list[Field]:
        return [f for step in self.steps for f in step.fields]

    def to_dict(self) -> JsonObject:
        """The snapshot kept with every session (``domain.stored.template_to_json``)."""
        from reflect_tui.domain import stored

        return stored.template_to_json(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Template:
        """A stored snapshot (``domain.stored.template_from_json``)."""
        from reflect_tui.domain import stored

        return stored.template_from_json(data)
