"""Carry-forward decisions: earlier open actions reviewed at the start of a session.

``carried_into`` gives the list a session's first step shows (refreshed from the
store for an editable session: new open actions added, decisions kept);
``decide`` records done / dropped / carried on with a note, in this session and
in the action's own session; ``disclose`` records the person's yes to showing a
carried confidential action; ``set_action_status`` is the Actions screen's and
``reflect actions done|drop|reopen``'s change.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reflect_tui.domain.answers import ActionItem, ActionStatus
    from reflect_tui.domain.followup import CarriedAction, Outcome
    from reflect_tui.domain.session import Session
    from reflect_tui.store import Store


def carries_actions(session: Session) -> bool:
    from reflect_tui.followup.carry import carries_actions as carries

    return carries(session)


def carried_into(store: Store, session: Session, *, refresh: bool) -> list[CarriedAction]:
    """The carried actions of ``session``; with ``refresh``, looked up again in the store."""
    from reflect_tui.followup.carry import refresh_carried

    if refresh:
        return refresh_carried(store, session)
    return session.carried


def decide(
    store: Store,
    session: Session,
    action_id: str,
    outcome: Outcome,
    *,
    today: date,
    note: str = "",
) -> None:
    """Decide a carried action; the action's own session is saved, ``session`` is changed in
    memory (its autosave saves it). Nothing changes if the write fails."""
    from reflect_tui.followup.status import apply_outcome

    apply_outcome(store, session, action_id, outcome, today=today, note=note)


def disclose(session: Session, action_id: str) -> None:
    """The person said yes: this carried confidential action may be shown in these minutes."""
    from reflect_tui.followup.carry import disclose_carried

    disclose_carried(session, action_id)


def set_action_status(
    store: Store, action_id: str, status: ActionStatus, *, today: date, note: str | None = None
) -> ActionItem:
    """Mark an action done, dropped or open again, in the session that agreed it."""
    from reflect_tui.followup.status import set_status

    return set_status(store, action_id, status, today=today, note=note)
