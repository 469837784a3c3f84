"""Who is due a session: home's lines, ``reflect due`` and the calendar's due dates.

One reading of the roster, the cadence and the finished sessions' summaries
(never whole sessions), so home can draw it without decoding the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reflect_tui.followup.cadence import Cadence
    from reflect_tui.followup.due import DueEntry
    from reflect_tui.store import Store
    from reflect_tui.store.facts import HomeFacts


@dataclass(frozen=True)
class DueList:
    """Everyone on the roster with their next decompression session and supervision."""

    today: date
    cadence: Cadence
    people: int  # how many people are on the roster
    entries: list[DueEntry]

    def needing_attention(self) -> list[DueEntry]:
        """Overdue, never had one, or due soon; most pressing first."""
        from reflect_tui.followup.due import needing_attention

        return needing_attention(self.entries)


def due_list(store: Store, today: date) -> DueList:
    """Who is due what, on ``today``, by this store's cadence."""
    from reflect_tui.followup.cadence import load_cadence
    from reflect_tui.followup.due import who_is_due

    people = store.people()
    cadence = load_cadence(store)
    entries = who_is_due(people, store.list_sessions(), cadence, today)
    return DueList(today, cadence, len(people), entries)


def due_list_from_facts(store: Store, today: date, facts: HomeFacts) -> DueList:
    """The same as ``due_list``, from the store's home facts (no summary is read)."""
    from reflect_tui.followup.cadence import load_cadence
    from reflect_tui.followup.due import SessionType, who_is_due_from

    people = store.people()
    cadence = load_cadence(store)
    last = {
        (person, SessionType(kind)): (found.date, found.confidential)
        for (person, kind), found in facts.last_sessions.items()
    }
    entries = who_is_due_from(people, last, cadence, today)
    return DueList(today, cadence, len(people), entries)


def due_soon(store: Store, today: date) -> list[DueEntry]:
    """Only the entries that need attention (home's lines)."""
    return due_list(store, today).needing_attention()
