"""Reading only the sessions a report can use from a store, as their facts.

A store's summaries carry the date and status without decoding answers, so
drafts and sessions outside the periods compared are never read: a store with
years of history costs what its last two do. The others are streamed
(``Store.stream_records``: one index shard and one checked record at a time,
neither kept) and each is reduced to its ``SessionFacts`` at once, so a report
holds a few small records per session, never the sessions themselves.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Protocol

from reflect_tui.domain.decoding import DecodeError
from reflect_tui.domain.session import Session, Status
from reflect_tui.report.facts import SessionFacts
from reflect_tui.report.period import Period
from reflect_tui.store import SessionSummary


class SessionSource(Protocol):
    def get_session(self, session_id_or_prefix: str) -> Session: ...

    def stream_records(
        self, wanted: Callable[[SessionSummary], bool]
    ) -> Iterator[Mapping[str, object]]: ...


def read_facts(store: SessionSource, windows: Sequence[Period]) -> list[SessionFacts]:
    """The facts of the finished sessions dated in any of ``windows`` (no others are read)."""

    def wanted(summary: SessionSummary) -> bool:
        return summary.status is Status.COMPLETE and any(summary.date in w for w in windows)

    found: list[SessionFacts] = []
    for record in store.stream_records(wanted):
        try:
            found.append(SessionFacts.from_record(record))
        except DecodeError:
            # Not what the store checked: read it whole, which says what is wrong.
            found.append(SessionFacts.of(store.get_session(str(record.get("id")))))
    return found


def report_sessions(store: SessionSource, period: Period) -> list[SessionFacts]:
    """The facts of finished sessions dated in ``period`` or the period before it."""
    return read_facts(store, [Period(period.previous().since, period.until)])
