"""The audit log: an append-only record of who did what to which record, without content.

One file, ``audit.log`` in the data folder, kept apart from ``reflect.json`` so
that restoring a backup never rolls the log back. It holds JSON lines, one per
event: ``at`` (local time, seconds), ``event`` (see ``EVENTS``), ``record`` (a
session or person id, or null), ``detail`` (a short plain fact such as
``format=html``; never content), ``user`` (the operating-system user, from
``getpass.getuser()``) and ``hash``: SHA-256 of the previous line's hash and
this line's other fields, so a line changed or removed later shows up as a
break (``verify``).

The whole file goes through the store's codec (``FileBlob``): with encryption
at rest it is encrypted like everything else. Each append reads the file,
adds one line and replaces the file atomically, under its own small lock
(``audit.lock``), so a read-only window (a second process) can still record an
export. Events are rare (exports, deletions...), so the rewrite costs little.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import filelock

from reflect_tui.domain.clock import Clock
from reflect_tui.store.errors import StoreError, StoreWriteFailed
from reflect_tui.store.files import FILE_MODE, Codec, FileBlob, ensure_dir

AUDIT_NAME = "audit.log"
LOCK_NAME = "audit.lock"
LOCK_WAIT = 10.0

# The events the app records. Others may be added; each is a short kebab-case word.
EVENTS = {
    "export": "minutes or a visit card written to a file",
    "copy": "minutes copied to the clipboard",
    "confidential-confirmed": "someone confirmed taking a confidential record out of the app",
    "report": "a thematic report was built or exported",
    "delete": "a session was moved to the bin",
    "bin-restore": "a session was put back from the bin",
    "purge": "a session was erased for good from every copy",
    "restore": "the data file was restored from a backup",
    "reopen": "a completed record was reopened for changes",
    "passphrase-change": "the passphrase of an encrypted store was changed",
    "person-forget": "a person was removed or anonymised everywhere",
    "person-export": "everything held about one person was exported",
    "retention-purge": "records past their retention period were erased",
    "sign-off": "a supervision record was signed off as agreed",
}


@dataclass(frozen=True)
class AuditEntry:
    at: str
    event: str
    record: str | None
    detail: str | None
    user: str
    hash: str

    def to_json(self) -> dict[str, str | None]:
        return {
            "at": self.at,
            "event": self.event,
            "record": self.record,
            "detail": self.detail,
            "user": self.user,
            "hash": self.hash,
        }


def audit_path(data_dir: Path) -> Path:
    return data_dir / AUDIT_NAME


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in this environment (getuser raises OSError or KeyError)
        return "unknown"


def _digest(
    previous: str, at: str, event: str, record: str | None, detail: str | None, user: str
) -> str:
    body = json.dumps([previous, at, event, record, detail, user], ensure_ascii=False)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _parse(data: bytes) -> list[AuditEntry]:
    entries: list[AuditEntry] = []
    for n, line in enumerate(data.decode("utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            entries.append(
                AuditEntry(
                    at=str(raw["at"]),
                    event=str(raw["event"]),
                    record=None if raw.get("record") is None else str(raw["record"]),
                    detail=None if raw.get("detail") is None else str(raw["detail"]),
                    user=str(raw.get("user", "")),
                    hash=str(raw.get("hash", "")),
                )
            )
        except (ValueError, KeyError, TypeError) as err:
            raise StoreError(f"Line {n} of the audit log is damaged ({err}).") from err
    return entries


def read(data_dir: Path, codec: Codec | None = None) -> list[AuditEntry]:
    """Every entry, oldest first (empty if nothing was recorded yet)."""
    data = FileBlob(audit_path(data_dir), codec).read()
    return _parse(data) if data else []


def verify(entries: list[AuditEntry]) -> int | None:
    """The 1-based number of the first entry whose hash does not follow; None if all do."""
    previous = ""
    for n, e in enumerate(entries, start=1):
        if e.hash != _digest(previous, e.at, e.event, e.record, e.detail, e.user):
            return n
        previous = e.hash
    return None


def append(
    data_dir: Path,
    codec: Codec | None,
    clock: Clock,
    event: str,
    record_id: str | None = None,
    detail: str | None = None,
) -> AuditEntry:
    """Add one event to the log (atomically, under the log's own lock)."""
    data_dir = Path(data_dir)
    at = clock.now().isoformat(timespec="seconds")
    user = current_user()
    blob = FileBlob(audit_path(data_dir), codec)
    try:
        ensure_dir(data_dir)
        lock = filelock.FileLock(data_dir / LOCK_NAME, mode=FILE_MODE, thread_local=False)
        with lock.acquire(timeout=LOCK_WAIT):
            old = blob.read() or b""
            entries = _parse(old) if old else []
            previous = entries[-1].hash if entries else ""
            digest = _digest(previous, at, event, record_id, detail, user)
            entry = AuditEntry(at, event, record_id, detail, user, digest)
            line = json.dumps(entry.to_json(), ensure_ascii=False).encode("utf-8") + b"\n"
            if old and not old.endswith(b"\n"):
                old += b"\n"
            blob.write(old + line)
    except filelock.Timeout as err:
        raise StoreWriteFailed(
            f"Could not write to the audit log in {data_dir}: another reflect process kept it "
            "locked. Try again."
        ) from err
    except OSError as err:
        raise StoreWriteFailed(
            f"Could not write to the audit log {blob.path}: {err.strerror or err}."
        ) from err
    return entry
