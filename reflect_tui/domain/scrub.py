"""Erasure inside a record: what another session keeps of sessions erased for good.

When sessions are purged, other sessions may still hold something that came
from them: a copy of one of their actions, a carried entry naming them, a
follow-up line decided in them, a debrief's link to its plan, and the same in
the versions of their history. ``scrub_session`` neutralises all of it in one
typed session, whatever format it was stored in; the store's erasure calls it
for every record, backup and autosave file it rewrites.
"""

from __future__ import annotations

from dataclasses import replace

from reflect_tui.domain import stored
from reflect_tui.domain.answers import action_items
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import FieldKind

# What an erased session's action reads as where a copy of it stays behind.
NEUTRAL_ACTION = "(an action from a session that was erased)"


def scrub_session(
    session: Session, ids: set[str], action_ids: set[str], *, neutral: str = NEUTRAL_ACTION
) -> bool:
    """Neutralise in ``session`` what came from sessions ``ids`` (and actions ``action_ids``).

    Returns whether anything changed.
    """
    changed = False
    for f in session.template.all_fields():
        if f.kind is not FieldKind.ACTIONS or f.private:
            continue
        for action in action_items(session.answers.get(f.id)):
            from_erased = action.id in action_ids or action.created_in in ids
            if from_erased and (action.what != neutral or action.note):
                action.what, action.note = neutral, ""
                changed = True
            if action.closed_in in ids:
                action.closed_in, action.note = "", ""
                changed = True
    for c in session.carried:
        if (c.id in action_ids or c.from_session in ids) and (
            c.what != neutral or c.from_title or c.from_session
        ):
            c.what, c.from_title, c.from_session = neutral, "", ""
            changed = True
    for line in session.followed_up:
        if line.in_session in ids:
            line.in_session, line.in_title, line.note = "", "", ""
            changed = True
    if session.plan_id in ids:
        session.plan_id = ""
        changed = True
    for n, version in enumerate(session.history):
        # A version's record has no template of its own: it is read with the session's.
        earlier = stored.session_from_record(version.record, template=session.template)
        if scrub_session(earlier, ids, action_ids, neutral=neutral):
            record = stored.session_to_record(earlier, snapshot=True)
            session.history[n] = replace(version, record=record)
            changed = True
    return changed
