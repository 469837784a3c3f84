"""Crash reports that disclose nothing: where the code was, never what was typed.

An unexpected exception in the app (or a CLI command) is written as a short
report: reflect's version, the exception's type (never its message, which may
quote a value), and the stack as file, line and function name (never local
variables, never arguments, never source text). The file goes in the data
folder, owner-only, through the store's codec like every other file there.
"""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from reflect_tui.store.files import Codec, FileBlob

CRASH_EXIT = 70  # EX_SOFTWARE: an internal error, not the user's
PREFIX = "crash-"
SUFFIX = ".txt"


def _where(filename: str) -> str:
    """A path inside reflect or a library, without the machine's folders (or user name)."""
    parts = Path(filename).parts
    for anchor in ("reflect_tui", "site-packages", "lib"):
        if anchor in parts:
            i = len(parts) - 1 - parts[::-1].index(anchor)
            start = i if anchor == "reflect_tui" else i + 1
            return "/".join(parts[start:])
    return Path(filename).name


def describe(error: BaseException) -> str:
    """The report text: types and code locations only."""
    from reflect_tui import package_version

    lines = [
        "reflect crash report",
        f"version: {package_version()}",
        f"python: {platform.python_version()} on {sys.platform}",
        "",
        "No text you typed, no names and no values are in this report: the error's own",
        "message and every variable were left out on purpose.",
        "",
    ]
    seen: set[int] = set()
    current: BaseException | None = error
    first = True
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        lines.append(("error: " if first else "while handling: ") + kind.__qualname__)
        lines.append(f"  from module {kind.__module__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  at {_where(frame.filename)}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
        first = False
    return "\n".join(lines) + "\n"


def write_report(
    data_dir: Path, error: BaseException, when: datetime, codec: Codec | None = None
) -> Path:
    """Write the report for ``error`` in ``data_dir`` (0600); returns its path."""
    stamp = when.strftime("%Y%m%d-%H%M%S")
    path = data_dir / f"{PREFIX}{stamp}-{os.getpid()}{SUFFIX}"
    FileBlob(path, codec).write(describe(error).encode())
    return path


def plain_message(
    error: BaseException, report: Path | None, saved: bool, encrypted: bool = False
) -> str:
    """What a person sees: short, calm, no traceback and nothing from the record."""
    work = (
        "Your open session was saved first."
        if saved
        else "Saving the open session failed too; its last autosave is kept and is "
        "replayed the next time reflect opens."
    )
    sealed = (
        " It is encrypted like the rest of the folder: `reflect crash-report` shows it "
        "as text once unlocked."
        if encrypted
        else ""
    )
    where = (
        f"A crash report (no text of yours in it) is in {report}.{sealed}"
        if report is not None
        else "No crash report was written (the data is open read-only or cannot be written)."
    )
    return (
        f"reflect stopped because of an unexpected error ({type(error).__name__}). {work} "
        f"{where} Please pass it to whoever supports reflect, then open reflect again."
    )


def reports(data_dir: Path) -> list[Path]:
    """The crash reports in ``data_dir``, oldest first."""
    return sorted(data_dir.glob(f"{PREFIX}*{SUFFIX}"), key=lambda p: p.stat().st_mtime_ns)


def read_report(path: Path, codec: Codec | None = None) -> str:
    """A report's text (decrypted with the store's codec in an encrypted folder)."""
    raw = FileBlob(path, codec).read()
    if raw is None:
        raise FileNotFoundError(path)
    return raw.decode("utf-8", errors="replace")
