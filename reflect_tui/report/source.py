"""Reading only the sessions a report can use from a store.

A store's summaries (``list_sessions``) carry the date and status without
decoding answers, so drafts and sessions outside the two periods compared are
never decoded: a store with years of history costs what its last two do.
"""

from __future__ import annotations

from typing import Protocol

from reflect_tui.domain.session import Session, Status
from reflect_tui.report.period import Period
from reflect_tui.store import SessionSummary


class SessionSource(Protocol):
    def list_sessions(self) -> list[SessionSummary]: ...

    def get_session(self, session_id_or_prefix: str) -> Session: ...


def report_sessions(store: SessionSource, period: Period) -> list[Session]:
    """Finished sessions dated in ``period`` or the period before it, decoded."""
    window = Period(period.previous().since, period.until)
    return [
        store.get_session(summary.id)
        for summary in store.list_sessions()
        if summary.status is Status.COMPLETE and summary.date in window
    ]
