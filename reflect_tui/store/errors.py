"""Errors the store raises. Each message says what is wrong, where, and what to do."""

from __future__ import annotations

from pathlib import Path

from reflect_tui.errors import UserError


class StoreError(UserError):
    """Anything about the data directory a person can act on."""


class StoreReadOnly(StoreError):
    """A write was asked of a store opened read-only (another window holds the data)."""


class StoreDamaged(StoreError):
    """The data file cannot be trusted; nothing has been written to it.

    ``path`` is the bad file, ``backup`` the newest backup that loads (or None).
    """

    def __init__(self, message: str, path: Path, backup: Path | None) -> None:
        super().__init__(message)
        self.path = path
        self.backup = backup


class StoreWriteFailed(StoreError):
    """Writing failed (disk full, permissions, a value that is not JSON); the file is unchanged."""


class StoreLocked(StoreError):
    """The data folder is encrypted and no passphrase (or a wrong one) was given.

    Nothing has been read or written.
    """


class FileUndecryptable(StoreError, ValueError):
    """An encrypted file failed its check: changed, cut short, or from another key.

    A ``ValueError`` too, so every reader that already treats unparsable bytes as a
    bad file (journals, backups) treats this one the same way. ``problem`` is the
    message without the file's name ("failed its integrity check: ...").
    """

    def __init__(self, problem: str, path: Path | None = None) -> None:
        super().__init__(f"The file {path} {problem}" if path is not None else problem)
        self.problem = problem
        self.path = path
