"""What a session template is, independent of the Markdown it was written in.

Templates are immutable: a Session keeps a snapshot of the template it was run
from (``to_dict``), so later edits to the template file never change old records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FieldKind(StrEnum):
    TEXT = "text"
    LIST = "list"
    ACTIONS = "actions"
    RATING = "rating"
    CHECKLIST = "checklist"
    RISKS = "risks"
    CHOICE = "choice"
    DATETIME = "datetime"
    PEOPLE = "people"


class SessionKind(StrEnum):
    TEAM = "team"
    ONE_TO_ONE = "one-to-one"
    INDIVIDUAL = "individual"


class Confidentiality(StrEnum):
    SHARED = "shared"
    CONFIDENTIAL = "confidential"


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "min": self.minimum,
            "max": self.maximum,
            "labels": [[p, t] for p, t in self.labels],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scale:
        return cls(
            minimum=int(data.get("min", 1)),
            maximum=int(data.get("max", 10)),
            labels=tuple((int(p), str(t)) for p, t in data.get("labels", [])),
        )


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

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind.value,
            "label": self.label,
            "help": self.help,
            "private": self.private,
            "required": self.required,
            "options": list(self.options),
            "themes": self.themes,
        }
        if self.scale is not None:
            data["scale"] = self.scale.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Field:
        scale = data.get("scale")
        return cls(
            id=str(data["id"]),
            kind=FieldKind(data["kind"]),
            label=str(data.get("label", data["id"])),
            help=str(data.get("help", "")),
            private=bool(data.get("private", False)),
            required=bool(data.get("required", False)),
            options=tuple(str(o) for o in data.get("options", [])),
            scale=Scale.from_dict(scale) if scale else None,
            themes=bool(data.get("themes", False)),
        )


@dataclass(frozen=True)
class Step:
    id: str
    title: str
    guidance: str = ""
    timebox_minutes: int | None = None
    fields: tuple[Field, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "guidance": self.guidance,
            "timebox": self.timebox_minutes,
            "fields": [f.to_dict() for f in self.fields],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Step:
        timebox = data.get("timebox")
        return cls(
            id=str(data["id"]),
            title=str(data.get("title", data["id"])),
            guidance=str(data.get("guidance", "")),
            timebox_minutes=int(timebox) if timebox is not None else None,
            fields=tuple(Field.from_dict(f) for f in data.get("fields", [])),
        )


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

    def to_dict(self) -> dict[str, Any]:
        """The snapshot kept with every session (no source path: it is machine-specific)."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "kind": self.kind.value,
            "confidentiality": self.confidentiality.value,
            "duration": self.duration_minutes,
            "version": self.version,
            "steps": [s.to_dict() for s in self.steps],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Template:
        return cls(
            id=str(data["id"]),
            title=str(data.get("title", data["id"])),
            description=str(data.get("description", "")),
            kind=SessionKind(data.get("kind", "team")),
            confidentiality=Confidentiality(data.get("confidentiality", "shared")),
            duration_minutes=int(data.get("duration", 60)),
            version=str(data.get("version", "1")),
            steps=tuple(Step.from_dict(s) for s in data.get("steps", [])),
        )
