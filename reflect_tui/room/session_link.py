"""Between a Session and the room: who may open one, what phones see, where items go.

Only a running shared session may open a room: never a confidential one, a
completed one or one opened read-only. Only list fields that are not private
can be opened to the room.
"""

from __future__ import annotations

from reflect_tui.domain.answers import ListItem, list_items
from reflect_tui.domain.confidential import field_shown
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Field, FieldKind, Step
from reflect_tui.domain.votes import VoteResult, VoteTally, record_vote
from reflect_tui.room.state import RoomView, Vote, clean_text


def room_refusal(session: Session, *, read_only: bool = False) -> str | None:
    """Why this session cannot open a room, or None when it can."""
    if session.is_confidential:
        return (
            "This session is confidential: the room is only for shared sessions, "
            "so nothing from it is served to other devices."
        )
    if session.is_complete:
        return "This session is finished: open the room from a session that is running."
    if read_only:
        return "This session is open read-only here: the room needs the window that can save."
    return None


def room_fields(step: Step) -> list[Field]:
    """The fields of ``step`` that can be opened to the room (list fields, not private)."""
    return [f for f in step.fields if f.kind is FieldKind.LIST and field_shown(f)]


def view_for(session: Session, step: Step, field_id: str | None) -> RoomView:
    chosen = next((f for f in room_fields(step) if f.id == field_id), None)
    if chosen is None:
        return RoomView(step_title=step.title)
    return RoomView(
        step_title=step.title, field_id=chosen.id, prompt=chosen.label, help=chosen.help
    )


def accepted_texts(session: Session, field_id: str | None) -> list[str]:
    """The open field's items as they stand (what the room follows along with)."""
    if field_id is None:
        return []
    f = session.template.field_by_id(field_id)
    if f is None or not field_shown(f) or f.kind is not FieldKind.LIST:
        return []
    items = list_items(session.answers.get(field_id))
    return [t for t in (clean_text(i.text) for i in items) if t]


def accept_into(session: Session, field_id: str, text: str) -> None:
    """Add an item to a list field directly (when its editor is not on screen)."""
    f = session.template.field_by_id(field_id)
    if f is None or not field_shown(f) or f.kind is not FieldKind.LIST:
        raise ValueError(f"{field_id!r} is not a list field the room can add to")
    items = list(list_items(session.answer(field_id)))
    items.append(ListItem(text=text))
    session.answers[field_id] = items


def record_result(session: Session, vote: Vote, tally: list[VoteTally]) -> VoteResult:
    """Keep a closed vote in the session (counts only)."""
    result = VoteResult(field_id=vote.field_id, votes_each=vote.votes_each, tally=tuple(tally))
    record_vote(session, result)
    return result
