"""``reflect restore``: put a backup back in place of a damaged (or unwanted) store file.

The current file is never deleted or overwritten: it is renamed beside itself
(``reflect.before-restore-YYYYmmdd-HHMMSS.json``) before the backup is copied
in. Autosave journals are left alone, so drafts typed after the backup are
replayed over it at the next open.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reflect_tui.domain.clock import Clock, SystemClock
from reflect_tui.store import backups
from reflect_tui.store.errors import StoreError, StoreReadOnly
from reflect_tui.store.files import Codec, atomic_write, with_role
from reflect_tui.store.lock import WriterLock
from reflect_tui.store.repository import STORE_NAME
from reflect_tui.store.unlock import Unlock, codec_for_folder


@dataclass(frozen=True)
class Restored:
    backup: Path
    set_aside: Path | None
    path: Path

    def message(self) -> str:
        kept = f" The previous file is kept as {self.set_aside}." if self.set_aside else ""
        return f"Restored {self.path} from {self.backup}.{kept}"


def restore(
    data_dir: Path,
    number: int = 1,
    clock: Clock | None = None,
    *,
    codec: Codec | None = None,
    lock_timeout: float = 2.0,
    unlock: Unlock | None = None,
) -> Restored:
    """Restore backup ``number`` (1 = newest) into ``data_dir``."""
    data_dir = Path(data_dir).expanduser()
    if codec is None:
        codec = codec_for_folder(data_dir, unlock, data_dir / STORE_NAME)
    codec = with_role(codec, "store")
    found = backups.list_backups(data_dir)
    if not found:
        raise StoreError(
            f"There are no backups in {backups.backup_dir(data_dir)}, so there is nothing to "
            "restore."
        )
    if not 1 <= number <= len(found):
        count = (
            f"{len(found)} backups, 1 (newest) to {len(found)}"
            if len(found) > 1
            else ("only backup 1")
        )
        raise StoreError(f"There is no backup {number}: {data_dir} has {count}.")
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
    lock = WriterLock(data_dir)
    if not lock.acquire(lock_timeout):
        raise StoreReadOnly(f"{lock.in_use()}. Close it, then run `reflect restore` again.")
    try:
        path = data_dir / STORE_NAME
        stamp = (clock or SystemClock()).now()
        aside = backups.set_aside(path, "before-restore", stamp)
        atomic_write(path, chosen.read_bytes())
    finally:
        lock.release()
    return Restored(chosen, aside, path)
