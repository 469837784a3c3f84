"""Store: the repository API over a crash-safe, locked data folder (layout 2).

``reflect.json`` is a small TinyDB file (meta and settings, people, the bin,
and the "home" part of the index) held in memory (``MemoryStorage``); each
session is its own file under ``sessions/``, decoded only when it is asked for;
summaries live in a sharded index under ``index/`` (``store/layout.py``),
loaded shard by shard when needed and checked against ``reflect.json``. A
commit serialises first, then writes the changed session files, the changed
index shards and finally ``reflect.json`` (each an atomic replace): what a save
writes does not grow with the store. A failed write leaves the files as they
were and the memory is reloaded from them. Autosave goes to the small
per-draft journal instead (see ``journal`` and ``autosave``), folded in on
flush and close.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from reflect_tui.domain.clock import Clock, SystemClock
from reflect_tui.domain.decoding import DecodeError
from reflect_tui.domain.kinds import ActionStatus, Status
from reflect_tui.store import backups, erasure, layout, schema, validate
from reflect_tui.store.errors import (
    FileUndecryptable,
    StoreDamaged,
    StoreError,
    StoreReadOnly,
    StoreWriteFailed,
)
from reflect_tui.store.facts import EarlierFacts, Facts, HomeFacts, home_view
from reflect_tui.store.files import (
    DIR_MODE,
    FILE_MODE,
    Codec,
    FileBlob,
    PlainCodec,
    ensure_dir,
    private_dir,
    remove_durably,
    remove_stale_temps,
    tighten,
    with_role,
)
from reflect_tui.store.journal import Journal
from reflect_tui.store.lock import WriterLock
from reflect_tui.store.summary import SessionSummary
from reflect_tui.store.unlock import Unlock, codec_for_folder

if TYPE_CHECKING:
    from reflect_tui.domain.answers import ActionItem
    from reflect_tui.domain.people import Person
    from reflect_tui.domain.session import Session
    from reflect_tui.store.actions import StoredAction
    from reflect_tui.store.autosave import Autosaver

STORE_NAME = "reflect.json"
FOLDED_KEY = "journal_folded"
# erased_sessions / erase_pending: see store/erasure.py.
INTERNAL_KEYS = frozenset(
    {schema.SCHEMA_KEY, FOLDED_KEY, "erased_sessions", "erase_pending", *layout.INTERNAL}
)
# Decoded records kept for a second look (a session opened twice): a few, never the store.
CACHE_RECORDS = 16

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
        self._people: dict[str, int] = {}
        self._meta: dict[str, int] = {}
        self._files = layout.Files(data_dir, codec)
        # The index: "home" entries (drafts and the newest sessions, kept in reflect.json),
        # and the shards loaded so far (shard name -> session id -> entry).
        self._home: dict[str, Doc] = {}
        self._shards: dict[str, dict[str, Doc]] = {}
        # Records saved or replayed but not yet in their files (all of them in a
        # read-only window), and what the next commit writes (None: remove the file).
        self._pinned: dict[str, Doc] = {}
        self._dirty_sessions: dict[str, bytes | None] = {}
        self._dirty_shards: set[str] = set()
        self._cache: OrderedDict[str, Doc] = OrderedDict()
        self._summaries: dict[str, SessionSummary] = {}
        # The home facts (store/facts.py), loaded or worked out on first use, and
        # their typed view; suspect: a shard was rebuilt since they were read.
        self._facts: Facts | None = None
        self._facts_view: HomeFacts | None = None
        self._facts_suspect = False
        # Session files whose earlier version was kept since the last backup.
        self._kept: set[str] = set()
        self._backup_number = 0

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
            self._install(self._fresh_tables())
            if not self.read_only:
                private_dir(self.data_dir)
                self._dirty = True
                self._commit()
            return
        schema.migrate(raw)
        if schema.schema_version(raw) <= schema.TREE_VERSION:
            self._migrate_tree(raw)
        else:
            self._install(raw)
            self._check_pending()
        self._replay_journal()

    def _fresh_tables(self) -> schema.Tables:
        tables = schema.new_tables()
        schema.set_meta(tables, layout.STORE_ID_KEY, secrets.token_hex(8))
        schema.set_meta(tables, layout.INDEX_KEY, {"generation": 0, "shards": {}})
        schema.set_meta(tables, layout.COUNT_KEY, 0)
        schema.set_meta(tables, layout.DEPTH_KEY, 0)
        schema.set_meta(tables, layout.DRAFTS_KEY, 0)
        schema.set_meta(tables, layout.DRAFT_DEPTH_KEY, 0)
        return tables

    def _migrate_tree(self, tree: schema.Tables) -> None:
        """Layout 1 (every session inside reflect.json) -> layout 2, at the first writable open.

        The version-1 file is kept as a backup first. A read-only opening migrates
        in memory only. Session files already in ``sessions/`` that the tree does not
        hold (a version-1 backup restored over a version-2 folder) are kept as
        earlier versions under ``backups/sessions/`` and removed.
        """
        records = list(tree.get("sessions", {}).values())
        tables = self._fresh_tables()
        for name in ("people", erasure.BIN_TABLE):
            tables[name] = tree.get(name, {})
        keep = {schema.SCHEMA_KEY, *layout.INTERNAL}
        for doc in tree.get("meta", {}).values():
            if doc.get("key") not in keep:
                schema.set_meta(tables, str(doc["key"]), doc.get("value"))
        self._install(tables)
        if not self.read_only and self.path.exists():
            self._backup_number = self._numbered(backups.make_backup(self.path, self.data_dir))
            self._last_backup = time.monotonic()
            self._kept = set()
        wanted = {str(r["id"]) for r in records}
        context = self._in_memory() if self.read_only else self._writing()
        with context:
            for record in records:
                self._put_session(record, None)
            if not self.read_only:
                for sid in self._files.session_ids():
                    if sid not in wanted:
                        self._dirty_sessions[sid] = None
            self._dirty = True

    @staticmethod
    def _numbered(path: Path | None) -> int:
        if path is None:
            return 0
        stem = path.name[len(backups.PREFIX) : -len(backups.SUFFIX)]
        return int(stem) if stem.isdigit() else 0

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
        """Make ``tables`` (a version-2 reflect.json) the in-memory state; forget the rest."""
        for name in ("people", "meta", erasure.BIN_TABLE, "home"):
            tables.setdefault(name, {})
        self._storage = MemoryStorage(tables, self._written)
        self._db = TinyDB(storage=lambda: self._storage)
        self._people = {d["id"]: int(k) for k, d in tables["people"].items() if "id" in d}
        self._meta = {d["key"]: int(k) for k, d in tables["meta"].items() if "key" in d}
        self._home = {str(d["id"]): d for d in tables["home"].values() if "id" in d}
        self._shards = {}
        self._pinned = {}
        self._dirty_sessions = {}
        self._dirty_shards = set()
        self._cache = OrderedDict()
        self._summaries = {}
        self._facts = None
        self._facts_view = None
        self._facts_suspect = False
        if self._depth_value(drafts=True) > layout.HOME_DRAFTS:
            # Written before home kept a bounded number of drafts: the older ones are
            # found through the facts, worked out again from the shards.
            self._set_meta_raw(layout.DRAFT_DEPTH_KEY, layout.HOME_DRAFTS)
            self._trim_home()

    def _install_small(self) -> None:
        """After the small tables were replaced in place (a purge, forgetting a person)."""
        tables = self._storage.tables
        self._db = TinyDB(storage=lambda: self._storage)  # TinyDB caches each table's next id
        self._people = {d["id"]: int(k) for k, d in tables["people"].items() if "id" in d}
        self._meta = {d["key"]: int(k) for k, d in tables["meta"].items() if "key" in d}

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
        """Serialise first; then pending note, session files, index shards, reflect.json.

        Only serialising holds ``_state``; the disk writes hold just ``_mutex``.
        A read-only store refuses here, whatever the caller: this is the one way
        to the files, so a reader can never write them. ``reflect.json`` is
        written last: it is the commit point (its manifest names the shards
        written before it; an interrupted commit is found by ``_check_pending``
        or by a shard that does not match the manifest, and repaired).
        """
        self._check_writable()
        try:
            with self._state:
                sessions = dict(self._dirty_sessions)
                shards, fact_files, data = self._serialise()
        except (TypeError, ValueError) as err:
            raise StoreWriteFailed(
                f"Could not save to {self.path}: a value cannot be stored ({err}). "
                "Nothing was written; the file is unchanged."
            ) from err
        gen = int(self._manifest()["generation"])
        try:
            self._backup_if_due()
            if sessions:
                self._files.write_pending(gen, sorted(sessions))
            for sid, body in sessions.items():
                if sid not in self._kept:
                    self._files.keep_version(sid, self._backup_number)
                    self._kept.add(sid)
                if body is None:
                    remove_durably(self._files.paths.session(sid))
                else:
                    self._files.write_session(sid, body)
            for name, shard in shards.items():
                if shard is None:
                    self._files.remove_shard(name)
                else:
                    self._files.write_shard(name, shard)
            for part, body in fact_files.items():
                self._files.write_facts(part, body)
            self._blob.write(data)
            self._written_stat = _identity(self.path)
        except OSError as err:
            raise StoreWriteFailed(
                f"Could not save to {self.path}: {err.strerror or err}. The file on disk is "
                "unchanged. Free some disk space (or check the folder's permissions) and save "
                "again; your work is still in this window."
            ) from err
        with self._state:
            for sid in sessions:
                if self._dirty_sessions.get(sid, b"") is sessions[sid]:
                    del self._dirty_sessions[sid]
                record = self._pinned.pop(sid, None)
                if record is not None:
                    self._remember(sid, record)
            self._dirty_shards.difference_update(shards)
            if self._facts is not None:
                self._facts.changed.difference_update(fact_files)
        self._dirty = False

    def _serialise(self) -> tuple[dict[str, bytes | None], dict[str, bytes], bytes]:
        """The changed shards, facts and reflect.json, as bytes, for the next generation."""
        manifest = self._manifest()
        gen = int(manifest["generation"]) + 1
        store_id = str(self._meta_value(layout.STORE_ID_KEY))
        listed: dict[str, Doc] = dict(manifest["shards"])
        shards: dict[str, bytes | None] = {}
        for name in sorted(self._dirty_shards):
            entries = self._shards.get(name, {})
            if not entries:
                shards[name] = None
                listed.pop(name, None)
                continue
            body = layout.Files.shard_bytes(name, entries, store_id, gen)
            shards[name] = body
            listed[name] = {
                "gen": gen,
                "size": len(body),
                "sha256": layout.digest(body),
                "count": len(entries),
                "drafts": sum(1 for e in entries.values() if layout.is_draft(e)),
            }
        listed_facts: dict[str, Doc] = dict(manifest.get(layout.FACTS_KEY) or {})
        fact_files: dict[str, bytes] = {}
        if self._facts is not None:
            self._facts_ready()
            parts = self._facts.changed | (set(layout.FACT_FILES_BY_PART) - set(listed_facts))
            if "actions" in parts:
                parts.add("facts")  # its "due soon" panel is worked out from the open actions
            bodies = self._facts.bodies(parts)
            for part in sorted(parts):
                digest = layout.digest(schema.dumps(bodies[part]))
                if part in listed_facts and self._facts.written.get(part) == digest:
                    self._facts.changed.discard(part)  # the same as its file: not rewritten
                    continue
                self._facts.written[part] = digest
                body = layout.Files.facts_bytes(part, bodies[part], store_id, gen)
                fact_files[part] = body
                listed_facts[part] = {"gen": gen, "size": len(body), "sha256": layout.digest(body)}
        manifest_doc: Doc = {"generation": gen, "shards": listed}
        if listed_facts:
            manifest_doc[layout.FACTS_KEY] = listed_facts
        self._set_meta_raw(layout.INDEX_KEY, manifest_doc)
        self._set_meta_raw(layout.COUNT_KEY, sum(int(m["count"]) for m in listed.values()))
        drafts = sum(int(m.get("drafts", 0)) for m in listed.values())
        self._set_meta_raw(layout.DRAFTS_KEY, drafts)
        home = sorted(self._home.values(), key=layout.sort_key, reverse=True)
        self._storage.tables["home"] = {str(n): e for n, e in enumerate(home, start=1)}
        self._set_meta_raw(
            validate.HOME_STAMP_KEY, validate.home_stamp(self._storage.tables["home"])
        )
        return shards, fact_files, schema.dumps(self._storage.tables)

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
        made = backups.make_backup(self.path, self.data_dir, self._keep_backups)
        self._backup_number = self._numbered(made)
        if made is not None:
            layout.backup_index(self._files, self._backup_number)
            kept = {self._numbered(p) for p in backups.list_backups(self.data_dir)}
            layout.prune_index_backups(self.data_dir, kept)
        # From now on, the first replacement of each session file keeps its old version.
        self._kept = set()
        self._last_backup = now

    def _reload(self) -> None:
        """After a failed write: put memory back to what the files hold."""
        self._dirty = False
        raw = self._read_checked()
        tables = self._fresh_tables() if raw is None else raw
        schema.migrate(tables)
        if schema.schema_version(tables) <= schema.TREE_VERSION:
            read_only, self.read_only = self.read_only, True
            try:
                self._migrate_tree(tables)  # in memory; the next commit tries again
            finally:
                self.read_only = read_only
        else:
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

    def _set_meta_raw(self, key: str, value: Any) -> None:
        """Change an internal meta value in memory (written with the next commit)."""
        meta = self._raw("meta")
        doc_id = self._meta.get(key)
        if doc_id is None:
            doc_id = max((int(k) for k in meta), default=0) + 1
            self._meta[key] = doc_id
            self._db = TinyDB(storage=lambda: self._storage)  # its cached next id is stale
        meta[str(doc_id)] = {"key": key, "value": value}

    def _meta_value(self, key: str) -> Any:
        doc_id = self._meta.get(key)
        return None if doc_id is None else self._raw("meta")[str(doc_id)].get("value")

    # ------------------------------------------------------------------ index

    def _manifest(self) -> Doc:
        value = self._meta_value(layout.INDEX_KEY)
        if not isinstance(value, dict):
            value = {"generation": 0, "shards": {}}
            self._set_meta_raw(layout.INDEX_KEY, value)
        return value

    def _count(self) -> int:
        return int(self._meta_value(layout.COUNT_KEY) or 0)

    def _notice(self, text: str) -> None:
        if text in self.warnings:
            return
        self.warnings.append(text)
        if _notice_handler is not None:
            _notice_handler(text)

    def _shard(self, name: str) -> dict[str, Doc]:
        """One shard of the index, checked against reflect.json (rebuilt if it does not match)."""
        found = self._shards.get(name)
        if found is not None:
            return found
        expect = self._manifest()["shards"].get(name)
        store_id = str(self._meta_value(layout.STORE_ID_KEY))
        try:
            found = self._files.read_shard(name, expect, store_id)
        except layout.IndexProblem as err:
            found = self._rebuild_shard(name, expect, str(err))
        self._shards[name] = found
        return found

    def _rebuild_shard(self, name: str, expect: Doc | None, problem: str) -> dict[str, Doc]:
        """A shard that cannot be trusted is made again from the session files it covers."""
        entries: dict[str, Doc] = {}
        for sid in self._files.session_ids(prefix=name):
            if layout.shard_of(sid) != name:
                continue
            try:
                _, session, data = self._read_file(sid)
            except StoreDamaged as err:
                # Left out of the index (so never listed, opened or written from),
                # and said: `reflect verify` and `reflect restore` name it again.
                self._notice(str(err))
                continue
            entries[sid] = layout.entry_for(session, data)
        for sid, record in self._pinned.items():
            if layout.shard_of(sid) == name:
                entries[sid] = layout.entry_for(self._decode(record), schema.dumps(record))
        for sid, body in self._dirty_sessions.items():
            if body is None and layout.shard_of(sid) == name:
                entries.pop(sid, None)
        before = int(expect.get("count", 0)) if expect else 0
        self._set_meta_raw(layout.COUNT_KEY, self._count() + len(entries) - before)
        drafts_before = int(expect.get("drafts", 0)) if expect else 0
        drafts = sum(1 for e in entries.values() if layout.is_draft(e))
        self._set_meta_raw(layout.DRAFTS_KEY, self._drafts() + drafts - drafts_before)
        for sid in [s for s in self._home if layout.shard_of(s) == name]:
            if sid not in entries or self._home[sid] != layout.home_entry(entries[sid]):
                self._home_remove(sid)
                if sid in entries:
                    self._home_put(entries[sid])
        self._dirty_shards.add(name)
        self._dirty = True
        # The facts were worked out from what the shard should have held.
        self._facts_suspect = True
        if self._facts is not None:
            self._facts.stale.add("all")
        self._facts_view = None
        path = self._files.paths.shard(name)
        later = "" if self.read_only else " and is saved with the next change"
        self._notice(
            f"The index file {path} {problem}; it was rebuilt from the {len(entries)} "
            f"session file(s) it covers{later}."
        )
        return entries

    def _check_pending(self) -> None:
        """Finish the index of a commit that was interrupted after its session files."""
        # A finished commit wrote reflect.json (with this generation) after the note.
        pending = self._files.read_pending(int(self._manifest()["generation"]))
        if pending is None:
            return
        for sid in pending[1]:
            self._refresh(sid)
        if self._dirty and not self.read_only:
            with self._writing():
                pass

    def _refresh(self, sid: str) -> None:
        """Make the index entry of ``sid`` match its session file (or drop it)."""
        shard = self._shard(layout.shard_of(sid))
        path = self._files.paths.session(sid)
        if not path.exists():
            if sid in shard:
                self._drop_entry(sid)
            return
        _, session, data = self._read_file(sid)
        entry = layout.entry_for(session, data)
        if shard.get(sid) != entry:
            self._set_entry(entry)

    def _entries(self) -> list[Doc]:
        """Every index entry (all shards loaded and checked)."""
        names = set(self._manifest()["shards"]) | set(self._files.shard_names_on_disk())
        names |= {layout.shard_of(sid) for sid in self._pinned}
        found: list[Doc] = []
        for name in sorted(names):
            found.extend(self._shard(name).values())
        return found

    def _set_entry(self, entry: Doc) -> None:
        sid = str(entry["id"])
        name = layout.shard_of(sid)
        facts = self._facts_for_change()
        shard = self._shard(name)
        old = shard.get(sid)
        shard[sid] = entry
        self._dirty_shards.add(name)
        if old is None:
            self._set_meta_raw(layout.COUNT_KEY, self._count() + 1)
        change = int(layout.is_draft(entry)) - int(old is not None and layout.is_draft(old))
        if change:
            self._set_meta_raw(layout.DRAFTS_KEY, self._drafts() + change)
        self._summaries.pop(sid, None)
        self._home_remove(sid)
        self._home_put(entry)
        if facts is not None:
            facts.apply(old, entry, self._entry_of)
            self._sync_drafts(facts, sid, entry)
        self._facts_view = None
        self._dirty = True

    def _drop_entry(self, sid: str) -> None:
        name = layout.shard_of(sid)
        facts = self._facts_for_change()
        shard = self._shard(name)
        old = shard.pop(sid, None)
        if old is not None:
            self._set_meta_raw(layout.COUNT_KEY, max(self._count() - 1, 0))
            if layout.is_draft(old):
                self._set_meta_raw(layout.DRAFTS_KEY, max(self._drafts() - 1, 0))
        self._dirty_shards.add(name)
        self._summaries.pop(sid, None)
        self._home_remove(sid)
        if facts is not None:
            if old is not None:
                facts.apply(old, None, self._entry_of)
            self._sync_drafts(facts, sid, None)
        self._facts_view = None
        self._dirty = True

    # "home" holds the ``home_depth`` newest sessions (at most HOME_RECENT) and the
    # ``home_draft_depth`` newest drafts (at most HOME_DRAFTS, in practice all): enough to
    # draw home and list recent sessions and drafts without reading a shard. Invariant:
    # those are exactly the newest of all.

    def _drafts(self) -> int:
        return int(self._meta_value(layout.DRAFTS_KEY) or 0)

    def _depth_value(self, drafts: bool = False) -> int:
        key = layout.DRAFT_DEPTH_KEY if drafts else layout.DEPTH_KEY
        return int(self._meta_value(key) or 0)

    def _top(self, drafts: bool = False) -> list[Doc]:
        pool = [e for e in self._home.values() if not drafts or layout.is_draft(e)]
        pool.sort(key=layout.sort_key, reverse=True)
        return pool[: self._depth_value(drafts)]

    def _home_remove(self, sid: str) -> None:
        if sid not in self._home:
            return
        for drafts, key in ((False, layout.DEPTH_KEY), (True, layout.DRAFT_DEPTH_KEY)):
            if any(e["id"] == sid for e in self._top(drafts)):
                self._set_meta_raw(key, self._depth_value(drafts) - 1)
        del self._home[sid]

    def _home_put(self, entry: Doc) -> None:
        """Add an entry (already counted) to home if it is among the newest."""
        sid = str(entry["id"])
        entry = layout.home_entry(entry)
        keep = False
        for drafts, key in ((False, layout.DEPTH_KEY), (True, layout.DRAFT_DEPTH_KEY)):
            if drafts and not layout.is_draft(entry):
                continue
            depth = self._depth_value(drafts)
            others = (self._drafts() if drafts else self._count()) - 1
            top = self._top(drafts)
            newer = bool(top) and layout.sort_key(entry) > layout.sort_key(top[-1])
            if depth >= others or newer:
                keep = True
                cap = layout.HOME_DRAFTS if drafts else layout.HOME_RECENT
                self._set_meta_raw(key, min(depth + 1, cap))
        if keep:
            self._home[sid] = entry
        if len(self._home) > layout.HOME_RECENT + self._depth_value(drafts=True) + 50:
            self._trim_home()

    def _trim_home(self) -> None:
        drafts = {e["id"] for e in self._top(drafts=True)}
        wanted = {e["id"] for e in self._top()} | drafts
        if self._facts is not None:  # drafts no longer in home are found through the facts
            for sid, e in self._home.items():
                if sid not in drafts and layout.is_draft(e):
                    self._older_put(self._facts, sid, e)
        self._home = {k: e for k, e in self._home.items() if k in wanted}

    def _older_put(self, facts: Facts, sid: str, entry: Doc) -> None:
        day = str(entry["summary"]["date"])
        if facts.older_drafts.get(sid) != day:
            facts.older_drafts[sid] = day
            facts.changed.add("facts")

    def _sync_drafts(self, facts: Facts, sid: str, entry: Doc | None) -> None:
        """Keep "home"'s newest drafts and the facts' older drafts apart and complete.

        Every draft is in exactly one of them; when home keeps fewer than
        HOME_DRAFTS and older ones exist, the newest older one (found by date,
        then read from its one shard) moves up.
        """
        older = facts.older_drafts
        top = {str(e["id"]) for e in self._top(drafts=True)}
        if entry is not None and layout.is_draft(entry) and sid not in top:
            self._older_put(facts, sid, entry)
        elif older.pop(sid, None) is not None:
            facts.changed.add("facts")
        for other, e in self._home.items():  # pushed out of the top by a newer draft
            if other not in top and layout.is_draft(e):
                self._older_put(facts, other, e)
        while self._depth_value(drafts=True) < layout.HOME_DRAFTS and older:
            newest = max(older.values())
            found: list[Doc] = []
            for other in [k for k, day in older.items() if day == newest]:
                got = self._entry_of(other)
                if got is None or not layout.is_draft(got):
                    del older[other]  # not a draft any more: the facts are out of date
                    facts.stale.add("all")
                else:
                    found.append(got)
            facts.changed.add("facts")
            if not found:
                continue
            best = max(found, key=layout.sort_key)
            del older[str(best["id"])]
            self._home[str(best["id"])] = layout.home_entry(best)
            self._set_meta_raw(layout.DRAFT_DEPTH_KEY, self._depth_value(drafts=True) + 1)

    # ----------------------------------------------------------------- facts

    def _entry_of(self, sid: str) -> Doc | None:
        if not layout.safe_id(sid):
            return None
        return self._shard(layout.shard_of(sid)).get(sid)

    def _home_draft_ids(self) -> set[str]:
        return {str(e["id"]) for e in self._top(drafts=True)}

    def _facts_for_change(self) -> Facts | None:
        """The facts to follow a change with (a reader that has not read them: none)."""
        if self._facts is None and self.read_only:
            self._facts_suspect = True  # the file does not know this change
            return None
        return self._facts_state()

    def _facts_state(self, build: bool = True) -> Facts | None:
        """Both parts of the facts: from their files if they match reflect.json, else worked out."""
        if self._facts is not None:
            return self._facts
        read = self._read_facts(*self._facts_listing())
        if isinstance(read, Facts):
            if self._facts_suspect:
                read.stale.add("all")
            self._facts = read
            return read
        if not build:
            return None
        path, problem = read
        state = Facts.compute(self._entries(), self._home_draft_ids())
        state.changed.update(layout.FACT_FILES_BY_PART)
        self._facts, self._facts_suspect, self._facts_view = state, False, None
        # (A folder written before the facts, or by an earlier version: nothing to say.)
        if self._facts_listing()[0] and problem:
            later = "" if self.read_only else " and is saved with the next change"
            self._notice(
                f"The home facts file {path} {problem}; it was worked out again from the "
                f"index{later}."
            )
        return state

    def _facts_listing(self) -> tuple[Doc, str]:
        listed: Doc = self._manifest().get(layout.FACTS_KEY) or {}
        return listed, str(self._meta_value(layout.STORE_ID_KEY))

    def _read_facts(self, listed: Doc, store_id: str) -> Facts | tuple[Path, str]:
        """Both facts files, checked against the manifest: the facts, or (path, problem)."""
        path = self._files.facts_path("facts")
        try:
            bodies: dict[str, Doc] = {}
            for part in layout.FACT_FILES_BY_PART:
                path = self._files.facts_path(part)
                bodies[part] = self._files.read_facts(part, listed.get(part), store_id)
            state = Facts.from_bodies(bodies)
            state.written = {p: layout.digest(schema.dumps(b)) for p, b in bodies.items()}
            return state
        except (layout.IndexProblem, KeyError, TypeError, ValueError, AttributeError) as err:
            return path, _facts_problem(err)

    def _read_home_facts(self, listed: Doc, store_id: str) -> HomeFacts | tuple[Path, str]:
        """The facts part alone (all home reads), checked against the manifest."""
        path = self._files.facts_path("facts")
        try:
            return home_view(self._files.read_facts("facts", listed.get("facts"), store_id))
        except (layout.IndexProblem, KeyError, TypeError, ValueError, AttributeError) as err:
            return path, _facts_problem(err)

    def _facts_ready(self) -> Facts:
        """The facts with every stale part worked out again (reads the whole index if so)."""
        state = self._facts_state()
        assert state is not None
        if state.stale:
            state.recompute(self._entries(), self._home_draft_ids())
            self._facts_view = None
        return state

    def home_facts(self, *, build: bool = True, read: bool = True) -> HomeFacts | None:
        """What home's panels need (store/facts.py), without reading the whole index.

        Only the small facts file is read (never the open actions). With
        ``build=False``, None when that would need the whole index (facts missing,
        damaged or out of date: home then asks again on a worker thread); with
        ``read=False``, None unless they are in memory already (no file read).
        """
        with self._state:
            if self._facts_view is not None:
                return self._facts_view
            if self._facts is None and not read:
                return None
        found: HomeFacts | tuple[Path, str] | None = None
        if self._facts is None and not self._facts_suspect:
            # Read and checked without holding the state lock, so the UI thread's reads go
            # on meanwhile; the writer lock keeps a commit from replacing the file halfway.
            with self._mutex:
                with self._state:
                    listing = self._facts_listing()
                found = self._read_home_facts(*listing)
        with self._state:
            fresh = self._facts is None and not self._facts_suspect
            if isinstance(found, HomeFacts) and fresh and listing == self._facts_listing():
                self._facts_view = found
                return found
            # Something changed meanwhile, or the file cannot be trusted: both parts, under
            # the lock (worked out again from the whole index when they do not match).
            state = self._facts_state(build)
            if state is None or (state.stale and not build):
                return None
            state = self._facts_ready()
            self._facts_view = state.view()
            return self._facts_view

    def home_facts_size(self) -> int:
        """The size in bytes of the facts file home reads (0 if there is none yet)."""
        with self._state:
            listed = self._facts_listing()[0].get("facts")
            return int(listed.get("size", 0)) if isinstance(listed, dict) else 0

    def home_drafts(self) -> list[SessionSummary]:
        """The newest drafts (at most HOME_DRAFTS), newest first: no shard is read."""
        with self._state:
            return [self._summary(e) for e in self._top(drafts=True)]

    def home_recent(self) -> list[SessionSummary]:
        """The newest sessions "home" keeps (at most HOME_RECENT), newest first: no shard read."""
        with self._state:
            return [self._summary(e) for e in self._top()]

    def draft_count(self) -> int:
        """How many drafts are stored (kept in reflect.json: nothing is read)."""
        return self._drafts()

    def _refill_home(self, entries: list[Doc]) -> None:
        ordered = sorted(entries, key=layout.sort_key, reverse=True)
        top = ordered[: layout.HOME_RECENT]
        all_drafts = [e for e in ordered if layout.is_draft(e)]
        drafts = all_drafts[: layout.HOME_DRAFTS]
        self._home = {str(e["id"]): layout.home_entry(e) for e in [*top, *drafts]}
        self._set_meta_raw(layout.DEPTH_KEY, len(top))
        self._set_meta_raw(layout.DRAFT_DEPTH_KEY, len(drafts))
        self._set_meta_raw(layout.COUNT_KEY, len(ordered))
        self._set_meta_raw(layout.DRAFTS_KEY, len(all_drafts))
        if self._facts is not None:
            kept = {str(e["id"]) for e in drafts}
            older = {
                str(e["id"]): str(e["summary"]["date"]) for e in all_drafts if e["id"] not in kept
            }
            if older != self._facts.older_drafts:
                self._facts.older_drafts = older
                self._facts.changed.add("facts")

    # ---------------------------------------------------------------- records

    def _read_file(self, sid: str) -> tuple[Doc, Session, bytes]:
        """Read, parse and decode one session file; StoreDamaged names what is wrong."""
        path = self._files.paths.session(sid)
        try:
            data = self._files.read_session(sid)
        except FileUndecryptable as err:
            raise self._damaged_session(path, sid, err.problem) from None
        except OSError as err:
            raise StoreError(
                f"Cannot read the session file {path}: {err.strerror or err}. "
                "Check the folder's permissions."
            ) from err
        if data is None:
            raise self._damaged_session(path, sid, "is missing (the index lists it)")
        try:
            record = schema.loads(data)
        except ValueError:
            raise self._damaged_session(
                path, sid, "is not valid JSON; it may have been cut short"
            ) from None
        if not isinstance(record, dict) or record.get("id") != sid:
            raise self._damaged_session(path, sid, "does not hold the session its name says")
        try:
            session = layout.decode_record(record)
        except DecodeError as err:
            raise self._damaged_session(
                path, sid, f"has a record that cannot be read: its field {err.field} {err.problem}"
            ) from None
        except (KeyError, ValueError, TypeError, AttributeError) as err:
            raise self._damaged_session(
                path, sid, f"has a record that cannot be read ({type(err).__name__})"
            ) from None
        return record, session, data

    def _damaged_session(self, path: Path, sid: str, problem: str) -> StoreDamaged:
        versions = self._files.versions(sid)
        data_opt = f" --data {self.data_dir}"
        if versions:
            advice = (
                f"An earlier version is kept in {versions[0].parent}. Run `reflect restore"
                f"{data_opt}` to put back the newest good versions (the bad file is kept aside)."
            )
        else:
            advice = (
                f"There is no earlier version of it. Run `reflect restore{data_opt}` to set it "
                "aside, or keep a copy of the folder and ask your IT support for help."
            )
        return StoreDamaged(
            f"The session file {path} (session {sid!r}) {problem}. Nothing has been written "
            f"from it. {advice}",
            path,
            versions[0] if versions else None,
        )

    def _remember(self, sid: str, record: Doc) -> None:
        self._cache[sid] = record
        self._cache.move_to_end(sid)
        while len(self._cache) > CACHE_RECORDS:
            self._cache.popitem(last=False)

    def _load(self, sid: str, *, cache: bool = True) -> tuple[Doc, Session | None]:
        """The record of ``sid`` (and its Session if it was just decoded from its file).

        A file whose bytes are not what the index recorded (edited, or written by
        a commit that did not finish) is decoded and validated like any other;
        its entry is then made again from it, never trusted.
        """
        record = self._pinned.get(sid) or self._cache.get(sid)
        if record is not None:
            return record, None
        record, session, data = self._read_file(sid)
        entry = self._shard(layout.shard_of(sid)).get(sid)
        if entry is None or entry.get("sha256") != layout.digest(data):
            fresh = layout.entry_for(session, data)
            if entry is None or fresh != entry:
                self._set_entry(fresh)
                self._notice(
                    f"The session file {self._files.paths.session(sid)} was changed outside "
                    "reflect (or by a save that did not finish); the index now follows it."
                )
        if cache:
            self._remember(sid, record)
        return record, session

    def _put_session(self, record: Doc, mark: int | None, session: Session | None = None) -> None:
        """Stage a session record (and its index entry, made from the decoded Session)."""
        sid = str(record["id"])
        if not layout.safe_id(sid):
            raise StoreError(f"The session id {sid!r} cannot be used as a file name.")
        if session is None:
            session = self._decode(record)
        data = schema.dumps(record)
        self._pinned[sid] = record
        self._cache.pop(sid, None)
        self._dirty_sessions[sid] = data
        self._set_entry(layout.entry_for(session, data))
        if mark is not None:
            folded = dict(self._meta_value(FOLDED_KEY) or {})
            folded[sid] = mark
            self._put_meta(FOLDED_KEY, folded)

    def _remove_session(self, sid: str) -> None:
        """Stage the removal of a session file and its index entry."""
        self._pinned.pop(sid, None)
        self._cache.pop(sid, None)
        self._dirty_sessions[sid] = None
        self._drop_entry(sid)

    def _record(self, sid: str) -> Doc:
        return self._load(sid)[0]

    def _iter_records(self) -> Iterator[Doc]:
        """Every live record, one at a time (none kept)."""
        with self._state:
            ids = sorted(str(e["id"]) for e in self._entries())
        for sid in ids:
            with self._state:
                if sid in self._dirty_sessions and self._dirty_sessions[sid] is None:
                    continue
                yield self._load(sid, cache=False)[0]

    # -------------------------------------------------------------- sessions

    def _summary(self, entry: Doc) -> SessionSummary:
        sid = str(entry["id"])
        found = self._summaries.get(sid)
        if found is None:
            found = self._summaries[sid] = SessionSummary.from_json(entry["summary"])
        return found

    def list_sessions(self) -> list[SessionSummary]:
        """Every session, newest first, from the index (no session file is read)."""
        with self._state:
            entries = self._entries()
            if not self.read_only or len(entries) != len(self._home):
                self._refill_home(entries)
            entries.sort(key=layout.sort_key, reverse=True)
            return [self._summary(e) for e in entries]

    def recent_sessions(self, limit: int) -> list[SessionSummary]:
        """The ``limit`` newest sessions (completed and drafts mixed), newest first.

        Served from the "home" part of reflect.json (no shard is read) up to
        HOME_RECENT sessions; a longer list reads the whole index.
        """
        if limit <= 0:
            return []
        with self._state:
            if limit > self._depth_value() and self._depth_value() < self._count():
                return self.list_sessions()[:limit]
            top = sorted(self._home.values(), key=layout.sort_key, reverse=True)[:limit]
            return [self._summary(e) for e in top]

    def draft_sessions(self) -> list[SessionSummary]:
        """Every draft, newest first (from "home", which keeps up to HOME_DRAFTS: no shard read)."""
        with self._state:
            if self._depth_value(drafts=True) < self._drafts():  # more than home keeps
                return [s for s in self.list_sessions() if s.status is Status.DRAFT]
            return [self._summary(e) for e in self._top(drafts=True)]

    def _resolve(self, session_id_or_prefix: str) -> str:
        key = session_id_or_prefix.strip()
        if key and layout.safe_id(key) and key in self._candidates(key):
            return key
        matches = sorted(sid for sid in self._candidates(key) if key and sid.startswith(key))
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

    def _candidates(self, key: str) -> set[str]:
        if len(key) >= layout.SHARD_CHARS and layout.safe_id(key):
            return set(self._shard(layout.shard_of(key)))
        if not key or not layout.safe_id(key):
            return set()
        return {str(e["id"]) for e in self._entries()}

    def get_session(self, session_id_or_prefix: str) -> Session:
        """The whole session, decoded from its file on first use (StoreDamaged if it is bad)."""
        with self._state:
            sid = self._resolve(session_id_or_prefix)
            record, session = self._load(sid)
            return session if session is not None else self._decode(record)

    def _decode(self, record: Doc) -> Session:
        """The one place a stored session record becomes a Session (see ``_encode``)."""
        try:
            return layout.decode_record(record)
        except (KeyError, ValueError, TypeError) as err:
            raise StoreError(
                f"The session {record.get('id')!r} in {self.data_dir} cannot be read ({err})."
            ) from err

    @staticmethod
    def _encode(session: Session) -> Doc:
        """The one place a Session becomes a stored record (see ``_decode``)."""
        return layout.encode_session(session)

    def iter_sessions(self) -> Iterator[Session]:
        """Every session, newest first, decoded one at a time (none is kept)."""
        with self._state:
            ids = [str(e["id"]) for e in sorted(self._entries(), key=layout.sort_key, reverse=True)]
        for sid in ids:
            with self._state:
                if self._dirty_sessions.get(sid, b"") is None:
                    continue
                record, session = self._load(sid, cache=False)
            yield session if session is not None else self._decode(record)

    # ------------------------------------------ streaming reads (the thematic report)

    def stream_records(self, wanted: Callable[[SessionSummary], bool]) -> Iterator[Doc]:
        """The stored record of every session whose summary ``wanted`` accepts, one at a time.

        For a pass over a whole store (the thematic report): the index is read one
        shard at a time and neither the shards nor the records are kept, where
        ``list_sessions`` keeps the whole index. A file whose bytes are exactly what
        its checked index entry recorded (SHA-256) was decoded and validated when it
        was written, so its record is handed on as it is; any other is read as
        ``get_session`` reads it (decoded and validated, StoreDamaged if it is bad,
        its index entry made again from it). Records are in no particular order.
        """
        for _summary, entry in self.stream_entries(wanted):
            record = self.entry_record(entry)
            if record is not None:
                yield record

    def stream_entries(
        self, wanted: Callable[[SessionSummary], bool]
    ) -> Iterator[tuple[SessionSummary, Doc]]:
        """The checked index entry (and summary) of every session ``wanted`` accepts.

        One shard at a time, none kept; no session file is read. The entries are
        trusted as ``list_sessions`` trusts them (each shard checked against
        reflect.json); a session file changed outside reflect is found when it is
        opened or by ``verify``. The entries are the store's own: read, never change.
        """
        with self._state:
            names = set(self._manifest()["shards"]) | set(self._files.shard_names_on_disk())
            names |= {layout.shard_of(sid) for sid in self._pinned}
        for name in sorted(names):
            with self._state:
                picked = []
                for entry in self._streamed_shard(name).values():
                    summary = self._summary_of(entry)
                    if wanted(summary):
                        picked.append((summary, entry))
            yield from picked

    def entry_record(self, entry: Doc) -> Doc | None:
        """The checked record of an entry ``stream_entries`` gave (as ``stream_records``).

        None if the session was removed meanwhile (in a batch not yet committed).
        """
        with self._state:
            return self._streamed_record(entry)

    def _streamed_shard(self, name: str) -> dict[str, Doc]:
        """A shard checked as ``_shard`` checks it, kept only if it was loaded already."""
        found = self._shards.get(name)
        if found is not None:
            return found
        expect = self._manifest()["shards"].get(name)
        try:
            return self._files.read_shard(name, expect, str(self._meta_value(layout.STORE_ID_KEY)))
        except layout.IndexProblem:
            return self._shard(name)  # rebuilt (and kept, to be written) as usual

    def _summary_of(self, entry: Doc) -> SessionSummary:
        found = self._summaries.get(str(entry["id"]))
        return found if found is not None else SessionSummary.from_json(entry["summary"])

    def _streamed_record(self, entry: Doc) -> Doc | None:
        sid = str(entry["id"])
        if self._dirty_sessions.get(sid, b"") is None:
            return None  # removed, not yet committed
        record = self._pinned.get(sid) or self._cache.get(sid)
        if record is not None:
            return record
        try:
            data = self._files.read_session(sid)
        except (FileUndecryptable, OSError):
            data = None  # _load below says what is wrong
        if data is not None and layout.digest(data) == entry.get("sha256"):
            try:
                found = schema.loads(data)
            except ValueError:
                found = None
            if isinstance(found, dict) and found.get("id") == sid:
                return found
        return self._load(sid, cache=False)[0]

    def verify(self) -> list[str]:
        """The full check (``reflect verify``): every session file decoded and compared.

        Returns what is wrong, in plain words (empty when everything passes). An
        index shard that does not match is rebuilt (and said); a session file that
        does not decode is named with its field; a file the index does not know,
        or one changed outside reflect, is said too.
        """
        before = len(self.warnings)
        problems: list[str] = []
        with self._state:
            # Opening trusts home's summaries while their stamp matches; this reads them all.
            home = {"home": self._storage.tables.get("home", {})}
            bad = validate.check_tables(home, trust_stamp=False)
            if bad is not None:
                problems.append(
                    f"The data file {self.path} has a record that cannot be read: "
                    f"{bad.describe()}. Run `reflect restore` to go back to the newest good "
                    "backup."
                )
            entries = {str(e["id"]): e for e in self._entries()}
            on_disk = set(self._files.session_ids())
        for sid in sorted(set(entries) | on_disk):
            with self._state:
                if sid in self._pinned:
                    continue
                try:
                    _, _session, data = self._read_file(sid)
                except StoreDamaged as err:
                    problems.append(str(err))
                    continue
                if sid not in entries:
                    problems.append(
                        f"The session file {self._files.paths.session(sid)} is not in the "
                        "index; it reads well, and is listed again once the index is rebuilt."
                    )
                elif entries[sid].get("sha256") != layout.digest(data):
                    self._load(sid, cache=False)
        with self._state:
            problems.extend(self._verify_facts())
        problems[:0] = self.warnings[before:]
        return problems

    def _verify_facts(self) -> list[str]:
        """The home facts against the whole index; worked out again if they differ."""
        stored = self._facts_ready()
        fresh = Facts.compute(self._entries(), self._home_draft_ids())
        kept, made = stored.bodies(), fresh.bodies()
        ids = [str(a["id"]) for e in self._entries() for a in e.get("actions", [])]
        same = kept["facts"] == made["facts"] and kept["actions"]["open"] == made["actions"]["open"]
        if same and all(aid in stored.bloom for aid in ids):
            return []
        fresh.changed.update(layout.FACT_FILES_BY_PART)
        self._facts, self._facts_view = fresh, None
        self._dirty = True
        later = "" if self.read_only else "; they are saved with the next change"
        return [
            f"The home facts in {self._files.paths.index} did not match the index; they were "
            f"worked out again from it{later}."
        ]

    def has_session(self, session_id: str) -> bool:
        if not layout.safe_id(session_id):
            return False
        with self._state:
            return session_id in self._shard(layout.shard_of(session_id))

    def session_count(self) -> int:
        """How many sessions are stored (a number kept in reflect.json: nothing is read)."""
        return self._count()

    def save_session(self, session: Session) -> None:
        """Write the session into its file; it is on disk when this returns."""
        self.save_sessions([session])

    def save_sessions(self, sessions: Iterable[Session]) -> None:
        """Save many sessions in one commit (sample data, imports)."""
        with self._mutex:
            journaled: list[str] = []
            with self._writing():
                now = self.clock.now()
                sessions = list(sessions)
                erasure.refuse_erased(self, (s.id for s in sessions))
                for session in sessions:
                    session.updated_at = now
                    record = self._encode(session)
                    mark = None
                    if self._journal.path_for(session.id).exists():
                        journaled.append(session.id)
                        mark = self._journal.next_seq()
                    try:
                        self._put_session(record, mark, session)
                    except (TypeError, ValueError) as err:
                        raise StoreWriteFailed(
                            f"Could not save {session.title!r}: a value cannot be stored "
                            f"({err}). Nothing was written."
                        ) from err
            # The files now hold these drafts; their journals are superseded.
            for sid in journaled:
                self._journal.remove(sid)

    def delete_session(self, session_id: str) -> None:
        with self._writing():
            sid = self._resolve(session_id)
            self._journal.remove(sid)
            self._remove_session(sid)

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
            record = self._encode(session)
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
        """Every action, as it stands in the newest session holding it (from the index)."""
        with self._state:
            entries = self._entries()
        from reflect_tui.domain.answers import ActionItem
        from reflect_tui.store.actions import StoredAction
        from reflect_tui.store.facts import best_holders

        # The newest copy: by session date, then last save, then id (as the facts count).
        best, seen = best_holders(entries)
        found: list[StoredAction] = []
        for aid in sorted(best):
            action, entry = best[aid]
            summary = entry["summary"]
            found.append(
                StoredAction(
                    action=ActionItem.from_json(dict(action)),
                    session_id=str(entry["id"]),
                    session_date=SessionSummary.from_json(summary).date,
                    session_title=str(summary["title"]),
                    template_id=str(summary["template_id"]),
                    seen_in=tuple(sorted(seen[aid])),
                )
            )
        return found

    def open_actions(self) -> list[ActionItem]:
        """Actions still open, in their current state (for "due soon" lists)."""
        return [s.action for s in self.actions() if s.action.status is ActionStatus.OPEN]

    # ------------------------------------------------------------------ people

    def people(self) -> list[Person]:
        from reflect_tui.domain.people import Person

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


def _facts_problem(err: Exception) -> str:
    """What is wrong with a facts file, for the notice ("" when it is an earlier version's)."""
    if isinstance(err, EarlierFacts):
        return ""
    if isinstance(err, layout.IndexProblem):
        return str(err)
    return f"cannot be read ({type(err).__name__})"
