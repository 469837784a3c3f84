"""What a session template is, independent of the Markdown it was written in.

Templates are immutable: a Session keeps a snapshot of the template it was run
from (``to_dict``), so later edits to the template file never change old records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from reflect_tui.domain import decoding as d


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
        labels: list[tuple[int, str]] = []
        for n, pair in enumerate(d.items(data.get("labels", []), "labels")):
            if (
                not isinstance(pair, list)
                or len(pair) != 2
                or not isinstance(pair[0], int)
                or not isinstance(pair[1], str)
            ):
                raise d.DecodeError(f"labels[{n}]", "is not a [number, text] pair")
            labels.append((pair[0], pair[1]))
        return cls(
            minimum=d.integer(data, "min", 1),
            maximum=d.integer(data, "max", 10),
            labels=tuple(labels),
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
        field_id = d.text(data, "id", d.REQUIRED)
        scale = data.get("scale")
        with d.within("scale"):
            parsed = Scale.from_dict(dict(d.obj(scale))) if scale else None
        return cls(
            id=field_id,
            kind=d.choice(data, "kind", FieldKind),
            label=d.text(data, "label", field_id),
            help=d.text(data, "help"),
            private=d.boolean(data, "private"),
            required=d.boolean(data, "required"),
            options=tuple(d.text_list(data, "options")),
            scale=parsed,
            themes=d.boolean(data, "themes"),
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
        step_id = d.text(data, "id", d.REQUIRED)
        return cls(
            id=step_id,
            title=d.text(data, "title", step_id),
            guidance=d.text(data, "guidance"),
            timebox_minutes=d.integer(data, "timebox", None),
            fields=tuple(d.each(data, "fields", lambda f: Field.from_dict(dict(f)))),
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
        template_id = d.text(data, "id", d.REQUIRED)
        return cls(
            id=template_id,
            title=d.text(data, "title", template_id),
            description=d.text(data, "description"),
            kind=d.choice(data, "kind", SessionKind, SessionKind.TEAM),
            confidentiality=d.choice(
                data, "confidentiality", Confidentiality, Confidentiality.SHARED
            ),
            duration_minutes=d.integer(data, "duration", 60),
            version=_version(data),
            steps=tuple(d.each(data, "steps", lambda st: Step.from_dict(dict(st)))),
        )


def _version(data: dict[str, Any]) -> str:
    value = data.get("version", "1")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # "version: 2" in front matter may have been kept as a number
    return d.text(data, "version", "1")
