"""Reading only the sessions a report can use from a store, as their facts.

A store's summaries carry the date and status without decoding answers, so
drafts and sessions outside the periods compared are never read: a store with
years of history costs what its last two do. The others are streamed
(``Store.stream_entries``: one checked index shard at a time, not kept) and each
is reduced to its ``SessionFacts`` at once from its index entry alone (the
summary and the "report" part written at save time), so a report reads no
session file and holds a few small records per session. An entry an older
version wrote has no report part: that session's checked record is read
instead (``Store.entry_record``), with the same result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from reflect_tui.domain.decoding import DecodeError
from reflect_tui.domain.session import Session, Status
from reflect_tui.report.facts import SessionFacts
from reflect_tui.report.period import Period
from reflect_tui.store import SessionSummary
from reflect_tui.store.layout import Doc


class SessionSource(Protocol):
    def get_session(self, session_id_or_prefix: str) -> Session: ...

    def stream_entries(
        self, wanted: Callable[[SessionSummary], bool]
    ) -> Iterator[tuple[SessionSummary, Doc]]: ...

    def entry_record(self, entry: Doc) -> Doc | None: ...


def read_facts(store: SessionSource, windows: Sequence[Period]) -> list[SessionFacts]:
    """The facts of the finished sessions dated in any of ``windows`` (no others are read)."""

    def wanted(summary: SessionSummary) -> bool:
        return summary.status is Status.COMPLETE and any(summary.date in w for w in windows)

    found: list[SessionFacts] = []
    for summary, entry in store.stream_entries(wanted):
        facts = SessionFacts.from_entry(summary, entry)
        if facts is None:
            # An entry an older version wrote (no report part): read the session's record.
            record = store.entry_record(entry)
            if record is None:
                continue  # removed meanwhile
            try:
                facts = SessionFacts.from_record(record)
            except DecodeError:
                # Not what the store checked: read it whole, which says what is wrong.
                facts = SessionFacts.of(store.get_session(str(record.get("id"))))
        found.append(facts)
    return found


def report_sessions(store: SessionSource, period: Period) -> list[SessionFacts]:
    """The facts of finished sessions dated in ``period`` or the period before it."""
    return read_facts(store, [Period(period.previous().since, period.until)])
