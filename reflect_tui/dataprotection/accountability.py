"""Recording events in the audit log from the app, where a failure must not stop the work.

``record`` returns the error message instead of raising, so a screen can show it
(the export or deletion itself has happened; the person is told that the log
could not be written).
"""

from __future__ import annotations

from typing import Protocol

from reflect_tui.errors import UserError


class Audited(Protocol):
    def audit(
        self, event: str, record_id: str | None = None, detail: str | None = None
    ) -> None: ...


def record(
    store: Audited, event: str, record_id: str | None = None, detail: str | None = None
) -> str | None:
    """Append to the audit log; None, or what went wrong (to show the person)."""
    try:
        store.audit(event, record_id, detail)
    except UserError as err:
        return f"The audit log could not be written: {err}"
    return None


def record_export(
    store: Audited, session_id: str, confidential: bool, detail: str, event: str = "export"
) -> str | None:
    """An export (or copy), and the confidential confirmation that allowed it."""
    problem = None
    if confidential:
        problem = record(store, "confidential-confirmed", session_id, event)
    return record(store, event, session_id, detail) or problem
