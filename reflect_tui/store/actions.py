"""The ``actions`` table: a mirror of every saved session's ActionItems.

One document per action id, holding the action as it stands in the newest
session (by session date, then last save) that contains it, so the
follow-through view can list open and overdue actions without decoding every
session. Actions carried forward keep their id, so they stay one row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reflect_tui.domain import decoding as d
from reflect_tui.domain.answers import ActionItem

Doc = dict[str, Any]


@dataclass(frozen=True)
class StoredAction:
    """An action and the session whose copy of it is current."""

    action: ActionItem
    session_id: str
    session_date: date
    session_title: str
    template_id: str
    seen_in: tuple[str, ...]

    @classmethod
    def from_doc(cls, doc: Doc) -> StoredAction:
        """Read an ``actions`` document; ``decoding.DecodeError`` names the bad field."""
        with d.within("action"):
            action = ActionItem.from_json(dict(d.obj(d.get(doc, "action"))))
        return cls(
            action=action,
            session_id=d.text(doc, "session_id", d.REQUIRED),
            session_date=d.iso_date(doc, "session_date"),
            session_title=d.text(doc, "session_title"),
            template_id=d.text(doc, "template_id"),
            seen_in=tuple(d.text_list(doc, "seen_in")),
        )


def raw_actions(record: Doc) -> list[Doc]:
    """The action dicts of a session record, read without decoding the session.

    A private field's actions are left out: private means they are never listed
    anywhere outside the session itself (see ``domain.confidential``).
    """
    found: list[Doc] = []
    answers = record.get("answers", {})
    for step in record.get("template", {}).get("steps", []):
        for f in step.get("fields", []):
            if f.get("kind") == "actions" and not f.get("private"):
                found.extend(a for a in answers.get(f.get("id"), []) or [] if a.get("id"))
    return found


def _rank(record: Doc) -> tuple[str, str]:
    return (str(record.get("date", "")), str(record.get("updated_at") or ""))


def _doc_for(action: Doc, record: Doc, seen_in: list[str]) -> Doc:
    return {
        "id": action["id"],
        "action": action,
        "session_id": record["id"],
        "session_date": record.get("date", ""),
        "session_updated_at": record.get("updated_at"),
        "session_title": record.get("title", ""),
        "template_id": record.get("template", {}).get("id", ""),
        "seen_in": seen_in,
    }


def rebuild_actions(sessions: dict[str, Doc]) -> dict[str, Doc]:
    """The whole actions table from the session records (migrations, deletes)."""
    best: dict[str, tuple[tuple[str, str], Doc, Doc]] = {}
    seen: dict[str, list[str]] = {}
    for record in sessions.values():
        for action in raw_actions(record):
            aid = action["id"]
            seen.setdefault(aid, []).append(record["id"])
            if aid not in best or _rank(record) >= best[aid][0]:
                best[aid] = (_rank(record), action, record)
    table: dict[str, Doc] = {}
    for n, (aid, (_, action, record)) in enumerate(sorted(best.items()), start=1):
        table[str(n)] = _doc_for(action, record, sorted(set(seen[aid])))
    return table


def mirror_session(
    current: dict[str, tuple[int, Doc]], old: Doc | None, new: Doc
) -> tuple[list[tuple[int | None, Doc]], list[str]]:
    """What to write to the actions table for one saved session record.

    ``current`` maps action id -> (doc id, document). Returns the documents to
    put (doc id None = insert) and the ids of actions dropped from this
    session whose current copy was in it: the caller rebuilds those.
    """
    sid = new["id"]
    puts: list[tuple[int | None, Doc]] = []
    new_ids: set[str] = set()
    for action in raw_actions(new):
        aid = action["id"]
        new_ids.add(aid)
        if aid not in current:
            puts.append((None, _doc_for(action, new, [sid])))
            continue
        doc_id, doc = current[aid]
        seen_in = sorted({*doc.get("seen_in", []), sid})
        doc_rank = (str(doc.get("session_date", "")), str(doc.get("session_updated_at") or ""))
        if doc["session_id"] == sid or _rank(new) >= doc_rank:
            puts.append((doc_id, _doc_for(action, new, seen_in)))
        else:
            puts.append((doc_id, {**doc, "seen_in": seen_in}))
    stale: list[str] = []
    for action in raw_actions(old) if old else []:
        aid = action["id"]
        if aid in new_ids or aid not in current:
            continue
        doc_id, doc = current[aid]
        if doc["session_id"] == sid:
            stale.append(aid)
        else:
            puts.append((doc_id, {**doc, "seen_in": [s for s in doc["seen_in"] if s != sid]}))
    return puts, stale
