"""Changing an action's status: written once, where the action lives.

The action lives in the session that created it (``domain.actions``): that
session gets the new status, note and ``closed_in`` (so the Actions list and its
minutes agree), plus one ``FollowUp`` line per deciding session saying when and
where it changed (a later edit in the same session replaces its line, it never
adds another). When the change is made during a later session, that session's
carried entry is the decision's owner (outcome and note); the origin's state is
derived from it by ``apply_outcome``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from reflect_tui.domain.answers import ActionItem, ActionStatus
from reflect_tui.domain.followup import FollowUp, Outcome
from reflect_tui.domain.session import Session
from reflect_tui.errors import UserError
from reflect_tui.followup.carry import carried_entry, origin_id
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
    """Set an action's status in the session that owns it, in one write.

    ``in_session`` is the (live, unsaved-here) later session where this was
    decided; the caller saves it. ``label`` is the follow-up wording
    (default: the status itself, e.g. "carried on" for a carried action).
    Older stores may hold copies of the action in other sessions; those are
    kept in step too, but only the origin's copy is listed (``domain.actions``).
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
        masked = secret and not session.is_confidential
        changed = False
        for action in session.actions():
            if action.id != aid:
                continue
            before = (action.status, action.note, action.closed_in)
            action.status = status
            if note is not None and not masked:
                action.note = note.strip()
            closed_in = in_session.id if in_session is not None and not masked else ""
            action.closed_in = closed_in if closing else ""
            changed = changed or before != (action.status, action.note, action.closed_in)
            updated = action
        if sid == origin:
            line = FollowUp(
                id=aid,
                what=stored.action.what,
                status=label or status.value,
                on=today,
                note="" if masked else (note or "").strip(),
                in_session="" if masked or in_session is None else in_session.id,
                # A confidential session's title stays out of other minutes.
                in_title=in_session.title if in_session and not secret else "",
                confidential=masked,
            )
            changed = record_follow_up(session, line) or changed
        if changed:
            sessions.append(session)
    if updated is None:
        raise UserError(
            f"The action {aid!r} is listed but no saved session holds it any more; "
            "it cannot be changed."
        )
    if sessions:
        store.save_sessions(sessions)
    return updated


def _same_decision(a: FollowUp, b: FollowUp) -> bool:
    """Two lines about one action from the same place (one session, or the Actions list)."""
    if a.id != b.id or a.confidential != b.confidential:
        return False
    if a.in_session or b.in_session:
        return a.in_session == b.in_session
    # Both from the Actions list (or both masked): the same day's change is one decision.
    return a.on == b.on


def record_follow_up(origin: Session, line: FollowUp) -> bool:
    """Put ``line`` in the origin's follow-up: it replaces that decision's earlier line.

    Returns whether anything changed.
    """
    lines = origin.followed_up
    for n, old in enumerate(lines):
        if _same_decision(old, line):
            if old == line:
                return False
            lines[n] = line
            return True
    lines.append(line)
    return True


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

    The session's carried entry (the decision's owner) is updated in memory (the
    caller saves it, as with any answer); the action's own session is brought in
    line with it and written at once. Calling it again with the same decision
    changes nothing; with a new note, it replaces the note everywhere.
    """
    entry = carried_entry(session, action_id)
    previous = entry.outcome
    entry.outcome = outcome
    entry.note = note.strip()
    if outcome is Outcome.PENDING and previous is Outcome.PENDING:
        return
    set_status(
        store,
        action_id,
        STATUS_FOR[outcome],
        today=today,
        note=(entry.note or None) if outcome is not Outcome.PENDING else None,
        in_session=session,
        label=outcome.value if outcome is not Outcome.PENDING else "reopened",
    )
