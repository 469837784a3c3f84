"""A session: one run of a template, with its header and everything captured.

The template is held as a snapshot (``Template``), not a reference, so the
record stays readable whatever happens to the template file afterwards.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from reflect_tui.domain.answers import (
    ActionItem,
    Value,
    action_items,
    empty_value,
    list_items,
    new_id,
)
from reflect_tui.domain.followup import CarriedAction, FollowUp, LineOverride
from reflect_tui.domain.history import SignOff, Version
from reflect_tui.domain.kinds import Status as Status
from reflect_tui.domain.template import Confidentiality, FieldKind, Template
from reflect_tui.domain.votes import VoteResult

if TYPE_CHECKING:
    from reflect_tui.domain.jsonvalue import JsonObject


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
    # Follow-through (``domain.followup``), history (``domain.history``), room votes
    # (``domain.votes``) and text typed that an answer cannot hold yet (``pending_text``:
    # field id -> the editor's input -> text, kept with the draft by the runner).
    carried: list[CarriedAction] = field(default_factory=list)
    followed_up: list[FollowUp] = field(default_factory=list)
    plan_id: str = ""
    line_manager_override: LineOverride | None = None
    history: list[Version] = field(default_factory=list)
    agreed: SignOff | None = None
    room_votes: list[VoteResult] = field(default_factory=list)
    pending_text: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def start(
        cls,
        template: Template,
        title: str,
        when: datetime,
        *,
        id: str | None = None,
        facilitator: str = "",
        participants: Sequence[str] = (),
        apologies: Sequence[str] = (),
        team: str = "",
        subject: str = "",
        confidentiality: Confidentiality | None = None,
    ) -> Session:
        """A fresh draft with every field empty and the template's default confidentiality."""
        session = cls(
            template=template,
            title=title,
            date=when.date(),
            id=id or new_id(),
            facilitator=facilitator,
            participants=list(participants),
            apologies=list(apologies),
            team=team,
            subject=subject,
            confidentiality=confidentiality or template.confidentiality,
            created_at=when,
            updated_at=when,
            started_at=when,
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
                found.extend(action_items(self.answers.get(f.id)))
        return found

    def themes(self, include_private: bool = True) -> list[str]:
        """Distinct theme tags on list items, in first-seen order."""
        seen: dict[str, None] = {}
        for f in self.template.all_fields():
            if f.kind is not FieldKind.LIST or (f.private and not include_private):
                continue
            for item in list_items(self.answers.get(f.id)):
                for theme in item.themes:
                    seen.setdefault(theme, None)
        return list(seen)

    def to_dict(self) -> JsonObject:
        """The stored record (``domain.stored.session_to_record``; the store's one entry)."""
        from reflect_tui.domain import stored

        return stored.session_to_record(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Session:
        """Read a stored record of any format (``domain.stored.session_from_record``).

        ``decoding.DecodeError`` names the first bad field.
        """
        from reflect_tui.domain import stored

        return stored.session_from_record(data)
