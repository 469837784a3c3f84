"""Carry-forward: the open actions a new session should start by reviewing.

A team session picks up open actions from earlier team sessions of the same
team; a one-to-one session picks up those from earlier one-to-one sessions for
the same person. Actions from private fields are never carried (they must not
reach minutes). An action from a confidential session is carried marked
``confidential``: a shared session's minutes then say only that such an action
was reviewed (``domain.confidential``). What was carried, and what became of it,
is kept in the new session's ``Session.carried`` (see ``domain.followup``).
"""

from __future__ import annotations

from datetime import date
from typing import Protocol

from reflect_tui.domain.actions import private_action_ids
from reflect_tui.domain.answers import ActionStatus
from reflect_tui.domain.confidential import is_confidential
from reflect_tui.domain.followup import CarriedAction
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import SessionKind
from reflect_tui.errors import UserError
from reflect_tui.followup.people import name_key
from reflect_tui.store.actions import StoredAction
from reflect_tui.store.summary import SessionSummary


class ActionSource(Protocol):
    def actions(self) -> list[StoredAction]: ...

    def list_sessions(self) -> list[SessionSummary]: ...

    def get_session(self, session_id_or_prefix: str) -> Session: ...

    def has_session(self, session_id: str) -> bool: ...


def carries_actions(session: Session) -> bool:
    """Whether this kind of session reviews earlier actions at all."""
    kind = session.template.kind
    if kind is SessionKind.TEAM:
        return bool(session.team.strip())
    if kind is SessionKind.ONE_TO_ONE:
        return bool(session.subject.strip())
    return False


def same_scope(session: Session, origin: SessionSummary) -> bool:
    """Same team (team templates) or same supervisee (one-to-one templates)."""
    kind = session.template.kind
    if origin.kind is not kind or origin.id == session.id:
        return False
    if kind is SessionKind.TEAM:
        return name_key(origin.team) == name_key(session.team) != ""
    if kind is SessionKind.ONE_TO_ONE:
        return name_key(origin.subject) == name_key(session.subject) != ""
    return False


def origin_id(stored: StoredAction) -> str:
    """The session that created the action (its first holder if that was never recorded)."""
    return stored.action.created_in or (stored.seen_in[0] if stored.seen_in else stored.session_id)


def candidates(source: ActionSource, session: Session) -> list[CarriedAction]:
    """Open actions from earlier sessions in the same scope, oldest due date first."""
    if not carries_actions(session):
        return []
    summaries = {s.id: s for s in source.list_sessions()}
    own = {a.id for a in session.actions()}
    found: list[tuple[SessionSummary, CarriedAction]] = []
    private: dict[str, set[str]] = {}
    for stored in source.actions():
        action = stored.action
        if action.status is not ActionStatus.OPEN or action.id in own:
            continue
        origin = summaries.get(origin_id(stored))
        if origin is None or not same_scope(session, origin) or origin.date > session.date:
            continue
        if origin.id not in private:
            private[origin.id] = private_action_ids(source.get_session(origin.id))
        if action.id in private[origin.id]:
            continue
        found.append(
            (
                origin,
                CarriedAction(
                    id=action.id,
                    what=action.what,
                    owner=action.owner,
                    due=action.due,
                    from_session=origin.id,
                    from_title=origin.title,
                    from_date=origin.date,
                    confidential=is_confidential(origin),
                ),
            )
        )
    found.sort(key=lambda pair: (pair[1].due or date.max, pair[0].date, pair[1].what))
    return [c for _, c in found]


def refresh_carried(source: ActionSource, session: Session) -> list[CarriedAction]:
    """Add newly found open actions to ``session.carried``; keep earlier decisions.

    Returns ``session.carried`` itself (a screen that changes an entry changes the
    session's own). The caller saves the session.
    """
    current = session.carried
    fresh = {c.id: c for c in candidates(source, session)}
    for c in current:  # an origin marked confidential later is masked from then on
        if c.id in fresh and fresh[c.id].confidential and not c.confidential:
            c.confidential = True
    known = {c.id for c in current}
    current.extend(c for c in fresh.values() if c.id not in known)
    return current


def disclose_carried(session: Session, action_id: str) -> CarriedAction:
    """The person confirmed: this carried confidential action may be shown in these minutes."""
    entry = carried_entry(session, action_id)
    entry.disclosed = True
    return entry


def carried_entry(session: Session, action_id: str) -> CarriedAction:
    """The session's own entry for a carried action (``UserError`` if it was not carried)."""
    entry = next((c for c in session.carried if c.id == action_id), None)
    if entry is None:
        raise UserError(f"The action {action_id!r} was not carried into this session.")
    return entry
