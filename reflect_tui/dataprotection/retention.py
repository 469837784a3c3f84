"""Retention: how long each kind of record is kept, and what is past its period.

The organisation sets the periods in the store setting ``retention``: a mapping
from a template kind (``team``, ``one-to-one``, ``individual``) or a template id
(which wins over its kind) to a number of days; ``null`` or 0 keeps that kind
for good. Where the setting says nothing, ``DEFAULT_DAYS`` applies. They are
examples to start the conversation with a data-protection officer, not advice:

- team sessions (reflections, reviews, group supervision): 6 years;
- one-to-one supervision: 6 years (commonly kept for the length of employment
  and a few years after, as it can be asked for in proceedings);
- individual sessions (decompression, pre-visit analysis, debriefs): 2 years.

A record's age counts from the session's date. ``reflect retention`` lists
what is due and, after confirmation, purges it (the same purge as
``reflect delete --purge``); home shows a quiet notice when anything is due.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from reflect_tui.domain import settings
from reflect_tui.domain.kinds import SessionKind
from reflect_tui.domain.settings import Settings, save
from reflect_tui.errors import UserError
from reflect_tui.store import SessionSummary, Store
from reflect_tui.store.erasure import PurgeReport
from reflect_tui.store.facts import HomeFacts

SETTING = settings.RETENTION
DEFAULT_DAYS: dict[str, int | None] = {
    SessionKind.TEAM.value: 6 * 365,
    SessionKind.ONE_TO_ONE.value: 6 * 365,
    SessionKind.INDIVIDUAL.value: 2 * 365,
}


@dataclass(frozen=True)
class Due:
    summary: SessionSummary
    days: int
    since: date  # the day it became due

    def line(self) -> str:
        s = self.summary
        return (
            f"{s.id}  {s.date}  {s.template_title}: {s.title or 'Untitled'} "
            f"(kept {self.days} days; due since {self.since})"
        )


def periods(store: Store) -> dict[str, int | None]:
    """The periods in force: the defaults, overridden by the organisation's setting."""
    merged = dict(DEFAULT_DAYS)
    merged.update(Settings.load(store).retention)
    return merged


def period_for(summary: SessionSummary, rules: Mapping[str, int | None]) -> int | None:
    if summary.template_id in rules:
        return rules[summary.template_id]
    return rules.get(summary.kind.value)


def due(
    summaries: Iterable[SessionSummary], rules: Mapping[str, int | None], today: date
) -> list[Due]:
    """Records past their period on ``today``, oldest first."""
    found = []
    for s in summaries:
        days = period_for(s, rules)
        if days is None:
            continue
        since = s.date + timedelta(days=days)
        if since <= today:
            found.append(Due(s, days, since))
    return sorted(found, key=lambda d: (d.summary.date, d.summary.id))


def due_in(store: Store, summaries: Iterable[SessionSummary] | None = None) -> list[Due]:
    items = store.list_sessions() if summaries is None else summaries
    return due(items, periods(store), store.clock.now().date())


def due_count(store: Store, facts: HomeFacts) -> int:
    """How many records are past their period, from the store's home facts (home's notice)."""
    return facts.retention_due(periods(store), store.clock.now().date())


def set_period(store: Store, key: str, days: int | None) -> None:
    """Set the organisation's period for a kind or a template id (None: keep for good)."""
    key = key.strip()
    if not key:
        raise UserError("Name a template kind (team, one-to-one, individual) or a template id.")
    if days is not None and days < 1:
        raise UserError(f"A retention period is a number of days, 1 or more (not {days}).")
    current = Settings.load(store)
    save(store, replace(current, retention={**current.retention, key: days}))


def purge_due(store: Store, items: list[Due]) -> PurgeReport:
    from reflect_tui.dataprotection import erase

    return erase.purge(store, [d.summary.id for d in items], event="retention-purge")


def notice(count: int) -> str:
    noun, them = ("record is", "it") if count == 1 else ("records are", "them")
    return (
        f"{count} {noun} past the retention period. Run `reflect retention` to review "
        f"and erase {them}."
    )
