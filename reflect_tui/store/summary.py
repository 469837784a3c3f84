"""SessionSummary: what a list of sessions shows, read straight from the stored record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from reflect_tui.domain.kinds import Confidentiality, SessionKind, Status

if TYPE_CHECKING:
    from reflect_tui.domain.session import Session


@dataclass(frozen=True)
class SessionSummary:
    id: str
    date: date
    title: str
    template_id: str
    template_title: str
    kind: SessionKind
    status: Status
    confidentiality: Confidentiality
    team: str
    subject: str
    facilitator: str
    participants: tuple[str, ...]
    updated_at: datetime | None
    current_step: int
    step_count: int

    @classmethod
    def of(cls, session: Session) -> SessionSummary:
        """The summary of a decoded session (the index is built from this, at save time)."""
        return cls(
            id=session.id,
            date=session.date,
            title=session.title,
            template_id=session.template.id,
            template_title=session.template.title,
            kind=session.template.kind,
            status=session.status,
            confidentiality=session.confidentiality,
            team=session.team,
            subject=session.subject,
            facilitator=session.facilitator,
            participants=tuple(session.participants),
            updated_at=session.updated_at.replace(microsecond=0) if session.updated_at else None,
            current_step=session.current_step,
            step_count=len(session.template.steps),
        )

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> SessionSummary:
        """Read an index entry's summary (``to_json``); ValueError/KeyError if it is not one."""
        updated = doc["updated_at"]
        return cls(
            id=str(doc["id"]),
            date=date.fromisoformat(doc["date"]),
            title=str(doc["title"]),
            template_id=str(doc["template_id"]),
            template_title=str(doc["template_title"]),
            kind=SessionKind(doc["kind"]),
            status=Status(doc["status"]),
            confidentiality=Confidentiality(doc["confidentiality"]),
            team=str(doc["team"]),
            subject=str(doc["subject"]),
            facilitator=str(doc["facilitator"]),
            participants=tuple(str(p) for p in doc["participants"]),
            updated_at=datetime.fromisoformat(updated) if updated else None,
            current_step=int(doc["current_step"]),
            step_count=int(doc["step_count"]),
        )

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> SessionSummary:
        """Cheap: a few dictionary look-ups, no decoding of answers or template fields."""
        template = record.get("template", {})
        updated = record.get("updated_at")
        return cls(
            id=str(record["id"]),
            date=date.fromisoformat(record["date"]),
            title=str(record.get("title", "")),
            template_id=str(template.get("id", "")),
            template_title=str(template.get("title", "")),
            kind=SessionKind(template.get("kind", "team")),
            status=Status(record.get("status", "draft")),
            confidentiality=Confidentiality(record.get("confidentiality", "shared")),
            team=str(record.get("team", "")),
            subject=str(record.get("subject", "")),
            facilitator=str(record.get("facilitator", "")),
            participants=tuple(str(p) for p in record.get("participants", [])),
            updated_at=datetime.fromisoformat(updated) if updated else None,
            current_step=int(record.get("current_step", 0)),
            step_count=len(template.get("steps", [])),
        )

    @property
    def sort_key(self) -> tuple[str, str, str]:
        """Newest first when sorted in reverse: session date, then last save, then id."""
        updated = self.updated_at.isoformat() if self.updated_at else ""
        return (self.date.isoformat(), updated, self.id)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "title": self.title,
            "template_id": self.template_id,
            "template_title": self.template_title,
            "kind": self.kind.value,
            "status": self.status.value,
            "confidentiality": self.confidentiality.value,
            "team": self.team,
            "subject": self.subject,
            "facilitator": self.facilitator,
            "participants": list(self.participants),
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "current_step": self.current_step,
            "step_count": self.step_count,
        }


def sort_key(record: dict[str, Any]) -> tuple[str, str, str]:
    """Newest first when sorted in reverse: session date, then last save, then id."""
    return (str(record.get("date", "")), str(record.get("updated_at") or ""), str(record["id"]))
