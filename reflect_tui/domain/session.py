"""A session: one run of a template, with its header and everything captured.

The template is held as a snapshot (``Template``), not a reference, so the
record stays readable whatever happens to the template file afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from reflect_tui.domain import decoding as d
from reflect_tui.domain.answers import (
    ActionItem,
    ListItem,
    Value,
    empty_value,
    new_id,
    value_from_json,
    value_to_json,
)
from reflect_tui.domain.template import Confidentiality, FieldKind, Template


class Status(StrEnum):
    DRAFT = "draft"
    COMPLETE = "complete"


@dataclass
class Session:
    template: Template
    title: str
    date: date
    id: str = field(default_factory=new_id)
    facilitator: str = ""
    participants: list[str] = field(default_factory=list)
    apologies: list[str] = field(default_factory=list)
    # team name for team templates; the person the session is for (supervisee,
    # decompression recipient, visiting worker) otherwise.
    team: str = ""
    subject: str = ""
    confidentiality: Confidentiality = Confidentiality.SHARED
    status: Status = Status.DRAFT
    answers: dict[str, Value] = field(default_factory=dict)
    current_step: int = 0
    elapsed_seconds: float = 0.0
    step_seconds: dict[str, float] = field(default_factory=dict)
    created_at: datetime | None = None
    updated_at: datetime | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    next_session: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def start(
        cls,
        template: Template,
        title: str,
        when: datetime,
        **header: Any,
    ) -> Session:
        """A fresh draft with every field empty and the template's default confidentiality."""
        header.setdefault("confidentiality", template.confidentiality)
        session = cls(
            template=template,
            title=title,
            date=when.date(),
            created_at=when,
            updated_at=when,
            started_at=when,
            **header,
        )
        for f in template.all_fields():
            session.answers[f.id] = empty_value(f.kind, f.options)
        return session

    @property
    def is_confidential(self) -> bool:
        return self.confidentiality is Confidentiality.CONFIDENTIAL

    @property
    def is_complete(self) -> bool:
        return self.status is Status.COMPLETE

    def answer(self, field_id: str) -> Value:
        f = self.template.field_by_id(field_id)
        if f is None:
            raise KeyError(f"template {self.template.id!r} has no field {field_id!r}")
        if field_id not in self.answers:
            self.answers[field_id] = empty_value(f.kind, f.options)
        return self.answers[field_id]

    def actions(self) -> list[ActionItem]:
        found: list[ActionItem] = []
        for f in self.template.all_fields():
            if f.kind is FieldKind.ACTIONS:
                found.extend(self.answers.get(f.id, []))
        return found

    def themes(self, include_private: bool = True) -> list[str]:
        """Distinct theme tags on list items, in first-seen order."""
        seen: dict[str, None] = {}
        for f in self.template.all_fields():
            if f.kind is not FieldKind.LIST or (f.private and not include_private):
                continue
            item: ListItem
            for item in self.answers.get(f.id, []):
                for theme in item.themes:
                    seen.setdefault(theme, None)
        return list(seen)

    def to_dict(self) -> dict[str, Any]:
        kinds = {f.id: f.kind for f in self.template.all_fields()}
        return {
            "id": self.id,
            "template": self.template.to_dict(),
            "title": self.title,
            "date": self.date.isoformat(),
            "facilitator": self.facilitator,
            "participants": list(self.participants),
            "apologies": list(self.apologies),
            "team": self.team,
            "subject": self.subject,
            "confidentiality": self.confidentiality.value,
            "status": self.status.value,
            "answers": {
                fid: value_to_json(kinds[fid], v) for fid, v in self.answers.items() if fid in kinds
            },
            "current_step": self.current_step,
            "elapsed_seconds": self.elapsed_seconds,
            "step_seconds": dict(self.step_seconds),
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "started_at": _iso(self.started_at),
            "finished_at": _iso(self.finished_at),
            "next_session": self.next_session,
            "extra": dict(self.extra),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Session:
        """Read a stored record; ``decoding.DecodeError`` names the first bad field."""
        session_id = d.text(data, "id", d.REQUIRED)
        with d.within("template"):
            template = _template_snapshot(dict(d.obj(d.get(data, "template"))))
        kinds = {f.id: f.kind for f in template.all_fields()}
        answers: dict[str, Value] = {}
        for fid, raw in d.obj(data.get("answers", {}), "answers").items():
            if fid in kinds:
                try:
                    answers[fid] = value_from_json(kinds[fid], raw)
                except d.DecodeError as err:
                    raise err.under(f"answers.{fid}") from None
        for f in template.all_fields():
            if f.id not in answers:
                answers[f.id] = empty_value(f.kind, f.options)
        step_seconds: dict[str, float] = {}
        for key, value in d.obj(data.get("step_seconds", {}), "step_seconds").items():
            if not isinstance(value, int | float) or isinstance(value, bool):
                raise d.DecodeError(f"step_seconds.{key}", f"is {value!r}, not a number")
            step_seconds[key] = float(value)
        return cls(
            id=session_id,
            template=template,
            title=d.text(data, "title"),
            date=d.iso_date(data, "date"),
            facilitator=d.text(data, "facilitator"),
            participants=d.text_list(data, "participants"),
            apologies=d.text_list(data, "apologies"),
            team=d.text(data, "team"),
            subject=d.text(data, "subject"),
            confidentiality=d.choice(
                data, "confidentiality", Confidentiality, Confidentiality.SHARED
            ),
            status=d.choice(data, "status", Status, Status.DRAFT),
            answers=answers,
            current_step=d.integer(data, "current_step", 0),
            elapsed_seconds=d.number(data, "elapsed_seconds"),
            step_seconds=step_seconds,
            created_at=d.opt_datetime(data, "created_at"),
            updated_at=d.opt_datetime(data, "updated_at"),
            started_at=d.opt_datetime(data, "started_at"),
            finished_at=d.opt_datetime(data, "finished_at"),
            next_session=d.text(data, "next_session"),
            extra=dict(d.obj(data.get("extra", {}), "extra")),
        )


# Thousands of stored sessions carry identical template snapshots; decoding each
# one again dominated loading a large store. Templates are frozen, so one
# decoded instance can be shared by every session whose snapshot is equal.
_SNAPSHOTS: dict[tuple[str, str], tuple[dict[str, Any], Template]] = {}


def _template_snapshot(raw: dict[str, Any]) -> Template:
    key = (str(raw.get("id")), str(raw.get("version")))
    cached = _SNAPSHOTS.get(key)
    if cached is not None and cached[0] == raw:
        return cached[1]
    template = Template.from_dict(raw)
    if len(_SNAPSHOTS) < 256:
        _SNAPSHOTS[key] = (raw, template)
    return template


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
