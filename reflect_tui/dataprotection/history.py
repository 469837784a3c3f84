"""A record's history: reopening a completed session keeps what was finished, and when.

Each reopening appends to ``Session.history`` a ``Version`` (``domain.history``):
when it had been finished, when and by whom it was reopened, and the record as
it was finished (header and answers; the template snapshot and follow-through
are not copied, as they are the session's own). The session's first
``finished_at`` is never lost, and the record screen lists the versions. A
supervision record may also carry a sign-off (``Session.agreed``: who agreed,
when, comments; see ``sign_off``).
"""

from __future__ import annotations

from datetime import datetime

from reflect_tui.domain import stored
from reflect_tui.domain.history import SignOff, Version
from reflect_tui.domain.session import Session, Status

__all__ = [
    "SignOff",
    "Version",
    "describe",
    "first_finished",
    "reopen",
    "sign_off",
    "signed_off",
    "versions",
]


def versions(session: Session) -> list[Version]:
    """Earlier finished versions, oldest first."""
    return list(session.history)


def reopen(session: Session, when: datetime, by: str) -> Version:
    """Make a completed session a draft again, keeping the finished version in its history."""
    record = stored.session_to_record(session, snapshot=True)
    version = Version(session.finished_at, when.replace(microsecond=0), by, record)
    session.history.append(version)
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


def sign_off(session: Session, agreed_by: str, when: datetime, comments: str = "") -> SignOff:
    name = agreed_by.strip()
    if not name:
        from reflect_tui.errors import UserError

        raise UserError("Say who agreed the record (a name), or leave the sign-off out.")
    agreed = SignOff(name, when.replace(microsecond=0), comments.strip())
    session.agreed = agreed
    return agreed


def signed_off(session: Session) -> SignOff | None:
    agreed = session.agreed
    return agreed if agreed is not None and agreed.agreed_by else None
