"""Byte-level storage: the one small interface every file the store writes goes through.

``Blob`` is what the store needs from a file: read all of it, or replace all of
it atomically. ``FileBlob`` does that on disk (temp file in the same folder,
flush, fsync, ``os.replace``, fsync the folder), owner-only whatever the umask.
A ``Codec`` turns plain bytes into stored bytes and back; encryption at rest is
a codec, so adding it touches nothing above this module.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Protocol, runtime_checkable

from reflect_tui.store.errors import FileUndecryptable

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_MARK = ".tmp-"


class Codec(Protocol):
    def encode(self, data: bytes) -> bytes: ...

    def decode(self, data: bytes) -> bytes: ...


class PlainCodec:
    """Stores bytes as they are (the default: a folder without ``reflect.keys``)."""

    def encode(self, data: bytes) -> bytes:
        return data

    def decode(self, data: bytes) -> bytes:
        return data


@runtime_checkable
class RoleCodec(Codec, Protocol):
    """A codec that can bind what it writes to a file role (see ``store/crypto.py``)."""

    def for_role(self, role: str) -> Codec: ...


def with_role(codec: Codec | None, role: str) -> Codec | None:
    """``codec`` bound to ``role`` ("store", "journal", ...) if it supports roles."""
    if isinstance(codec, RoleCodec):
        return codec.for_role(role)
    return codec


class Blob(Protocol):
    path: Path

    def read(self) -> bytes | None:
        """All the bytes, or None if the file does not exist."""
        ...

    def write(self, data: bytes) -> None:
        """Replace the content atomically and durably."""
        ...


class FileBlob:
    def __init__(self, path: Path, codec: Codec | None = None) -> None:
        self.path = path
        self.codec: Codec = codec or PlainCodec()

    def read(self) -> bytes | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return self.codec.decode(raw)
        except FileUndecryptable as err:
            raise FileUndecryptable(err.problem, self.path) from None

    def write(self, data: bytes) -> None:
        atomic_write(self.path, self.codec.encode(data))


def ensure_dir(path: Path) -> None:
    """Create ``path`` and every missing parent owner-only (0700 whatever the umask)."""
    if path.is_dir():
        return
    missing: list[Path] = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=DIR_MODE)
            os.chmod(folder, DIR_MODE)  # mkdir's mode is cut by the umask
    if not path.is_dir():
        path.mkdir(mode=DIR_MODE, exist_ok=True)


def tighten(path: Path, mode: int) -> bool:
    """Take group/other access away from ``path`` if it is ours and looser; True if changed."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    if st.st_mode & 0o077 == 0 or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
        return False
    try:
        os.chmod(path, mode)
    except OSError:
        return False
    return True


def private_dir(path: Path) -> None:
    """A folder that only ever holds store files: always 0700."""
    ensure_dir(path)
    if (path.stat().st_mode & 0o777) != DIR_MODE:
        os.chmod(path, DIR_MODE)


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink in ``path`` durable (no-op where folders cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{secrets.token_hex(4)}")


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file."""
    tmp = temp_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        if hasattr(os, "fchmod"):  # not on Windows, where the folder's ACL applies
            os.fchmod(fd, FILE_MODE)
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temp files a killed write left behind. Only call while holding the writer lock."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        if entry.name.startswith(".") and TEMP_MARK in entry.name and entry.is_file():
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


def remove_durably(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        fsync_dir(path.parent)
