"""Full validation of a store's tree: every record read with the decoder the app uses.

Run at open (before anything is installed in memory), on every backup that
``restore`` considers, and on every journal entry before it is replayed. There
is no second, looser reader: a session is checked with ``Session.from_dict``,
an action with ``StoredAction.from_doc``, a person with ``Person.from_json``.
The first bad record is reported as a ``BadRecord`` naming the table, the
record, the field and what is wrong with it.
"""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reflect_tui.domain.decoding import DecodeError

if TYPE_CHECKING:
    from reflect_tui.domain.session import Session

KNOWN_TABLES = ("sessions", "actions", "people", "meta")
# Checked when present (layout 2's reflect.json): the "home" part of the index.
CHECKED_TABLES = (*KNOWN_TABLES, "home")
FOLDED_KEY = "journal_folded"
# meta: the SHA-256 of the "home" table as the last commit wrote it (see ``home_stamp``).
HOME_STAMP_KEY = "home_stamp"
SCHEMA_KEY = "schema_version"

_NOUNS = {
    "sessions": "session",
    "actions": "action",
    "people": "person",
    "meta": "setting",
    "home": "session summary",
}


@dataclass(frozen=True)
class BadRecord:
    table: str
    doc_id: str
    record_id: str | None
    field: str
    problem: str

    def describe(self) -> str:
        noun = _NOUNS.get(self.table, "record")
        who = f" {self.record_id!r}" if self.record_id else ""
        where = f"its field {self.field} " if self.field else ""
        place = f"document {self.doc_id} of table {self.table!r}"
        return f"the {noun}{who} ({place}): {where}{self.problem}"


def _record_id(doc: Mapping[str, Any], key: str = "id") -> str | None:
    value = doc.get(key)
    return value if isinstance(value, str) else None


def _check(
    table: str, doc_id: str, doc: dict[str, Any], read: Callable[[Any], Any]
) -> BadRecord | None:
    key = "key" if table == "meta" else "id"
    try:
        read(doc)
    except DecodeError as err:
        return BadRecord(table, doc_id, _record_id(doc, key), err.field, err.problem)
    except (KeyError, ValueError, TypeError, AttributeError) as err:
        return BadRecord(
            table, doc_id, _record_id(doc, key), "", f"cannot be read ({type(err).__name__})"
        )
    return None


def check_session(doc: dict[str, Any]) -> DecodeError | None:
    """None if ``doc`` reads as a session (journal entries use this)."""
    found = _check("sessions", "-", doc, _session)
    return None if found is None else DecodeError(found.field, found.problem)


def _meta(doc: dict[str, Any]) -> None:
    key = doc.get("key")
    if not isinstance(key, str):
        raise DecodeError("key", "is missing or not text")
    value = doc.get("value")
    if key == SCHEMA_KEY and (not isinstance(value, int) or isinstance(value, bool)):
        raise DecodeError("value", f"is {value!r}, not a schema version number")
    if key == FOLDED_KEY:
        if not isinstance(value, dict):
            raise DecodeError("value", "is not an object of session id -> journal number")
        for sid, seq in value.items():
            if not isinstance(seq, int) or isinstance(seq, bool):
                raise DecodeError(f"value.{sid}", f"is {seq!r}, not a journal number")


def _action(doc: dict[str, Any]) -> None:
    if not isinstance(doc.get("id"), str):
        raise DecodeError("id", "is missing or not text")
    from reflect_tui.store.actions import StoredAction

    StoredAction.from_doc(doc)


def _person(doc: dict[str, Any]) -> None:
    if not isinstance(doc.get("id"), str) or not doc["id"]:
        raise DecodeError("id", "is missing or not text")
    from reflect_tui.domain.people import Person

    Person.from_json(doc)


def _home(doc: dict[str, Any]) -> None:
    from reflect_tui.store.summary import SessionSummary

    if not isinstance(doc.get("id"), str):
        raise DecodeError("id", "is missing or not text")
    summary = doc.get("summary")
    if not isinstance(summary, dict) or summary.get("id") != doc["id"]:
        raise DecodeError("summary", "is missing or not this session's")
    try:
        SessionSummary.from_json(summary)
    except KeyError as err:
        raise DecodeError(f"summary.{err.args[0]}", "is missing") from None
    except (TypeError, ValueError) as err:
        raise DecodeError("summary", f"cannot be read ({err})") from None


def _session(doc: dict[str, Any]) -> Session:
    from reflect_tui.store.layout import decode_record

    return decode_record(doc)


READERS: dict[str, Callable[[Any], Any]] = {
    "sessions": _session,
    "actions": _action,
    "people": _person,
    "meta": _meta,
    "home": _home,
}


def home_stamp(home: Mapping[str, Any]) -> str:
    """SHA-256 of the "home" table's bytes, written into meta by every commit.

    A commit builds "home" from entries it made from decoded sessions, so a table
    whose stamp still matches is exactly what was checked: opening skips decoding
    each summary again (about 3 ms per open at 5,000 sessions, most of the open).
    Any change to the table (a flipped byte, an edit by hand, a copy from another
    store) breaks the match, and then every summary is read as before.
    """
    from reflect_tui.store import schema

    return hashlib.sha256(schema.dumps(home)).hexdigest()


def _stamped_home(tables: Mapping[str, Mapping[str, dict[str, Any]]]) -> bool:
    home = tables.get("home")
    if not home:
        return False
    for doc in tables.get("meta", {}).values():
        if doc.get("key") == HOME_STAMP_KEY:
            stamp = doc.get("value")
            return isinstance(stamp, str) and stamp == home_stamp(home)
    return False


def check_tables(
    tables: Mapping[str, Mapping[str, dict[str, Any]]], *, trust_stamp: bool = True
) -> BadRecord | None:
    """The first record that fails, or None if every record reads and no id is repeated.

    A "home" table whose stamp matches (``home_stamp``) is not decoded again
    unless ``trust_stamp`` is False (``reflect verify`` reads everything).

    The cyclic GC is paused meanwhile: every decoded object is dropped at once
    (freed by reference counting), and collections triggered by the millions of
    short-lived objects of a large store cost more than the decoding.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_tables(tables, skip_home=trust_stamp and _stamped_home(tables))
    finally:
        if enabled:
            gc.enable()


def _check_tables(
    tables: Mapping[str, Mapping[str, dict[str, Any]]], *, skip_home: bool
) -> BadRecord | None:
    for table in CHECKED_TABLES:
        if table == "home" and skip_home:
            continue
        read = READERS[table]
        key = "key" if table == "meta" else "id"
        seen: dict[str, str] = {}
        for doc_id, doc in tables.get(table, {}).items():
            bad = _check(table, doc_id, doc, read)
            if bad is not None:
                return bad
            record_id = doc[key]
            if record_id in seen:
                return BadRecord(
                    table,
                    doc_id,
                    record_id,
                    key,
                    f"is also the {key} of document {seen[record_id]}: two records share it",
                )
            seen[record_id] = doc_id
    return None
