"""Rotating backups of the store file, and restoring one.

Before the first write of each opening (and again every ``BACKUP_EVERY``
seconds of writing), the file as it was loaded is kept as
``backups/reflect-NNNNNN.json``. Because the store is only ever replaced, never
rewritten in place, the backup is a hard link to the old file (free), or a copy
where links are not possible. Only the newest ``keep`` backups are kept.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import datetime
from pathlib import Path

from reflect_tui.store import schema, validate
from reflect_tui.store.errors import FileUndecryptable
from reflect_tui.store.files import (
    FILE_MODE,
    Codec,
    FileBlob,
    fsync_dir,
    private_dir,
    temp_name,
)

BACKUP_DIR = "backups"
PREFIX = "reflect-"
SUFFIX = ".json"
DEFAULT_KEEP = 5
BACKUP_EVERY = 30 * 60.0


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def _number(path: Path) -> int:
    stem = path.name[len(PREFIX) : -len(SUFFIX)]
    return int(stem) if stem.isdigit() else -1


def list_backups(data_dir: Path) -> list[Path]:
    """Backups, newest first (``--backup 1`` is the first of these)."""
    folder = backup_dir(data_dir)
    if not folder.is_dir():
        return []
    found = [p for p in folder.glob(f"{PREFIX}*{SUFFIX}") if _number(p) >= 0]
    return sorted(found, key=_number, reverse=True)


def check_file(path: Path, codec: Codec | None = None) -> str | None:
    """None if ``path`` loads as a store this version can use; else what is wrong with it."""
    try:
        data = FileBlob(path, codec).read()
    except OSError as err:
        return f"cannot be read ({err.strerror or err})"
    except FileUndecryptable as err:
        return err.problem
    if data is None:
        return "is missing"
    return parse(data)[1]


def parse(data: bytes) -> tuple[schema.Tables | None, str | None]:
    """The tree in ``data`` and None, or None and what is wrong with it (one parse only)."""
    if not data.strip():
        return None, "is empty"
    try:
        tables = schema.check_layout(schema.loads(data))
        version = schema.schema_version(tables)
    except schema.LayoutError as err:
        return None, f"is not a reflect data file: {err}"
    except ValueError as err:
        return None, f"is not valid JSON ({err}); it may have been cut short"
    if version > schema.SCHEMA_VERSION:
        return None, (
            f"was written by a newer version of reflect (schema {version}; this one "
            f"understands up to {schema.SCHEMA_VERSION})"
        )
    if not any(name in tables for name in validate.KNOWN_TABLES):
        return None, "holds none of reflect's tables (it is not an empty store: that has them)"
    bad = validate.check_tables(tables)
    if bad is not None:
        return None, f"has a record that cannot be read: {bad.describe()}"
    return tables, None


def newest_good(data_dir: Path, codec: Codec | None = None) -> Path | None:
    for path in list_backups(data_dir):
        if check_file(path, codec) is None:
            return path
    return None


def describe(path: Path) -> str:
    when = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return f"{path} (saved {when})"


def make_backup(store_path: Path, data_dir: Path, keep: int = DEFAULT_KEEP) -> Path | None:
    """Keep the current store file as the newest backup; prune to ``keep``. Returns it."""
    if keep <= 0 or not store_path.exists():
        return None
    folder = backup_dir(data_dir)
    private_dir(folder)
    existing = list_backups(data_dir)
    target = folder / f"{PREFIX}{(_number(existing[0]) + 1 if existing else 1):06d}{SUFFIX}"
    try:
        os.link(store_path, target)
    except OSError:
        tmp = temp_name(target)
        shutil.copyfile(store_path, tmp)
        os.chmod(tmp, FILE_MODE)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    fsync_dir(folder)
    for old in list_backups(data_dir)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def free_name(path: Path, reason: str, stamp: datetime) -> Path:
    """A new, unused name beside ``path``: ``<stem>.<reason>-<stamp>[-n]<suffix>``."""
    base = f"{path.stem}.{reason}-{stamp.strftime('%Y%m%d-%H%M%S')}"
    target = path.with_name(base + path.suffix)
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{base}-{n}{path.suffix}")
    return target


def set_aside(path: Path, reason: str, stamp: datetime) -> Path | None:
    """Rename ``path`` to a new, unused name beside it (never overwrite, never delete)."""
    if not path.exists():
        return None
    target = free_name(path, reason, stamp)
    os.rename(path, target)
    fsync_dir(path.parent)
    return target
