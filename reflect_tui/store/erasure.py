"""Erasure: the bin, purging a session from every copy in the data folder, and its record.

Deleting a session moves its record from the ``sessions`` table to the ``bin``
table (``{"id", "deleted_at", "session"}``): it leaves every list, count and
report at once, and can be put back for ``bin_days`` days (store setting,
default 30). Purging (``reflect delete --purge``, or the bin's expiry) erases
it for good, from:

- the store file (the session, its bin entry, its actions, its journal mark);
- copies inside other sessions (an action it created that a later session
  carried, a carried-action row, a follow-up note written in it, a debrief's
  link to it): their text becomes a neutral note;
- every backup, and every file ``reflect restore`` set aside: each is rewritten
  without it (atomically, through the store's codec, keeping its time);
- every autosave journal (its own is removed, the others are scrubbed).

The ids of purged sessions are kept in meta ``erased_sessions`` (id -> when; no
content), in the store and in every rewritten backup. The store refuses to save
or replay a session with such an id again, and ``reflect restore`` strips them
from whatever backup it puts back (``restorable_bytes``). A purge marks meta
``erase_pending`` in the same write that removes the session and clears it once
every copy is clean, so a crash in between is finished at the next open
(``finish_pending``).

The minutes folder is not the store's business (it holds exports); see
``reflect_tui.dataprotection.erase`` for the whole erasure.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reflect_tui.store import backups, schema
from reflect_tui.store.errors import StoreError
from reflect_tui.store.files import Codec, FileBlob, PlainCodec, remove_durably

if TYPE_CHECKING:
    from reflect_tui.store.repository import Store

BIN_TABLE = "bin"
ERASED_KEY = "erased_sessions"
PENDING_KEY = "erase_pending"
BIN_DAYS_KEY = "bin_days"
DEFAULT_BIN_DAYS = 30
NEUTRAL_ACTION = "(an action from a session that was erased)"

Doc = dict[str, Any]


@dataclass(frozen=True)
class BinEntry:
    """A deleted session waiting in the bin (what a list needs; no answers)."""

    id: str
    title: str
    date: date
    template_title: str
    status: str
    deleted_at: datetime

    @classmethod
    def from_doc(cls, doc: Doc) -> BinEntry:
        record = doc.get("session", {})
        return cls(
            id=str(doc["id"]),
            title=str(record.get("title", "")),
            date=date.fromisoformat(str(record.get("date", "1970-01-01"))),
            template_title=str(record.get("template", {}).get("title", "")),
            status=str(record.get("status", "draft")),
            deleted_at=datetime.fromisoformat(str(doc["deleted_at"])),
        )

    def expires(self, days: int) -> datetime:
        return self.deleted_at + timedelta(days=days)


@dataclass
class PurgeReport:
    """What a purge did, for the person who asked (no content, only ids and paths)."""

    erased: list[str] = field(default_factory=list)
    changed_sessions: set[str] = field(default_factory=set)
    rewritten: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


# ------------------------------------------------------------------ the bin


def bin_days(store: Store) -> int:
    value = store.get_setting(BIN_DAYS_KEY, DEFAULT_BIN_DAYS)
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_BIN_DAYS
    return max(days, 0)


def _bin_docs(store: Store) -> dict[str, Doc]:
    return store._raw(BIN_TABLE)


def bin_entries(store: Store) -> list[BinEntry]:
    """The bin, most recently deleted first."""
    with store._state:
        docs = list(_bin_docs(store).values())
    entries = [BinEntry.from_doc(d) for d in docs if "id" in d and "session" in d]
    return sorted(entries, key=lambda e: (e.deleted_at, e.id), reverse=True)


def _bin_key(store: Store, session_id: str) -> str | None:
    for key, doc in _bin_docs(store).items():
        if doc.get("id") == session_id:
            return key
    return None


def resolve_binned(store: Store, id_or_prefix: str) -> str:
    key = id_or_prefix.strip()
    ids = [e.id for e in bin_entries(store)]
    if key in ids:
        return key
    found = [i for i in ids if key and i.startswith(key)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise StoreError(
            f"No session with id {key!r} in the bin of {store.data_dir}. "
            "Run `reflect bin` to see what is there."
        )
    raise StoreError(f"The id {key!r} matches {len(found)} sessions in the bin; give more of it.")


def move_to_bin(store: Store, session_id: str) -> BinEntry:
    """Take a session out of every list; it can be put back for ``bin_days`` days."""
    with store._mutex, store._writing():
        sid = store._resolve(session_id)
        record = dict(store._record(sid))
        doc: Doc = {
            "id": sid,
            "deleted_at": store.clock.now().isoformat(timespec="seconds"),
            "session": record,
        }
        store._table(BIN_TABLE).insert(doc)
        store._journal.remove(sid)
        store._remove_session(sid)
    return BinEntry.from_doc(doc)


def restore_from_bin(store: Store, id_or_prefix: str) -> BinEntry:
    """Put a binned session back where it was."""
    with store._mutex, store._writing():
        sid = resolve_binned(store, id_or_prefix)
        key = _bin_key(store, sid)
        assert key is not None
        doc = _bin_docs(store)[key]
        entry = BinEntry.from_doc(doc)
        if store.has_session(sid):
            raise StoreError(f"A session with id {sid} is already in the store; nothing changed.")
        store._table(BIN_TABLE).remove(doc_ids=[int(key)])
        store._put_session(dict(doc["session"]), None)
    return entry


def expired(store: Store, now: datetime | None = None) -> list[BinEntry]:
    now = now or store.clock.now()
    days = bin_days(store)
    return [e for e in bin_entries(store) if e.expires(days) <= now]


# ------------------------------------------------------------ erased ids


def erased_in(tables: schema.Tables) -> dict[str, str]:
    """Purged session id -> when, as recorded in a store tree."""
    for doc in tables.get("meta", {}).values():
        if doc.get("key") == ERASED_KEY and isinstance(doc.get("value"), dict):
            return {str(k): str(v) for k, v in doc["value"].items()}
    return {}


def erased_ids(store: Store) -> dict[str, str]:
    with store._state:
        return erased_in(store._storage.tables)


def refuse_erased(store: Store, session_ids: Iterable[str]) -> None:
    """Raise if any of these sessions was purged (a purged record never comes back)."""
    gone = erased_ids(store)
    binned = binned_ids(store)
    if not gone and not binned:
        return
    for sid in session_ids:
        if sid in gone:
            raise StoreError(
                f"The session {sid} was erased for good on {gone[sid][:10]}; "
                "it cannot be saved again."
            )
        if sid in binned:
            raise StoreError(
                f"The session {sid} is in the bin, so it was not saved. Put it back first "
                f"(`reflect bin restore {sid}`)."
            )


# ------------------------------------------------------------ scrubbing


def _scrub_record(record: Doc, ids: set[str], action_ids: set[str]) -> bool:
    """Neutralise, in another session's record, what came from the purged sessions."""
    from reflect_tui.domain.scrub import scrub_session
    from reflect_tui.domain.session import Session

    session = Session.from_dict(record)
    if not scrub_session(session, ids, action_ids, neutral=NEUTRAL_ACTION):
        return False
    record.clear()
    record.update(session.to_dict())
    return True


def _action_ids(records: Iterable[Doc]) -> set[str]:
    from reflect_tui.store.actions import raw_actions

    return {str(a["id"]) for r in records for a in raw_actions(r)}


def scrub_tables(tables: schema.Tables, ids: set[str], action_ids: set[str], when: str) -> set[str]:
    """Remove sessions ``ids`` from a store tree and every copy of them in it.

    ``action_ids``: the actions those sessions created (their copies elsewhere
    are neutralised). Records the ids as erased. Returns the other sessions
    whose records changed.
    """
    from reflect_tui.store.actions import rebuild_actions

    sessions = tables.setdefault("sessions", {})
    binned = tables.setdefault(BIN_TABLE, {})
    own = [r for r in sessions.values() if r.get("id") in ids]
    own += [d["session"] for d in binned.values() if d.get("id") in ids and "session" in d]
    action_ids = action_ids | _action_ids(own)
    for key in [k for k, r in sessions.items() if r.get("id") in ids]:
        del sessions[key]
    for key in [k for k, d in binned.items() if d.get("id") in ids]:
        del binned[key]
    changed: set[str] = set()
    for record in [*sessions.values(), *(d.get("session", {}) for d in binned.values())]:
        if _scrub_record(record, ids, action_ids):
            changed.add(str(record.get("id")))
    tables["actions"] = rebuild_actions(sessions)
    for doc in tables.get("meta", {}).values():
        if doc.get("key") == "journal_folded" and isinstance(doc.get("value"), dict):
            doc["value"] = {k: v for k, v in doc["value"].items() if k not in ids}
    erased = erased_in(tables)
    for sid in sorted(ids):
        erased.setdefault(sid, when)
    schema.set_meta(tables, ERASED_KEY, erased)
    return changed


# --------------------------------------------------------------- purging


# Work outside the store that must be done before a purge counts as finished (the
# minutes folder, in dataprotection.erase); it is given the report, and is run again
# after a crash, from what the pending mark recorded.
Also = Callable[[PurgeReport], None]


def purge(store: Store, session_ids: Iterable[str], also: Also | None = None) -> PurgeReport:
    """Erase sessions (live or binned, by id or unique prefix) from every copy, for good."""
    store._check_writable()
    report = PurgeReport()
    with store._mutex:
        with store._writing():
            ids: set[str] = set()
            live: set[str] = set()
            for key in session_ids:
                try:
                    sid = store._resolve(key)
                    live.add(sid)
                except StoreError:
                    sid = resolve_binned(store, key)
                ids.add(sid)
            when = store.clock.now().isoformat(timespec="seconds")
            report.changed_sessions = _purge_live(store, ids, live, when)
            pending = {"ids": sorted(ids), "changed": sorted(report.changed_sessions)}
            store._put_meta(PENDING_KEY, pending)
        report.erased = sorted(ids)
        _clean_copies(store, report, also)
    return report


def _purge_live(store: Store, ids: set[str], live: set[str], when: str) -> set[str]:
    """``scrub_tables`` for the live layout: session files one at a time, then reflect.json."""
    binned = store._raw(BIN_TABLE)
    own = [dict(store._record(sid)) for sid in sorted(live)]
    own += [d["session"] for d in binned.values() if d.get("id") in ids and "session" in d]
    action_ids = _action_ids(own)
    for sid in sorted(live):
        store._remove_session(sid)
    changed: set[str] = set()
    for record in list(store._iter_records()):
        copy = schema.loads(schema.dumps(record))
        if _scrub_record(copy, ids, action_ids):
            store._put_session(copy, None)
            changed.add(str(copy.get("id")))
    tables: schema.Tables = {
        "meta": store._raw("meta"),
        BIN_TABLE: binned,
        "people": store._raw("people"),
    }
    changed |= scrub_tables(tables, ids, action_ids, when)
    tables.pop("actions", None)
    tables.pop("sessions", None)
    for name, table in tables.items():
        store._storage.tables[name] = table
    store._install_small()
    store._dirty = True
    return changed


def finish_pending(store: Store, also: Also | None = None) -> PurgeReport | None:
    """Finish a purge a crash interrupted (backups, journals); None if none was pending."""
    if store.read_only:
        return None
    with store._state:
        pending = store._meta_value(PENDING_KEY)
    if not isinstance(pending, dict):
        return None
    report = PurgeReport(
        erased=sorted(str(p) for p in pending.get("ids", [])),
        changed_sessions={str(p) for p in pending.get("changed", [])},
    )
    with store._mutex:
        _clean_copies(store, report, also)
    return report


def purge_expired(
    store: Store, now: datetime | None = None, also: Also | None = None
) -> PurgeReport | None:
    """Purge what has been in the bin longer than ``bin_days``; None if nothing was due."""
    if store.read_only:
        return None
    due = expired(store, now)
    if not due:
        return finish_pending(store, also)
    return purge(store, [e.id for e in due], also)


def _clean_copies(store: Store, report: PurgeReport, also: Also | None) -> None:
    """Rewrite backups, set-aside files and journals without every erased session."""
    erased = erased_ids(store)
    ids = set(erased)
    codec = store._codec
    for entry_path in _journal_files(store):
        _clean_journal(store, entry_path, ids, report)
    for path in _store_copies(store):
        _clean_copy(path, ids, erased, codec, report)
    _clean_versions(store, ids, report)
    _rewrite_index_backups(store, report, lambda entries: _scrub_entries(entries, ids))
    if also is not None:
        also(report)
    with store._writing():
        tables = store._storage.tables
        meta = tables.get("meta", {})
        for key in [k for k, d in meta.items() if d.get("key") == PENDING_KEY]:
            store._table("meta").remove(doc_ids=[int(key)])
            store._meta.pop(PENDING_KEY, None)


def _clean_versions(store: Store, ids: set[str], report: PurgeReport) -> None:
    """Earlier session versions (backups/sessions/): the erased go, the rest are scrubbed."""
    files = store._files
    for sid in sorted(ids):
        for path in files.versions(sid):
            remove_durably(path)
            report.removed.append(path)
        with contextlib.suppress(OSError):
            files.paths.versions_of(sid).rmdir()
    for path in list(files.all_versions()):
        blob = FileBlob(path, files.session_codec)
        try:
            record = schema.loads(blob.read() or b"")
        except Exception as err:  # any codec or disk failure: it cannot be checked
            if any(sid.encode() in path.read_bytes() for sid in ids):
                remove_durably(path)
                report.removed.append(path)
            report.problems.append(f"The earlier version {path} could not be read ({err}).")
            continue
        if isinstance(record, dict) and _scrub_record(record, ids, set()):
            _keep_time(path, lambda b=blob, r=record: b.write(schema.dumps(r)))  # type: ignore[misc]
            report.rewritten.append(path)


def _scrub_entries(entries: dict[str, Doc], ids: set[str]) -> bool:
    """Index entries without the erased sessions, and their actions neutralised elsewhere."""
    gone = [sid for sid in entries if sid in ids]
    action_ids = {str(a.get("id")) for sid in gone for a in entries[sid].get("actions", [])}
    for sid in gone:
        del entries[sid]
    changed = bool(gone)
    for entry in entries.values():
        for action in entry.get("actions", []):
            from_erased = action.get("id") in action_ids or action.get("created_in") in ids
            if from_erased and (action.get("what") != NEUTRAL_ACTION or action.get("note")):
                action["what"], action["note"] = NEUTRAL_ACTION, ""
                changed = True
            if action.get("closed_in") in ids:
                action["closed_in"], action["note"] = "", ""
                changed = True
    return changed


def _rewrite_index_backups(
    store: Store, report: PurgeReport, change: Callable[[dict[str, Doc]], bool]
) -> None:
    """Apply ``change`` to the entries of every index shard kept beside a backup."""
    from reflect_tui.store import layout

    codec = store._files.index_codec
    for folder in layout.index_backups(store.data_dir):
        for path in sorted(folder.glob("*.json")):
            if path.stem in layout.FACT_FILES:
                # A backup's home facts (open actions, who is due) are not scrubbed entry by
                # entry: they are removed, and worked out again if that backup is restored.
                remove_durably(path)
                report.removed.append(path)
                continue
            blob = FileBlob(path, codec)
            try:
                tree = schema.loads(blob.read() or b"")
                entries = tree["entries"]
            except Exception:  # any codec or disk failure: it cannot be checked
                remove_durably(path)
                report.removed.append(path)
                continue
            if isinstance(entries, dict) and change(entries):
                _keep_time(path, lambda b=blob, t=tree: b.write(schema.dumps(t)))  # type: ignore[misc]
                report.rewritten.append(path)


def _journal_files(store: Store) -> list[Path]:
    folder = store._journal.folder
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))


def _clean_journal(store: Store, path: Path, ids: set[str], report: PurgeReport) -> None:
    if path.stem in ids:
        remove_durably(path)
        report.removed.append(path)
        return
    blob = FileBlob(path, store._codec)
    try:
        data = schema.loads(blob.read() or b"")
        record = data["session"]
    except (OSError, ValueError, KeyError, TypeError):
        report.problems.append(f"The autosave file {path} could not be read to check it.")
        return
    if isinstance(record, dict) and _scrub_record(record, ids, set()):
        _keep_time(path, lambda: blob.write(schema.dumps(data)))
        report.rewritten.append(path)


def _store_copies(store: Store) -> list[Path]:
    """Backups and the files ``reflect restore`` set aside: whole copies of the store."""
    found = list(backups.list_backups(store.data_dir))
    stem, suffix = Path(store.path.name).stem, store.path.suffix
    found += sorted(
        p
        for p in store.data_dir.glob(f"{stem}.*{suffix}")
        if p.name != store.path.name and not p.name.startswith(".")
    )
    return found


def _clean_copy(
    path: Path, ids: set[str], erased: dict[str, str], codec: Codec | None, report: PurgeReport
) -> None:
    blob = FileBlob(path, codec)
    try:
        data = blob.read()
    except Exception as err:  # any codec or disk failure: the copy cannot be checked
        data = b""
        problem: str | None = f"cannot be read ({err})"
    else:
        if data is None:
            return
        problem = None
    tables, bad = backups.parse(data) if data else (None, problem or "is empty")
    if tables is None:
        # A copy that does not load cannot be restored either. If it might hold an
        # erased session (or cannot be read at all) it is removed, never left behind.
        if not data or any(sid.encode() in data for sid in ids):
            remove_durably(path)
            report.removed.append(path)
            report.problems.append(f"{path} {bad}; it was removed rather than rewritten.")
        return
    before = schema.dumps(tables)
    _scrub_copy(tables, ids, erased)
    after = schema.dumps(tables)
    if after != before:
        _keep_time(path, lambda: blob.write(after))
        report.rewritten.append(path)


def _scrub_copy(tables: schema.Tables, ids: set[str], erased: dict[str, str]) -> None:
    """A whole copy of reflect.json (either layout) without the erased sessions.

    A layout-2 copy's "home" summaries are dropped: they are derived, and any
    restore of such a copy rebuilds the index from the session files.
    """
    layout2 = "sessions" not in tables
    scrub_tables(tables, ids, set(), max(erased.values(), default=""))
    schema.set_meta(tables, ERASED_KEY, {**erased_in(tables), **erased})
    if layout2:
        tables.pop("sessions", None)
        tables.pop("actions", None)
        if tables.get("home"):
            tables["home"] = {}


def _raw_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _keep_time(path: Path, write: Callable[[], None]) -> None:
    """Rewrite a file but keep its modification time (a backup's time says when it was made)."""
    try:
        st = path.stat()
    except OSError:
        write()
        return
    write()
    with contextlib.suppress(OSError):
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


# --------------------------------------------------------------- restore


def erased_ids_in_folder(data_dir: Path, codec: Codec | None) -> dict[str, str]:
    """Every session purged according to the current file, any backup or set-aside file."""
    erased: dict[str, str] = {}
    from reflect_tui.store.repository import STORE_NAME

    copies = sorted(p for p in data_dir.glob("reflect.*.json") if not p.name.startswith("."))
    for path in [data_dir / STORE_NAME, *backups.list_backups(data_dir), *copies]:
        try:
            data = FileBlob(path, codec).read()
        except (OSError, ValueError):
            continue
        tables, _ = backups.parse(data) if data is not None else (None, None)
        if tables is not None:
            erased.update(erased_in(tables))
    return erased


def restorable_bytes(data_dir: Path, chosen: Path, codec: Codec | None) -> bytes:
    """The bytes to put in place of the store when restoring ``chosen``.

    Any session purged according to the current file or any backup is stripped
    first, so a restore can never bring one back.
    """
    erased = erased_ids_in_folder(data_dir, codec)
    raw = chosen.read_bytes()
    if not erased:
        return raw
    data = FileBlob(chosen, codec).read() or b""
    tables, problem = backups.parse(data)
    if tables is None:
        raise StoreError(f"The backup {chosen} {problem}; it was not restored.")
    _scrub_copy(tables, set(erased), erased)
    return (codec or PlainCodec()).encode(schema.dumps(tables))


def without_erased(store: Store, entries: list[Any]) -> list[Any]:
    """Journal entries minus those of purged sessions (whose files are removed if writable)."""
    gone = set(erased_ids(store)) | binned_ids(store)  # a deleted draft is not replayed
    if not gone:
        return entries
    keep = []
    for entry in entries:
        if entry.session_id in gone:
            if not store.read_only:
                remove_durably(entry.path)
            continue
        keep.append(entry)
    return keep


# ------------------------------------------------- a change made everywhere

TablesChange = Callable[[schema.Tables], None]
RecordChange = Callable[[Doc], bool]


def _session_dumps(tables: schema.Tables) -> dict[str, bytes]:
    found = {str(r.get("id")): schema.dumps(r) for r in tables.get("sessions", {}).values()}
    for doc in tables.get(BIN_TABLE, {}).values():
        found[str(doc.get("id"))] = schema.dumps(doc)
    return found


def rewrite_everywhere(
    store: Store, change: TablesChange, change_record: RecordChange
) -> PurgeReport:
    """Apply ``change`` to the store (one write) and to every copy of it in the data folder.

    ``change`` edits a whole store tree in place (the store's, then each backup's
    and set-aside file's); ``change_record`` edits one session record (an
    autosave journal's) and says whether it changed anything. Used to forget a
    person. Running it again is harmless, so an interrupted run is finished by
    running it again.
    """
    store._check_writable()
    report = PurgeReport()
    with store._mutex:
        with store._writing():
            for record in list(store._iter_records()):
                copy = schema.loads(schema.dumps(record))
                if change_record(copy):
                    store._put_session(copy, None)
                    report.changed_sessions.add(str(copy.get("id")))
            tables: schema.Tables = {
                name: store._raw(name) for name in ("meta", "people", BIN_TABLE)
            }
            before = _session_dumps(tables)
            change(tables)
            after = _session_dumps(tables)
            report.changed_sessions |= {k for k, v in after.items() if before.get(k) != v}
            tables.pop("actions", None)
            tables.pop("sessions", None)
            for name, table in tables.items():
                store._storage.tables[name] = table
            store._install_small()
            store._dirty = True
        for path in list(store._files.all_versions()):
            blob = FileBlob(path, store._files.session_codec)
            try:
                record = schema.loads(blob.read() or b"")
            except Exception:  # any codec or disk failure: the copy cannot be checked
                report.problems.append(f"The earlier version {path} could not be read to check it.")
                continue
            if isinstance(record, dict) and change_record(record):
                _keep_time(path, lambda b=blob, r=record: b.write(schema.dumps(r)))  # type: ignore[misc]
                report.rewritten.append(path)

        def change_entries(entries: dict[str, Doc]) -> bool:
            return any([change_record(entry) for entry in entries.values()])

        _rewrite_index_backups(store, report, change_entries)
        for path in _journal_files(store):
            blob = FileBlob(path, store._codec)
            try:
                data = schema.loads(blob.read() or b"")
                record = data["session"]
            except (OSError, ValueError, KeyError, TypeError):
                report.problems.append(f"The autosave file {path} could not be read to check it.")
                continue
            if isinstance(record, dict) and change_record(record):
                _keep_time(path, lambda b=blob, d=data: b.write(schema.dumps(d)))  # type: ignore[misc]
                report.rewritten.append(path)
        for path in _store_copies(store):
            copy = FileBlob(path, store._codec)
            try:
                raw = copy.read()
            except Exception as err:  # any codec or disk failure: the copy cannot be checked
                report.problems.append(f"{path} could not be read ({err}); it was left as is.")
                continue
            copy_tables, problem = backups.parse(raw) if raw else (None, "is empty")
            if copy_tables is None:
                report.problems.append(f"{path} {problem}; it was left as is.")
                continue
            old = schema.dumps(copy_tables)
            layout2 = "sessions" not in copy_tables
            change(copy_tables)
            if layout2:
                copy_tables.pop("actions", None)
                copy_tables.pop("sessions", None)
                for doc in copy_tables.get("home", {}).values():
                    change_record(doc)
            new = schema.dumps(copy_tables)
            if new != old:
                _keep_time(path, lambda c=copy, n=new: c.write(n))  # type: ignore[misc]
                report.rewritten.append(path)
    return report


def records(store: Store) -> Iterator[Doc]:
    """Every session record, live (read one at a time) and binned: read, never change."""
    yield from store._iter_records()
    with store._state:
        binned = [d["session"] for d in _bin_docs(store).values() if "session" in d]
    yield from binned


def binned_ids(store: Store) -> set[str]:
    with store._state:
        return {str(d.get("id")) for d in _bin_docs(store).values()}
