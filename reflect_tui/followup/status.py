"""Changing an action's status, recorded in every session that holds it.

The action itself lives in the session that created it; that session's copy
gets the new status, note and ``closed_in`` (so the Actions list and its
minutes agree), plus a ``FollowUp`` line saying when and where it changed. When
the change is made during a later session, that session's carried entry holds
the outcome too, so both sets of minutes show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from reflect_tui.domain.answers import ActionItem, ActionStatus
from reflect_tui.domain.followup import (
    CARRIED_KEY,
    FOLLOWED_UP_KEY,
    FollowUp,
    Outcome,
    carried_actions,
    follow_ups,
)
from reflect_tui.domain.session import Session
from reflect_tui.errors import UserError
from reflect_tui.followup.carry import origin_id
from reflect_tui.store.actions import StoredAction

MAX_NOTE = 2000


class ActionStore(Protocol):
    def actions(self) -> list[StoredAction]: ...

    def get_session(self, session_id_or_prefix: str) -> Session: ...

    def has_session(self, session_id: str) -> bool: ...

    def save_sessions(self, sessions: Sequence[Session]) -> None: ...


def find_action(store: ActionStore, action_id: str) -> StoredAction:
    """The action with this id, or the only one whose id starts with it."""
    key = action_id.strip()
    everything = store.actions()
    exact = [s for s in everything if s.action.id == key]
    if exact:
        return exact[0]
    matches = [s for s in everything if key and s.action.id.startswith(key)]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UserError(f"No action with id {key!r}. Run `reflect actions` to see the ids.")
    raise UserError(f"The id {key!r} matches {len(matches)} actions; give more characters of it.")


def set_status(
    store: ActionStore,
    action_id: str,
    status: ActionStatus,
    *,
    today: date,
    note: str | None = None,
    in_session: Session | None = None,
    label: str | None = None,
) -> ActionItem:
    """Set an action's status in every stored session that holds it, in one write.

    ``in_session`` is the (live, unsaved-here) later session where this was
    decided; the caller saves it. ``label`` is the follow-up wording
    (default: the status itself, e.g. "carried on" for a carried action).
    """
    if note is not None and len(note) > MAX_NOTE:
        raise UserError(f"The note is longer than {MAX_NOTE} characters; shorten it.")
    stored = find_action(store, action_id)
    aid = stored.action.id
    origin = origin_id(stored)
    holders = [sid for sid in dict.fromkeys([origin, *stored.seen_in]) if store.has_session(sid)]
    if in_session is not None:
        holders = [sid for sid in holders if sid != in_session.id]
    closing = status is not ActionStatus.OPEN
    secret = in_session is not None and in_session.is_confidential
    updated: ActionItem | None = None
    sessions: list[Session] = []
    for sid in holders:
        session = store.get_session(sid)
        # A note typed in a confidential session stays out of shared records.
        note_here = note if not secret or session.is_confidential else None
        for action in session.actions():
            if action.id != aid:
                continue
            action.status = status
            if note_here is not None:
                action.note = note_here.strip()
            closed_in = (
                in_session.id if in_session and not (secret and not session.is_confidential) else ""
            )
            action.closed_in = closed_in if closing else ""
            updated = action
        if sid == origin:
            masked = secret and not session.is_confidential
            session.extra[FOLLOWED_UP_KEY] = [
                *(f.to_json() for f in follow_ups(session.extra)),
                FollowUp(
                    id=aid,
                    what=stored.action.what,
                    status=label or status.value,
                    on=today,
                    note="" if masked else (note or "").strip(),
                    in_session="" if masked or in_session is None else in_session.id,
                    # A confidential session's title stays out of other minutes.
                    in_title=in_session.title if in_session and not secret else "",
                    confidential=masked,
                ).to_json(),
            ]
        sessions.append(session)
    if updated is None:
        raise UserError(
            f"The action {aid!r} is listed but no saved session holds it any more; "
            "it cannot be changed."
        )
    store.save_sessions(sessions)
    return updated


STATUS_FOR = {
    Outcome.DONE: ActionStatus.DONE,
    Outcome.DROPPED: ActionStatus.DROPPED,
    Outcome.CARRIED: ActionStatus.OPEN,
    Outcome.PENDING: ActionStatus.OPEN,
}


def apply_outcome(
    store: ActionStore,
    session: Session,
    action_id: str,
    outcome: Outcome,
    *,
    today: date,
    note: str = "",
) -> None:
    """Decide a carried action in ``session`` (done / dropped / carried on).

    The session's carried entry is updated in memory (the caller saves it, as
    with any answer); the action's own session is written at once.
    """
    carried = carried_actions(session.extra)
    entry = next((c for c in carried if c.id == action_id), None)
    if entry is None:
        raise UserError(f"The action {action_id!r} was not carried into this session.")
    if entry.outcome is outcome and entry.note == note.strip():
        return
    previous = entry.outcome
    entry.outcome = outcome
    entry.note = note.strip()
    if outcome is not Outcome.PENDING or previous is not Outcome.PENDING:
        set_status(
            store,
            action_id,
            STATUS_FOR[outcome],
            today=today,
            note=(note.strip() or None) if outcome is not Outcome.PENDING else None,
            in_session=session,
            label=outcome.value if outcome is not Outcome.PENDING else "reopened",
        )
    session.extra[CARRIED_KEY] = [c.to_json() for c in carried]
