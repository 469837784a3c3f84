"""Records every write-like system call this process makes under a folder (via sys.addaudithook).

An audit hook cannot be removed, so one hook is installed once and only records
while a ``WriteAudit`` is active. Writes are: opening for write, append, create
or truncate; rename/replace, remove/unlink, rmdir, mkdir, link, symlink, chmod,
chown, truncate, utime and shutil's copies.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import Any

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_PATH_EVENTS = {
    "os.rename": 2,
    "os.remove": 1,
    "os.rmdir": 1,
    "os.mkdir": 1,
    "os.link": 2,
    "os.symlink": 2,
    "os.chmod": 1,
    "os.chown": 1,
    "os.truncate": 1,
    "os.utime": 1,
    "shutil.copyfile": 2,
    "shutil.copymode": 2,
    "shutil.copystat": 2,
    "shutil.move": 2,
    "shutil.rmtree": 1,
}

_active: list[WriteAudit] = []
_installed = False


def _under(path: Any, folder: str) -> bool:
    if isinstance(path, int):  # an fd: fchmod/ftruncate; counted, the folder cannot be told
        return True
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str | os.PathLike):
        return False
    full = os.path.abspath(os.fspath(path))
    return full == folder or full.startswith(folder + os.sep)


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _active:
        return
    if event == "open":
        path, mode, flags = [*args, None, None, None][:3]
        if isinstance(path, int):
            return  # os.fdopen of an fd opened earlier: the os.open was checked
        writes = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and mode is None and bool(flags & _WRITE_FLAGS)
        )
        paths = [path] if writes else []
    elif event in _PATH_EVENTS:
        paths = list(args[: _PATH_EVENTS[event]])
    else:
        return
    for audit in _active:
        for path in paths:
            if _under(path, audit.folder):
                audit.events.append((event, str(path)))


class WriteAudit:
    """``with WriteAudit(folder) as audit: ...``; then ``audit.events`` lists every write."""

    def __init__(self, folder: Path) -> None:
        self.folder = os.path.abspath(folder)
        self.events: list[tuple[str, str]] = []

    def __enter__(self) -> WriteAudit:
        global _installed
        if not _installed:
            sys.addaudithook(_hook)
            _installed = True
        _active.append(self)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        _active.remove(self)
