"""Store: the repository API over one crash-safe, locked TinyDB file per data directory.

All data lives in memory between operations (``MemoryStorage``); every change
is committed as one whole-file atomic replace (``files.atomic_write``), after
serialising first. A failed write leaves the file untouched and the memory is
reloaded from it. Autosave goes to the small per-draft journal instead (see
``journal`` and ``autosave``), folded into the file on flush and close.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from reflect_tui.domain.answers import ActionItem, ActionStatus
from reflect_tui.domain.clock import Clock, SystemClock
from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session, Status
from reflect_tui.store import actions as actions_mod
from reflect_tui.store import backups, erasure, schema
from reflect_tui.store.actions import StoredAction
from reflect_tui.store.errors import (
    FileUndecryptable,
    StoreDamaged,
    StoreError,
    StoreReadOnly,
    StoreWriteFailed,
)
from reflect_tui.store.files import (
    DIR_MODE,
    FILE_MODE,
    Codec,
    FileBlob,
    PlainCodec,
    ensure_dir,
    private_dir,
    remove_stale_temps,
    tighten,
    with_role,
)
from reflect_tui.store.journal import Journal
from reflect_tui.store.lock import WriterLock
from reflect_tui.store.summary import SessionSummary, sort_key
from reflect_tui.store.unlock import Unlock, codec_for_folder

if TYPE_CHECKING:
    from reflect_tui.store.autosave import Autosaver

STORE_NAME = "reflect.json"
FOLDED_KEY = "journal_folded"
# erased_sessions / erase_pending: see store/erasure.py.
INTERNAL_KEYS = frozenset({schema.SCHEMA_KEY, FOLDED_KEY, "erased_sessions", "erase_pending"})

Doc = dict[str, Any]

# Told every warning of every opening (a bad autosave set aside, ...); the CLI
# prints them on stderr, the app shows them on screen. See set_notice_handler.
_notice_handler: Callable[[str], None] | None = None


def set_notice_handler(handler: Callable[[str], None] | None) -> None:
    global _notice_handler
    _notice_handler = handler


def _identity(path: Path) -> tuple[int, int, int] | None:
    """Inode, size and mtime: enough to tell whether a file is still the one we wrote."""
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class MemoryStorage(Storage):
    """TinyDB Storage over the in-memory tree; the Store decides when it reaches disk."""

    def __init__(self, tables: schema.Tables, on_write: Callable[[], None]) -> None:
        self.tables = tables
        self._on_write = on_write

    def read(self) -> dict[str, dict[str, Any]] | None:
        return self.tables

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.tables = data
        self._on_write()

    def close(self) -> None:
        pass


def _replace_with(new: Mapping[str, Any]) -> Callable[[MutableMapping[Any, Any]], None]:
    def replace(doc: MutableMapping[Any, Any]) -> None:
        doc.clear()
        doc.update(new)

    return replace


class Store:
    """Open with ``Store.open(data_dir)``; use as a context manager or call ``close()``."""

    def __init__(
        self,
        data_dir: Path,
        clock: Clock,
        read_only: bool,
        read_only_reason: str,
        lock: WriterLock | None,
        codec: Codec | None,
        keep_backups: int,
    ) -> None:
        self.data_dir = data_dir
        self.path = data_dir / STORE_NAME
        self.clock = clock
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.warnings: list[str] = []
        # Drafts brought back from the autosave journal at this open (a crash or kill).
        self.recovered: list[str] = []
        self._lock = lock
        self._codec = codec
        # The store file and its backups are bound to the role "store", journals to
        # "journal" (an encrypted folder refuses one put in place of the other).
        self._store_codec = with_role(codec, "store")
        self._blob = FileBlob(self.path, self._store_codec)
        self._journal = Journal(data_dir, with_role(codec, "journal"), read_only=read_only)
        self._keep_backups = keep_backups
        self._last_backup: float | None = None
        self._written_stat: tuple[int, int, int] | None = None
        # _mutex orders writers (a whole write, disk I/O included); _state guards the
        # in-memory tree and is all a reader needs, so reads never wait for the disk.
        self._mutex = threading.RLock()
        self._state = threading.RLock()
        self._depth = 0
        self._dirty = False
        self._closed = False
        self._autosavers: list[Autosaver] = []
        self._storage = MemoryStorage(schema.new_tables(), self._written)
        self._db = TinyDB(storage=lambda: self._storage)
        self._sessions: dict[str, int] = {}
        self._actions: dict[str, int] = {}
        self._people: dict[str, int] = {}
        self._meta: dict[str, int] = {}
        self._summaries: dict[str, SessionSummary] = {}

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(
        cls,
        data_dir: Path,
        clock: Clock | None = None,
        *,
        read_only: bool = False,
        lock_timeout: float = 0.0,
        codec: Codec | None = None,
        keep_backups: int = backups.DEFAULT_KEEP,
        unlock: Unlock | None = None,
    ) -> Store:
        """Open (creating if new) the store in ``data_dir``.

        Raises StoreDamaged if the file cannot be trusted. If another process is
        the writer, the store opens read-only and ``read_only_reason`` says so.
        An encrypted folder (one with ``reflect.keys``) is unlocked with ``unlock``
        (the passphrase or recovery key, or a ``SecretSource`` to ask), else the
        default source the CLI sets; StoreLocked, before anything is written, if
        that fails.
        """
        data_dir = Path(data_dir).expanduser()
        try:
            if codec is None:
                codec = codec_for_folder(data_dir, unlock, data_dir / STORE_NAME)
            return cls._open_in(data_dir, clock, read_only, lock_timeout, codec, keep_backups)
        except StoreError:
            raise
        except OSError as err:  # a folder name too long, a loop of links, an I/O error
            shown = str(data_dir) if len(str(data_dir)) <= 120 else f"{str(data_dir)[:117]}..."
            raise StoreError(
                f"Cannot use the data folder {shown}: {err.strerror or err}. Nothing was "
                "written. Check the folder, or choose another with --data DIR."
            ) from err

    @classmethod
    def _open_in(
        cls,
        data_dir: Path,
        clock: Clock | None,
        read_only: bool,
        lock_timeout: float,
        codec: Codec | None,
        keep_backups: int,
    ) -> Store:
        reason = "This data was opened read-only on request." if read_only else ""
        lock: WriterLock | None = None
        if not read_only:
            try:
                ensure_dir(data_dir)
            except OSError as err:
                if not data_dir.is_dir():
                    raise StoreError(
                        f"Cannot create the data folder {data_dir}: {err.strerror or err}. "
                        "Choose another folder with --data DIR."
                    ) from err
            lock = WriterLock(data_dir)
            try:
                got = lock.acquire(lock_timeout)
            except OSError as err:
                # Locking is impossible here (read-only media, ENOLCK, EIO): reading is
                # still safe, so open read-only rather than refuse.
                got = False
                reason = (
                    f"The data folder {data_dir} cannot be locked for writing "
                    f"({err.strerror or err}); it is open read-only. Copy the folder to "
                    "a writable disk to make changes."
                )
            else:
                if not got:
                    reason = (
                        f"{lock.in_use()}; this one is read-only. "
                        "Close it, then reopen this one to make changes."
                    )
            if not got:
                lock = None
                read_only = True
        store = cls(data_dir, clock or SystemClock(), read_only, reason, lock, codec, keep_backups)
        try:
            store._open()
        except BaseException:
            store._release()
            raise
        if _notice_handler is not None:
            for warning in store.warnings:
                _notice_handler(warning)
        return store

    def _open(self) -> None:
        if self.path.is_symlink():
            raise StoreError(
                f"The data file {self.path} is a symbolic link (to {os.readlink(self.path)}). "
                "reflect replaces its data file whole on every save, which would cut the "
                "link, so it does not open it. Move the real file into this folder in place "
                "of the link, or give the folder that holds it with --data."
            )
        if not self.read_only:
            for folder in (
                self.data_dir,
                self._journal.folder,
                backups.backup_dir(self.data_dir),
            ):
                remove_stale_temps(folder)
            self._tighten_modes()
        raw = self._read_checked()
        if raw is None:
            tables = schema.new_tables()
            self._install(tables)
            if not self.read_only:
                private_dir(self.data_dir)
                self._commit()
            return
        start = schema.migrate(raw)
        self._install(raw)
        if start != schema.SCHEMA_VERSION and not self.read_only:
            self._dirty = True
            self._commit()
        self._replay_journal()

    def _tighten_modes(self) -> None:
        """A folder or file left readable by others (an old copy, a restore by hand) is closed."""
        loose = [
            path.name
            for path, mode in (
                (self.data_dir, DIR_MODE),
                (self.path, FILE_MODE),
                (self._journal.folder, DIR_MODE),
                (backups.backup_dir(self.data_dir), DIR_MODE),
            )
            if tighten(path, mode)
        ]
        if loose:
            self.warnings.append(
                f"Other users could read {', '.join(loose)} in {self.data_dir}; it is now "
                "owner-only."
            )

    def _read_checked(self) -> schema.Tables | None:
        """The file's tree, None if there is no store yet; StoreDamaged if it is bad."""
        try:
            data = self._blob.read()
        except FileUndecryptable as err:
            raise self._damaged(err.problem) from None
        except OSError as err:
            raise StoreError(
                f"Cannot read the data file {self.path}: {err.strerror or err}. "
                "Check the folder's permissions."
            ) from err
        problem: str | None = "is missing, but there are backups of it"
        if data is None:
            if not backups.list_backups(self.data_dir):
                return None
        else:
            tables, problem = backups.parse(data)
            if tables is not None:
                return tables
        raise self._damaged(problem or "cannot be read")

    def _damaged(self, problem: str) -> StoreDamaged:
        good = backups.newest_good(self.data_dir, self._store_codec)
        data_opt = f" --data {self.data_dir}"
        if good is not None:
            advice = (
                f"The newest good backup is {backups.describe(good)}. Run "
                f"`reflect restore{data_opt}` to keep the bad file aside under a new name "
                "and restore that backup."
            )
        else:
            advice = (
                "There is no good backup to restore. Keep a copy of the file and ask your "
                "IT support for help."
            )
        return StoreDamaged(
            f"The data file {self.path} {problem}. Nothing has been written to it. {advice}",
            self.path,
            good,
        )

    def _install(self, tables: schema.Tables) -> None:
        """Make ``tables`` the in-memory state and rebuild the id indexes."""
        for name in ("sessions", "actions", "people", "meta"):
            tables.setdefault(name, {})
        self._storage = MemoryStorage(tables, self._written)
        self._db = TinyDB(storage=lambda: self._storage)
        self._sessions = {d["id"]: int(k) for k, d in tables["sessions"].items()}
        self._actions = {d["id"]: int(k) for k, d in tables["actions"].items() if "id" in d}
        self._people = {d["id"]: int(k) for k, d in tables["people"].items() if "id" in d}
        self._meta = {d["key"]: int(k) for k, d in tables["meta"].items() if "key" in d}
        self._summaries = {}

    def _replay_journal(self) -> None:
        """Fold autosaved drafts newer than the file into it (in memory only if read-only)."""
        entries, bad = self._journal.entries()
        entries = erasure.without_erased(self, entries)
        for path, problem in bad:
            if self.read_only:
                self.warnings.append(
                    f"The autosave file {path} {problem}; it was not replayed. It is left as "
                    "it is (this window is read-only)."
                )
                continue
            try:
                aside = self._journal.set_aside(path, self.clock.now().strftime("%Y%m%d-%H%M%S"))
            except OSError as err:
                self.warnings.append(
                    f"The autosave file {path} {problem}; it was not replayed, and could not "
                    f"be set aside ({err.strerror or err})."
                )
            else:
                self.warnings.append(
                    f"The autosave file {path} {problem}; it was not replayed and is kept as "
                    f"{aside.name}. The session's saved version is unchanged."
                )
        folded: dict[str, int] = dict(self._meta_value(FOLDED_KEY) or {})
        live = {e.session_id for e in entries}
        replay = [e for e in entries if e.seq > int(folded.get(e.session_id, -1))]
        pruned = {sid: seq for sid, seq in folded.items() if sid in live}
        if not replay:
            if pruned != folded and not self.read_only:
                with self._writing():
                    self._put_meta(FOLDED_KEY, pruned)
            for e in entries:
                if not self.read_only:
                    self._journal.remove(e.session_id)
            return
        if self.read_only:
            with self._in_memory():
                for e in replay:
                    self._put_session(e.record, None)
            return
        self.recovered = [e.session_id for e in replay]
        with self._writing():
            for e in replay:
                self._put_session(e.record, None)
                pruned[e.session_id] = e.seq
            self._put_meta(FOLDED_KEY, pruned)
        for e in entries:
            self._journal.remove(e.session_id)

    # ---------------------------------------------------------------- writing

    def _written(self) -> None:
        """Called by TinyDB after each table change."""
        self._dirty = True
        if self._depth == 0:  # a change made outside _writing(): commit at once
            self._commit_or_reload()

    @contextmanager
    def _in_memory(self) -> Iterator[None]:
        """Apply table changes to memory only (read-only replay, reload): never committed."""
        with self._state:
            depth, self._depth = self._depth, self._depth + 1
            try:
                yield
            finally:
                self._depth = depth
                self._dirty = False

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Group table changes into one atomic file write; on failure, memory = disk."""
        self._check_writable()
        with self._mutex:
            self._depth += 1
            try:
                with self._state:
                    yield
            except BaseException:
                self._depth -= 1
                if self._depth == 0 and self._dirty:
                    with self._state:
                        self._reload()
                raise
            self._depth -= 1
            if self._depth == 0 and self._dirty:
                self._commit_or_reload()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make every change inside the block reach the file in one atomic write."""
        with self._writing():
            yield

    def _commit_or_reload(self) -> None:
        try:
            self._commit()
        except BaseException:
            with self._state:
                self._reload()
            raise

    def _commit(self) -> None:
        """Serialise first, back up the old file if due, then replace the file atomically.

        Only serialising holds ``_state``; the disk write holds just ``_mutex``.
        A read-only store refuses here, whatever the caller: this is the one way
        to the file, so a reader can never write it.
        """
        self._check_writable()
        try:
            with self._state:
                data = schema.dumps(self._storage.tables)
        except (TypeError, ValueError) as err:
            raise StoreWriteFailed(
                f"Could not save to {self.path}: a value cannot be stored ({err}). "
                "Nothing was written; the file is unchanged."
            ) from err
        try:
            self._backup_if_due()
            self._blob.write(data)
            self._written_stat = _identity(self.path)
        except OSError as err:
            raise StoreWriteFailed(
                f"Could not save to {self.path}: {err.strerror or err}. The file on disk is "
                "unchanged. Free some disk space (or check the folder's permissions) and save "
                "again; your work is still in this window."
            ) from err
        self._dirty = False

    def _backup_if_due(self) -> None:
        now = time.monotonic()
        if self._last_backup is not None and now - self._last_backup < backups.BACKUP_EVERY:
            return
        unchanged = self._written_stat is not None and _identity(self.path) == self._written_stat
        # A file this store did not write last is only kept if it loads, so a good
        # backup is never rotated out for a bad one. (Ours needs no re-parse.)
        if (
            self._last_backup is not None
            and not unchanged
            and backups.check_file(self.path, self._store_codec)
        ):
            return
        backups.make_backup(self.path, self.data_dir, self._keep_backups)
        self._last_backup = now

    def _reload(self) -> None:
        """After a failed write: put memory back to what the file holds."""
        self._dirty = False
        raw = self._read_checked()
        tables = schema.new_tables() if raw is None else raw
        schema.migrate(tables)
        self._install(tables)
        entries, _ = self._journal.entries()
        folded: dict[str, int] = dict(self._meta_value(FOLDED_KEY) or {})
        with self._in_memory():
            for e in entries:
                if e.seq > int(folded.get(e.session_id, -1)):
                    self._put_session(e.record, None)

    def _check_writable(self) -> None:
        if self._closed:
            raise StoreError(f"The store for {self.data_dir} is closed.")
        if self.read_only:
            raise StoreReadOnly(f"Cannot save: {self.read_only_reason}")

    def _table(self, name: str) -> Table:
        return self._db.table(name, cache_size=0)

    def _raw(self, name: str) -> dict[str, Doc]:
        return self._storage.tables.setdefault(name, {})

    def _put(self, name: str, index: dict[str, int], key: str, doc: Doc) -> None:
        table = self._table(name)
        doc_id = index.get(key)
        if doc_id is None:
            index[key] = table.insert(doc)
        else:
            table.update(_replace_with(doc), doc_ids=[doc_id])

    def _put_meta(self, key: str, value: Any) -> None:
        self._put("meta", self._meta, key, {"key": key, "value": value})

    def _meta_value(self, key: str) -> Any:
        doc_id = self._meta.get(key)
        return None if doc_id is None else self._raw("meta")[str(doc_id)].get("value")

    def _put_session(self, record: Doc, mark: int | None) -> None:
        sid = record["id"]
        old_id = self._sessions.get(sid)
        old = self._raw("sessions").get(str(old_id)) if old_id is not None else None
        old = dict(old) if old is not None else None
        self._summaries.pop(sid, None)
        self._put("sessions", self._sessions, sid, record)
        raw_actions = self._raw("actions")
        current = {aid: (n, raw_actions[str(n)]) for aid, n in self._actions.items()}
        puts, stale = actions_mod.mirror_session(current, old, record)
        if stale:
            self._rebuild_actions()
        else:
            for doc_id, doc in puts:
                if doc_id is None:
                    self._actions[doc["id"]] = self._table("actions").insert(doc)
                else:
                    self._table("actions").update(_replace_with(doc), doc_ids=[doc_id])
        if mark is not None:
            folded = dict(self._meta_value(FOLDED_KEY) or {})
            folded[sid] = mark
            self._put_meta(FOLDED_KEY, folded)

    def _rebuild_actions(self) -> None:
        table = self._table("actions")
        table.truncate()
        docs = list(actions_mod.rebuild_actions(self._raw("sessions")).values())
        ids = table.insert_multiple(docs)
        self._actions = {d["id"]: n for d, n in zip(docs, ids, strict=True)}

    # -------------------------------------------------------------- sessions

    def list_sessions(self) -> list[SessionSummary]:
        """Every session, newest first, without decoding answers (summaries are cached)."""
        with self._state:
            cache = self._summaries
            found: list[tuple[tuple[str, str, str], SessionSummary]] = []
            for record in self._raw("sessions").values():
                summary = cache.get(record["id"])
                if summary is None:
                    summary = cache[record["id"]] = SessionSummary.from_record(record)
                found.append((sort_key(record), summary))
        # Sorted on the stored strings: same order as SessionSummary.sort_key, without
        # formatting 2 x N dates on every call.
        found.sort(key=lambda pair: pair[0], reverse=True)
        return [summary for _, summary in found]

    # Contract (issue 16) for what home and `reflect list` need first: the cost must not
    # grow with the store. These two are simple stand-ins over list_sessions(); the
    # summaries-index store (branch s16-store) provides the real, bounded versions.
    def recent_sessions(self, limit: int) -> list[SessionSummary]:
        """The newest ``limit`` sessions (any status), newest first by ``sort_key``."""
        return self.list_sessions()[: max(0, limit)]

    def draft_sessions(self) -> list[SessionSummary]:
        """Every unfinished draft, newest first."""
        return [s for s in self.list_sessions() if s.status is Status.DRAFT]

    def _resolve(self, session_id_or_prefix: str) -> str:
        key = session_id_or_prefix.strip()
        if key in self._sessions:
            return key
        matches = [sid for sid in self._sessions if key and sid.startswith(key)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise StoreError(
                f"No session with id {key!r} in {self.data_dir}. Run `reflect list` to see the ids."
            )
        raise StoreError(
            f"The id {key!r} matches {len(matches)} sessions in {self.data_dir}; "
            "give more characters of it (see `reflect list`)."
        )

    def get_session(self, session_id_or_prefix: str) -> Session:
        with self._state:
            sid = self._resolve(session_id_or_prefix)
            record = self._raw("sessions")[str(self._sessions[sid])]
            return self._decode(record)

    def _decode(self, record: Doc) -> Session:
        try:
            return Session.from_dict(record)
        except (KeyError, ValueError, TypeError) as err:
            raise StoreError(
                f"The session {record.get('id')!r} in {self.path} cannot be read ({err})."
            ) from err

    def iter_sessions(self) -> Iterator[Session]:
        """Every session, newest first (decoded one at a time)."""
        with self._state:
            records = sorted(self._raw("sessions").values(), key=sort_key, reverse=True)
        for record in records:
            yield self._decode(record)

    def has_session(self, session_id: str) -> bool:
        return session_id in self._sessions

    def session_count(self) -> int:
        return len(self._sessions)

    def save_session(self, session: Session) -> None:
        """Write the session into the file; it is on disk when this returns."""
        self.save_sessions([session])

    def save_sessions(self, sessions: Iterable[Session]) -> None:
        """Save many sessions in one file write (sample data, imports)."""
        with self._mutex:
            journaled: list[str] = []
            with self._writing():
                now = self.clock.now()
                new: dict[str, Doc] = {}
                sessions = list(sessions)
                erasure.refuse_erased(self, (s.id for s in sessions))
                for session in sessions:
                    session.updated_at = now
                    record = session.to_dict()
                    mark = None
                    if self._journal.path_for(session.id).exists():
                        journaled.append(session.id)
                        mark = self._journal.next_seq()
                    if session.id in self._sessions or mark is not None:
                        self._put_session(record, mark)
                    else:
                        new[session.id] = record
                if len(new) > 1:
                    ids = self._table("sessions").insert_multiple(new.values())
                    self._sessions.update(dict(zip(new, ids, strict=True)))
                    self._rebuild_actions()
                elif new:
                    self._put_session(next(iter(new.values())), None)
            # The file now holds these drafts; their journals are superseded.
            for sid in journaled:
                self._journal.remove(sid)

    def delete_session(self, session_id: str) -> None:
        with self._writing():
            sid = self._resolve(session_id)
            self._journal.remove(sid)
            self._summaries.pop(sid, None)
            self._table("sessions").remove(doc_ids=[self._sessions.pop(sid)])
            self._rebuild_actions()

    def autosaver(
        self,
        session: Session,
        on_state: Callable[[str, str | None], None] | None = None,
        delay: float = 0.2,
    ) -> Autosaver:
        """A background saver for a session being edited (see ``autosave.Autosaver``)."""
        from reflect_tui.store.autosave import Autosaver

        saver = Autosaver(self, session, on_state, delay)
        with self._state:
            self._autosavers.append(saver)
        return saver

    def _journal_write(self, session: Session) -> None:
        """Autosave one draft to its journal file (called by the Autosaver's worker)."""
        self._check_writable()
        erasure.refuse_erased(self, [session.id])
        with self._mutex:
            session.updated_at = self.clock.now()
            record = session.to_dict()
            try:
                self._journal.write(record, self._journal.next_seq())
            except (TypeError, ValueError) as err:
                raise StoreWriteFailed(
                    f"Could not autosave {session.title!r}: a value cannot be stored ({err})."
                ) from err
            except OSError as err:
                raise StoreWriteFailed(
                    f"Could not autosave to {self._journal.folder}: {err.strerror or err}. "
                    "Your work is kept in this window; free some disk space and it will be "
                    "saved with your next change."
                ) from err

    def _forget(self, saver: Autosaver) -> None:
        with self._state, contextlib.suppress(ValueError):
            self._autosavers.remove(saver)

    # ----------------------------------------------------------------- actions

    def actions(self) -> list[StoredAction]:
        """Every action, as it stands in the newest session holding it (no session decode)."""
        with self._state:
            return [StoredAction.from_doc(d) for d in self._raw("actions").values()]

    def open_actions(self) -> list[ActionItem]:
        """Actions still open, in their current state (for "due soon" lists).

        Filtered on the stored documents first: most actions in a long-lived store
        are closed, and decoding them only to drop them was most of the cost.
        """
        open_ = ActionStatus.OPEN.value
        with self._state:
            docs = [
                d["action"]
                for d in self._raw("actions").values()
                if d["action"].get("status", open_) == open_
            ]
        return [a for a in (ActionItem.from_json(d) for d in docs) if a.status is ActionStatus.OPEN]

    # ------------------------------------------------------------------ people

    def people(self) -> list[Person]:
        with self._state:
            found = [Person.from_json(d) for d in self._raw("people").values()]
        return sorted(found, key=lambda p: (p.name.casefold(), p.id))

    def save_person(self, person: Person) -> None:
        with self._writing():
            self._put("people", self._people, person.id, person.to_json())

    def save_people(self, people: Iterable[Person]) -> None:
        with self._writing():
            for person in people:
                self._put("people", self._people, person.id, person.to_json())

    def delete_person(self, person_id: str) -> None:
        with self._writing():
            doc_id = self._people.pop(person_id, None)
            if doc_id is None:
                raise StoreError(f"No person with id {person_id!r} in {self.data_dir}.")
            self._table("people").remove(doc_ids=[doc_id])

    # ---------------------------------------------------------------- settings

    def get_setting(self, key: str, default: Any = None) -> Any:
        with self._state:
            if key not in self._meta:
                return default
            return schema.loads(schema.dumps(self._meta_value(key)))

    def set_setting(self, key: str, value: Any) -> None:
        if key in INTERNAL_KEYS:
            raise StoreError(f"The setting {key!r} is kept by the store itself.")
        try:
            copy = schema.loads(schema.dumps(value))
        except (TypeError, ValueError) as err:
            raise StoreWriteFailed(
                f"The setting {key!r} cannot be stored: {err}. Nothing was written."
            ) from err
        with self._writing():
            self._put_meta(key, copy)

    @property
    def codec(self) -> Codec:
        return self._codec or PlainCodec()

    @property
    def encrypted(self) -> bool:
        """True for an encrypted folder: every file written in it must use ``codec``."""
        return self._codec is not None and not isinstance(self._codec, PlainCodec)

    @property
    def minutes_dir(self) -> Path:
        configured = self.get_setting("minutes_dir")
        return Path(configured).expanduser() if configured else self.data_dir / "minutes"

    def audit(self, event: str, record_id: str | None = None, detail: str | None = None) -> None:
        """Append one line to the audit log (store/audit.py): what, which record, when, who.

        Never pass content: ``record_id`` is an id, ``detail`` a short plain fact.
        """
        from reflect_tui.store import audit

        audit.append(self.data_dir, self.codec, self.clock, event, record_id, detail)

    @property
    def export_dir(self) -> Path:
        """Where the app writes exports made on purpose (setting ``export_dir``).

        By default the minutes folder; in an encrypted folder, where every file is
        encrypted, a folder beside it (``<data folder>-exports``): exports are
        plaintext on purpose and never mixed in with the encrypted files.
        """
        configured = self.get_setting("export_dir")
        if configured:
            return Path(configured).expanduser()
        if self.encrypted:
            return self.data_dir.parent / f"{self.data_dir.name}-exports"
        return self.minutes_dir

    @property
    def schema_version(self) -> int:
        return int(self._meta_value(schema.SCHEMA_KEY) or 0)

    # ----------------------------------------------------------------- closing

    def close(self) -> None:
        """Fold every autosaved draft into the file, then release the lock."""
        if self._closed:
            return
        errors: list[StoreError] = []
        for saver in list(self._autosavers):
            try:
                saver.close()
            except StoreError as err:
                errors.append(err)
        self._closed = True
        self._release()
        if errors:
            raise errors[0]

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
