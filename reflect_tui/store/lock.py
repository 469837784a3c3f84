"""The single-writer lock: the first process to open a data directory keeps it until it closes.

The lock is an OS file lock (``filelock``), so a killed process releases it
automatically. The holder's pid goes in a side file so the second process can
say who has the data.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import filelock

from reflect_tui.store.files import FILE_MODE

LOCK_NAME = "reflect.lock"
OWNER_NAME = "reflect.lock.owner"


class WriterLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_NAME
        self.owner_path = data_dir / OWNER_NAME
        self._lock = filelock.FileLock(
            self.path, mode=FILE_MODE, thread_local=False, preserve_lock_file=True
        )

    def acquire(self, timeout: float) -> bool:
        """True if this process is now the writer; False if another one holds it."""
        try:
            self._lock.acquire(timeout=max(timeout, 0.0), poll_interval=0.05)
        except filelock.Timeout:
            return False
        with contextlib.suppress(OSError):
            os.chmod(self.path, FILE_MODE)
        with contextlib.suppress(OSError):
            self._write_owner()
        return True

    def _write_owner(self) -> None:
        """Advisory only (it names the holder in messages), so no fsync: opening stays fast."""
        fd = os.open(self.owner_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, FILE_MODE)
            os.write(fd, str(os.getpid()).encode())
        finally:
            os.close(fd)

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    def in_use(self) -> str:
        """The start of every message about the data being held by another process."""
        pid = self.holder()
        who = f" (pid {pid})" if pid else ""
        return f"Another reflect window{who} is using the data in {self.path.parent}"

    def holder(self) -> int | None:
        """The pid recorded by the current holder, if it can be read."""
        try:
            return int(self.owner_path.read_text().strip())
        except (OSError, ValueError):
            return None
