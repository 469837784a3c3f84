"""Deleting and purging sessions, the minutes folder included.

``delete`` moves sessions to the bin (``store.erasure``); ``purge`` erases them
for good from the store and every copy of it, then from the minutes folder: the
files saved or exported for them are removed, and the minutes of other sessions
whose records held a copy of something from them are written again from the
scrubbed record. Every deletion and purge is written to the audit log (ids only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from reflect_tui.store import Store, erasure
from reflect_tui.store.erasure import BinEntry, PurgeReport
from reflect_tui.store.files import FileBlob, remove_durably

if TYPE_CHECKING:
    from reflect_tui.domain.session import Session

_MINUTES_SUFFIXES = (".md", ".html", ".htm")
_FRONT_ID = re.compile(r'^session: "([0-9a-zA-Z_-]+)"$', re.MULTILINE)
_HTML_ID = re.compile(r"<dt>Record</dt><dd>([0-9a-zA-Z_-]+)</dd>")


def delete(store: Store, session_id: str) -> BinEntry:
    """Move one session to the bin (a draft being discarded, or a finished record)."""
    entry = erasure.move_to_bin(store, session_id)
    store.audit("delete", entry.id)
    return entry


def restore_from_bin(store: Store, session_id: str) -> BinEntry:
    entry = erasure.restore_from_bin(store, session_id)
    store.audit("bin-restore", entry.id)
    return entry


def _read_text(store: Store, path: Path) -> str | None:
    try:
        data = FileBlob(path, store.codec).read()
    except Exception:  # not in the store's codec (an export written as plain text)
        try:
            data = path.read_bytes()
        except OSError:
            return None
    if data is None:
        return None
    return data.decode("utf-8", errors="replace")


def _in_codec(store: Store, path: Path) -> bool:
    """Whether the file reads through the store's codec (an encrypted store's own file)."""
    try:
        FileBlob(path, store.codec).read()
    except Exception:  # a plain-text export in an encrypted store's folder
        return False
    return True


def minutes_of(text: str) -> str | None:
    """The session id a minutes file (Markdown front matter or HTML header) was made for."""
    head = text[:16384]
    found = _FRONT_ID.search(head.split("\n---\n", 1)[0]) or _HTML_ID.search(head)
    return found.group(1) if found else None


def minutes_files(store: Store) -> dict[str, list[Path]]:
    """Session id -> the files in the minutes folder made for it."""
    folder = store.minutes_dir
    found: dict[str, list[Path]] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in _MINUTES_SUFFIXES or not path.is_file():
            continue
        text = _read_text(store, path)
        sid = minutes_of(text) if text else None
        if sid:
            found.setdefault(sid, []).append(path)
    return found


def purge(store: Store, session_ids: Iterable[str], *, event: str = "purge") -> PurgeReport:
    """Erase sessions for good: the store, its copies and the minutes folder."""
    report = erasure.purge(store, session_ids, also=_minutes_folder(store))
    for sid in report.erased:
        store.audit(event, sid)
    return report


def _minutes_folder(store: Store) -> erasure.Also:
    def clean(report: PurgeReport) -> None:
        files = minutes_files(store)
        for sid in report.erased:
            for path in files.get(sid, []):
                remove_durably(path)
                report.removed.append(path)
        rewrite_minutes_of(store, report.changed_sessions, report, files)
        _remove_bundles_naming(store, report)

    return clean


def _remove_bundles_naming(store: Store, report: PurgeReport) -> None:
    """Subject-access bundles saved by the app that hold an erased session go too."""
    folder = store.minutes_dir
    if not folder.is_dir() or not report.erased:
        return
    for path in sorted(folder.glob("subject-access-*")):
        text = _read_text(store, path) if path.is_file() else None
        if text and any(sid in text for sid in report.erased):
            remove_durably(path)
            report.removed.append(path)


def rewrite_minutes_of(
    store: Store,
    session_ids: Iterable[str],
    report: PurgeReport,
    files: dict[str, list[Path]] | None = None,
) -> None:
    """Write again, from the stored record, the minutes-folder files of these sessions."""
    files = minutes_files(store) if files is None else files
    for sid in sorted(session_ids):
        if store.has_session(sid) and files.get(sid):
            _rewrite_minutes(store, store.get_session(sid), files[sid], report)


def _rewrite_minutes(
    store: Store, session: Session, paths: list[Path], report: PurgeReport
) -> None:
    from reflect_tui.errors import UserError
    from reflect_tui.minutes.files import Format, render, write_private_file

    for path in paths:
        fmt: Format = "html" if path.suffix.lower() in (".html", ".htm") else "md"
        try:
            text = render(
                session, fmt=fmt, card="visit-card" in path.stem, confirmed_confidential=True
            )
            if _in_codec(store, path):  # written as it was: through the codec (encrypted) or not
                FileBlob(path, store.codec).write(text.encode("utf-8"))
            else:
                write_private_file(path, text, force=True)
        except UserError as err:
            remove_durably(path)
            report.removed.append(path)
            report.problems.append(f"{path} could not be written again ({err}); it was removed.")
            continue
        report.rewritten.append(path)


def purge_expired(store: Store) -> PurgeReport | None:
    """Erase what has been in the bin too long (and finish an interrupted purge)."""
    if store.read_only:
        return None
    if not erasure.expired(store):
        return erasure.finish_pending(store, also=_minutes_folder(store))
    return purge(store, [e.id for e in erasure.expired(store)])
