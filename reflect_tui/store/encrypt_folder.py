"""Making a data folder encrypted: a new one (``reflect init --encrypt``) or an existing one.

``encrypt_existing`` rewrites every file in the folder (store, backups, journals,
files set aside by a restore, saved minutes, anything else) as an encrypted
file, each by an atomic replace, and then overwrites the old plaintext bytes in
place before letting them go. It is resumable: the new keys are kept as
``reflect.keys.pending`` until every file is done, and a folder in that state
refuses to open until ``reflect encrypt`` is run again with the same passphrase.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reflect_tui.store import backups, crypto, schema
from reflect_tui.store.errors import StoreError, StoreLocked, StoreReadOnly
from reflect_tui.store.files import (
    TEMP_MARK,
    atomic_write,
    fsync_dir,
    private_dir,
    remove_durably,
    remove_stale_temps,
)
from reflect_tui.store.lock import WriterLock
from reflect_tui.store.repository import STORE_NAME
from reflect_tui.store.unlock import KEYS_NAME, PENDING_NAME, is_encrypted, starts_encrypted

LOCK_FILES = frozenset({"reflect.lock", "reflect.lock.owner"})
NOT_DATA = LOCK_FILES | {KEYS_NAME, PENDING_NAME}


@dataclass
class Encrypted:
    data_dir: Path
    recovery_key: str
    files: int
    outside: list[Path] = field(default_factory=list)


def role_for(data_dir: Path, path: Path) -> str:
    """The role a file's envelope is bound to: the store and its copies, journals, the rest."""
    rel = path.relative_to(data_dir)
    if rel.parts[0] == "sessions" or rel.parts[:2] == (backups.BACKUP_DIR, "sessions"):
        return "session"
    if rel.parts[0] == "index" or (
        rel.parts[0] == backups.BACKUP_DIR
        and len(rel.parts) > 2
        and rel.parts[1].startswith("index-")
    ):
        return "index"
    if rel.parts[0] == backups.BACKUP_DIR or (
        len(rel.parts) == 1 and rel.name.startswith("reflect.") and rel.suffix == ".json"
    ):
        return "store"
    if rel.parts[0] == "journal":
        return "journal"
    if rel.parts[0] == "minutes":
        return "minutes"
    return crypto.GENERIC_ROLE


def init_encrypted(
    data_dir: Path, passphrase: str, params: crypto.KdfParams | None = None
) -> crypto.NewKeys:
    """Make a new, empty, encrypted data folder; the caller shows ``recovery_key`` once."""
    data_dir = Path(data_dir).expanduser()
    if is_encrypted(data_dir):
        raise StoreError(f"{data_dir} is already encrypted; nothing was changed.")
    if data_dir.is_dir() and any(_data_files(data_dir)):
        raise StoreError(
            f"{data_dir} already holds data; nothing was changed. Run `reflect encrypt "
            f"--data {data_dir}` to encrypt it where it is."
        )
    keys = crypto.new_keys(passphrase, params)
    private_dir(data_dir)
    keys.keys.save(data_dir / KEYS_NAME)
    return keys


def encrypt_existing(
    data_dir: Path,
    passphrase: str,
    params: crypto.KdfParams | None = None,
    *,
    lock_timeout: float = 2.0,
) -> Encrypted:
    """Encrypt every file already in ``data_dir`` (see the module's note)."""
    data_dir = Path(data_dir).expanduser()
    if is_encrypted(data_dir):
        raise StoreError(
            f"{data_dir} is already encrypted; nothing was changed. To change its passphrase "
            "run `reflect passphrase`."
        )
    if not data_dir.is_dir():
        raise StoreError(
            f"There is no data folder at {data_dir}. To start a new encrypted one, run "
            f"`reflect init --encrypt --data {data_dir}`."
        )
    lock = WriterLock(data_dir)
    if not lock.acquire(lock_timeout):
        raise StoreReadOnly(f"{lock.in_use()}. Close it, then run `reflect encrypt` again.")
    try:
        return _encrypt_locked(data_dir, passphrase, params)
    finally:
        lock.release()


def _encrypt_locked(data_dir: Path, passphrase: str, params: crypto.KdfParams | None) -> Encrypted:
    for folder in (
        data_dir,
        data_dir / "journal",
        backups.backup_dir(data_dir),
        data_dir / "sessions",
        data_dir / "index",
    ):
        remove_stale_temps(folder)
    store = data_dir / STORE_NAME
    tables: schema.Tables | None = None
    if store.exists() and not starts_encrypted(store):
        tables, problem = backups.parse(store.read_bytes())
        if problem:
            raise StoreError(
                f"The data file {store} {problem}, so it was not encrypted; nothing was "
                "changed. Run `reflect restore` first."
            )
    pending = data_dir / PENDING_NAME
    if pending.exists():
        keys = crypto.KeyFile.from_bytes(pending.read_bytes(), pending)
        data_key = keys.unlock(passphrase)
        if data_key is None:
            raise StoreLocked(
                f"An earlier `reflect encrypt` of {data_dir} was interrupted; give the same "
                "passphrase you chose then to finish it. Nothing was changed."
            )
    else:
        new = crypto.new_keys(passphrase, params)
        keys, data_key = new.keys, new.data_key
        keys.save(pending)
    codec = crypto.EnvelopeCodec(data_key, keys.key_id)
    count = 0
    for paths in _by_inode(data_dir):
        count += _encrypt_inode(data_dir, paths, codec)
    recovery = crypto.new_recovery_key()  # the only one that was ever shown
    keys.with_recovery(data_key, recovery).save(data_dir / KEYS_NAME)
    remove_durably(pending)
    return Encrypted(data_dir, recovery, count, _minutes_outside(data_dir, tables))


def _data_files(data_dir: Path) -> Iterator[Path]:
    for root, _dirs, names in os.walk(data_dir):
        for name in names:
            path = Path(root) / name
            if (Path(root) == data_dir and name in NOT_DATA) or TEMP_MARK in name:
                continue
            if path.is_file() and not path.is_symlink():
                yield path


def _by_inode(data_dir: Path) -> list[list[Path]]:
    """Plaintext files, grouped by inode (a backup is a hard link to an old store file)."""
    groups: dict[tuple[int, int], list[Path]] = {}
    for path in sorted(_data_files(data_dir)):
        if starts_encrypted(path):
            continue
        st = path.stat()
        groups.setdefault((st.st_dev, st.st_ino), []).append(path)
    return list(groups.values())


def _encrypt_inode(data_dir: Path, paths: list[Path], codec: crypto.EnvelopeCodec) -> int:
    """Replace every name of one plaintext inode by its encryption, then blank the inode."""
    fd = os.open(paths[0], os.O_RDWR)
    try:
        with os.fdopen(os.dup(fd), "rb") as handle:
            plain = handle.read()
        for path in paths:
            atomic_write(path, codec.for_role(role_for(data_dir, path)).encode(plain))
        # Every name now holds ciphertext; overwrite the old bytes before they are freed.
        # (On journaling or copy-on-write file systems and SSDs this is no guarantee:
        # see docs/storage.md.)
        os.lseek(fd, 0, os.SEEK_SET)
        remaining = len(plain)
        zeros = bytes(min(remaining, 1 << 20))
        while remaining > 0:
            remaining -= os.write(fd, zeros[: min(remaining, len(zeros))])
        os.fsync(fd)
    finally:
        os.close(fd)
    for folder in {p.parent for p in paths}:
        fsync_dir(folder)
    return len(paths)


def _minutes_outside(data_dir: Path, tables: schema.Tables | None) -> list[Path]:
    """A minutes folder set outside the data folder is not encrypted: say where it is."""
    if tables is None:
        return []
    for doc in tables.get("meta", {}).values():
        if doc.get("key") == "minutes_dir" and doc.get("value"):
            folder = Path(str(doc["value"])).expanduser()
            with contextlib.suppress(ValueError):
                folder.resolve().relative_to(data_dir.resolve())
                return []
            return [folder]
    return []
