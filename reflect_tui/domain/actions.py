"""Who owns an action, and everything derived from that.

An action's text, owner, due date, status and note live in one place: the
session that created it (``ActionItem.created_in``; an action that never
recorded it belongs to the session holding it). Every other view is derived:
the store's actions table (``owned_actions`` of each saved session), a later
session's carried entry (what was reviewed there, and the decision made there),
the follow-up lines in the origin's minutes.

A private field's actions are never owned for anyone else to see: they are
not in ``owned_actions`` (so never in the actions table, lists, home panels,
search results or exports), never carried. Each owned action carries the
confidentiality of its origin, which is what ``domain.confidential`` asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from reflect_tui.domain.answers import ActionItem, action_items
from reflect_tui.domain.confidential import field_shown
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Confidentiality, FieldKind


@dataclass(frozen=True)
class OwnedAction:
    """An action as its origin session holds it, with where it came from."""

    action: ActionItem
    field_id: str
    confidentiality: Confidentiality


def owns(session: Session, action: ActionItem) -> bool:
    return action.created_in in ("", session.id)


def owned_actions(session: Session) -> list[OwnedAction]:
    """The actions this session owns that may be listed anywhere (no private field's).

    This is what the store's actions table mirrors: call it on the decoded
    session at save time; nothing else needs copying.
    """
    found: list[OwnedAction] = []
    for f in session.template.all_fields():
        if f.kind is not FieldKind.ACTIONS or not field_shown(f):
            continue
        for action in action_items(session.answers.get(f.id)):
            if action.id and owns(session, action):
                found.append(OwnedAction(action, f.id, session.confidentiality))
    return found


def private_action_ids(session: Session) -> set[str]:
    """Ids of the actions in this session's private fields (never listed or carried)."""
    return {
        a.id
        for f in session.template.all_fields()
        if f.kind is FieldKind.ACTIONS and f.private
        for a in action_items(session.answers.get(f.id))
    }
