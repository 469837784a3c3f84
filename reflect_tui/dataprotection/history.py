"""A record's history: reopening a completed session keeps what was finished, and when.

Each reopening appends to ``session.extra["history"]`` a version:
``{"finished_at", "reopened_at", "reopened_by", "record"}`` where ``record`` is
the session as it was finished (header and answers; the template snapshot and
``extra`` are not copied, as they are the session's own). The session's first
``finished_at`` is never lost, and the record screen lists the versions. A
supervision record may also carry a sign-off (``extra["agreed"]``: who agreed,
when, comments; see ``sign_off``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reflect_tui.domain.session import Session, Status

HISTORY_KEY = "history"
AGREED_KEY = "agreed"
_NOT_COPIED = ("template", "extra")


@dataclass(frozen=True)
class Version:
    finished_at: datetime | None
    reopened_at: datetime
    reopened_by: str
    record: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {
            "finished_at": self.finished_at.isoformat(timespec="seconds")
            if self.finished_at
            else None,
            "reopened_at": self.reopened_at.isoformat(timespec="seconds"),
            "reopened_by": self.reopened_by,
            "record": self.record,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Version:
        finished = data.get("finished_at")
        return cls(
            finished_at=datetime.fromisoformat(finished) if finished else None,
            reopened_at=datetime.fromisoformat(str(data["reopened_at"])),
            reopened_by=str(data.get("reopened_by", "")),
            record=dict(data.get("record") or {}),
        )


def versions(session: Session) -> list[Version]:
    """Earlier finished versions, oldest first (bad rows are skipped)."""
    rows = session.extra.get(HISTORY_KEY) or []
    found: list[Version] = []
    for row in rows:
        try:
            found.append(Version.from_json(row))
        except (KeyError, TypeError, ValueError):
            continue
    return found


def reopen(session: Session, when: datetime, by: str) -> Version:
    """Make a completed session a draft again, keeping the finished version in its history."""
    record = {k: v for k, v in session.to_dict().items() if k not in _NOT_COPIED}
    version = Version(session.finished_at, when, by, record)
    session.extra[HISTORY_KEY] = [*(v.to_json() for v in versions(session)), version.to_json()]
    session.status = Status.DRAFT
    session.finished_at = None
    return version


def first_finished(session: Session) -> datetime | None:
    """When the record was first finished (kept across reopenings)."""
    for v in versions(session):
        if v.finished_at is not None:
            return v.finished_at
    return session.finished_at


def describe(session: Session) -> list[str]:
    """One line per earlier version, for the record screen and the minutes."""
    lines = []
    for n, v in enumerate(versions(session), start=1):
        finished = f"finished {v.finished_at:%Y-%m-%d %H:%M}" if v.finished_at else "finished"
        who = f" by {v.reopened_by}" if v.reopened_by else ""
        lines.append(f"Version {n}: {finished}; reopened {v.reopened_at:%Y-%m-%d %H:%M}{who}.")
    return lines


@dataclass(frozen=True)
class SignOff:
    agreed_by: str
    at: datetime
    comments: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "by": self.agreed_by,
            "at": self.at.isoformat(timespec="seconds"),
            "comments": self.comments,
        }


def sign_off(session: Session, agreed_by: str, when: datetime, comments: str = "") -> SignOff:
    name = agreed_by.strip()
    if not name:
        from reflect_tui.errors import UserError

        raise UserError("Say who agreed the record (a name), or leave the sign-off out.")
    agreed = SignOff(name, when, comments.strip())
    session.extra[AGREED_KEY] = agreed.to_json()
    return agreed


def signed_off(session: Session) -> SignOff | None:
    raw = session.extra.get(AGREED_KEY)
    if not isinstance(raw, dict) or not raw.get("by"):
        return None
    try:
        return SignOff(
            str(raw["by"]), datetime.fromisoformat(str(raw["at"])), str(raw.get("comments", ""))
        )
    except (KeyError, ValueError):
        return None
