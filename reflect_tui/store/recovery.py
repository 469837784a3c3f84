"""``reflect restore``: put a backup back in place of a damaged (or unwanted) store file.

The current file is never deleted or overwritten: it keeps a second name beside
itself (``reflect.before-restore-YYYYmmdd-HHMMSS.json``). The restored bytes are
written and synced first, so a kill at any step leaves a readable store file.
Without a backup number, the newest backup that passes full validation is
used. Autosave journals are left alone, so drafts typed after the backup are
replayed over it at the next open.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from reflect_tui.domain.clock import Clock, SystemClock
from reflect_tui.store import backups, erasure, layout, schema
from reflect_tui.store.errors import StoreError, StoreReadOnly
from reflect_tui.store.files import (
    FILE_MODE,
    Codec,
    FileBlob,
    atomic_write,
    fsync_dir,
    temp_name,
    with_role,
)
from reflect_tui.store.lock import WriterLock
from reflect_tui.store.repository import STORE_NAME
from reflect_tui.store.unlock import Unlock, codec_for_folder


@dataclass(frozen=True)
class Restored:
    backup: Path
    set_aside: Path | None
    path: Path
    number: int = 1
    skipped: tuple[tuple[int, str], ...] = ()
    notes: tuple[str, ...] = ()

    def message(self) -> str:
        kept = f" The previous file is kept as {self.set_aside}." if self.set_aside else ""
        if self.notes:
            kept += " " + " ".join(self.notes)
        why = ""
        if self.skipped:
            names = "; ".join(f"backup {n} {problem}" for n, problem in self.skipped)
            why = f" It is the newest backup that passes every check ({names})."
        return f"Restored {self.path} from backup {self.number} ({self.backup}).{why}{kept}"


def _choose(
    found: list[Path], number: int | None, codec: Codec | None
) -> tuple[int, Path, tuple[tuple[int, str], ...]]:
    """The backup to restore: ``number``, or the newest that passes full validation."""
    if number is not None:
        chosen = found[number - 1]
        problem = backups.check_file(chosen, codec)
        if problem:
            others = [
                str(i)
                for i, p in enumerate(found, start=1)
                if p != chosen and backups.check_file(p, codec) is None
            ]
            hint = f" Try --backup {others[0]}." if others else " No other backup loads either."
            raise StoreError(f"Backup {number} ({chosen}) {problem}; it was not restored.{hint}")
        return number, chosen, ()
    skipped: list[tuple[int, str]] = []
    for n, path in enumerate(found, start=1):
        problem = backups.check_file(path, codec)
        if problem is None:
            return n, path, tuple(skipped)
        skipped.append((n, problem))
    raise StoreError(
        f"None of the {len(found)} backups in {backups.backup_dir(found[0].parent.parent)} "
        f"passes the checks (backup 1 {skipped[0][1]}), so nothing was restored. Keep the "
        "folder as it is and ask your IT support for help."
    )


def _put_in_place(path: Path, data: bytes, aside: Path | None) -> None:
    """Swap ``data`` in at ``path`` so that a kill at any step leaves a readable store file.

    1. the restored bytes are written to a temp file and synced;
    2. the current file gets its second name ``aside`` (a hard link: both names hold it);
    3. the temp file replaces ``path`` atomically, and the folder is synced.
    """
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with contextlib.suppress(OSError):
            os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    try:
        if aside is not None:
            try:
                os.link(path, aside)
            except OSError:  # no hard links here: a synced copy instead
                atomic_write(aside, path.read_bytes())
            fsync_dir(path.parent)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def restore(
    data_dir: Path,
    number: int | None = None,
    clock: Clock | None = None,
    *,
    codec: Codec | None = None,
    lock_timeout: float = 2.0,
    unlock: Unlock | None = None,
) -> Restored:
    """Restore backup ``number`` (1 = newest), or the newest one that passes full validation."""
    data_dir = Path(data_dir).expanduser()
    if codec is None:
        codec = codec_for_folder(data_dir, unlock, data_dir / STORE_NAME)
    base_codec = codec
    codec = with_role(codec, "store")
    found = backups.list_backups(data_dir)
    if not found:
        raise StoreError(
            f"There are no backups in {backups.backup_dir(data_dir)}, so there is nothing to "
            "restore."
        )
    if number is not None and not 1 <= number <= len(found):
        count = (
            f"{len(found)} backups, 1 (newest) to {len(found)}"
            if len(found) > 1
            else ("only backup 1")
        )
        raise StoreError(f"There is no backup {number}: {data_dir} has {count}.")
    chosen_number, chosen, skipped = _choose(found, number, codec)
    lock = WriterLock(data_dir)
    try:
        got = lock.acquire(lock_timeout)
    except OSError as err:
        raise StoreError(
            f"Cannot restore into {data_dir}: the folder cannot be written "
            f"({err.strerror or err}). Nothing was changed. If it is on read-only media, "
            "copy the folder to a writable disk and restore there."
        ) from err
    if not got:
        raise StoreReadOnly(f"{lock.in_use()}. Close it, then run `reflect restore` again.")
    try:
        path = data_dir / STORE_NAME
        stamp = (clock or SystemClock()).now()
        data = erasure.restorable_bytes(data_dir, chosen, codec)  # purged stays purged
        aside = backups.free_name(path, "before-restore", stamp) if path.exists() else None
        notes: list[str] = []
        try:
            tables, _ = backups.parse(FileBlob(chosen, codec).read() or b"")
            if tables is not None and schema.schema_version(tables) > schema.TREE_VERSION:
                # Layout 2: the session files go back to the versions that backup saw.
                files = layout.Files(data_dir, base_codec)
                erased = set(erasure.erased_ids_in_folder(data_dir, codec))
                number_of = int(chosen.name[len(backups.PREFIX) : -len(backups.SUFFIX)])
                notes = layout.restore_sessions(files, number_of, erased)
            _put_in_place(path, data, aside)
        except OSError as err:
            raise StoreError(
                f"Could not restore into {data_dir}: {err.strerror or err}. The data file is "
                "as it was."
            ) from err
    finally:
        lock.release()
    return Restored(chosen, aside, path, chosen_number, skipped, tuple(notes))
