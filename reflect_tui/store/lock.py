"""The single-writer lock: the first process to open a data directory keeps it until it closes.

On POSIX the lock is an ``flock`` on the **data folder itself** (its own file
descriptor), plus one on ``reflect.lock`` for older versions of reflect. A
folder cannot be deleted while it holds the store, so deleting ``reflect.lock``
while it is held does not let a second writer in. Where a folder cannot be
locked (some network file systems), the lock file is used alone, and after
taking it we check that the path still names the file we locked (a lock file
deleted or replaced meanwhile is retried). The kernel drops the locks when the
process dies. The holder's pid goes in a side file so the second process can
say who has the data.

``acquire`` returns False when another process holds the lock, and raises
OSError when locking itself is impossible (ENOLCK, EIO, a read-only folder):
the store then opens read-only.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from pathlib import Path

from reflect_tui.store.files import FILE_MODE

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "reflect.lock"
OWNER_NAME = "reflect.lock.owner"

_BUSY = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES}


def _try_flock(fd: int) -> bool:
    """True if locked; False if another process holds it; OSError if locking cannot work."""
    assert fcntl is not None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        if err.errno in _BUSY:
            return False
        raise
    return True


class WriterLock:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / LOCK_NAME
        self.owner_path = data_dir / OWNER_NAME
        self._fds: list[int] = []
        self._fallback: object | None = None

    @property
    def is_held(self) -> bool:
        return bool(self._fds) or self._fallback is not None

    def acquire(self, timeout: float) -> bool:
        """True if this process is now the writer; False if another one holds it."""
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            if self._try_once():
                with contextlib.suppress(OSError):
                    self._write_owner()
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)

    def _try_once(self) -> bool:
        if fcntl is None:  # pragma: no cover - Windows
            return self._try_filelock()
        folder_fd: int | None = None
        try:
            folder_fd = os.open(self.data_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            if not _try_flock(folder_fd):
                os.close(folder_fd)
                return False
        except OSError:
            # The folder cannot be locked here: the lock file alone guards it.
            if folder_fd is not None:
                os.close(folder_fd)
            folder_fd = None
        try:
            got = self._lock_file()  # also proves the folder is writable (not read-only media)
        except OSError:
            if folder_fd is not None:
                os.close(folder_fd)
            raise
        if folder_fd is not None:
            if got:
                self._fds.insert(0, folder_fd)
            else:  # an older reflect holds only the lock file
                os.close(folder_fd)
        return got

    def _lock_file(self) -> bool:
        """Lock ``reflect.lock``; retried if the path stops naming the file we locked."""
        for _ in range(20):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, FILE_MODE)
            try:
                if not _try_flock(fd):
                    os.close(fd)
                    return False
                with contextlib.suppress(OSError):
                    os.fchmod(fd, FILE_MODE)
                try:
                    same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
                except FileNotFoundError:
                    same = False
            except BaseException:
                os.close(fd)
                raise
            if same:
                self._fds.append(fd)
                return True
            os.close(fd)  # deleted or replaced after we opened it: take the new one
        raise OSError(errno.ENOLCK, "the lock file keeps changing", str(self.path))

    def _try_filelock(self) -> bool:  # pragma: no cover - Windows
        import filelock

        lock = filelock.FileLock(self.path, mode=FILE_MODE, thread_local=False)
        try:
            lock.acquire(timeout=0)
        except filelock.Timeout:
            return False
        self._fallback = lock
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
        fds, self._fds = self._fds, []
        for fd in reversed(fds):
            with contextlib.suppress(OSError):
                os.close(fd)  # closing drops the flock
        fallback, self._fallback = self._fallback, None
        if fallback is not None:  # pragma: no cover - Windows
            fallback.release(force=True)  # type: ignore[attr-defined]

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
