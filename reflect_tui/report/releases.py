"""What has been released, and whether a new report may be released next to it.

Suppression protects one report. Two reports can still be compared: a period
one day longer, or the same period with one more store, and the difference is
one person. So every release is recorded in each store it used (the store's
``report_releases`` setting), and a new one is refused when, against any earlier
release whose periods overlap, the people (or teams) who could make the two
differ number between 1 and k-1.

Who "could make them differ", for an earlier release over stores S_old and a
new one over S_new, window by window (each report also releases its previous
period):

- everyone counted in stores that are in one release and not the other, and
- everyone in the shared stores with a counted session inside one window but
  not the other, and
- everyone in the shared stores who was counted in the earlier window then but
  is not now, or the other way round (sessions added or removed since).

The third needs the earlier release's people: each store records, for its own
people only, a one-way hash (store id + name) per window; the store already
holds the names, so the hashes tell nothing new to whoever holds it.

Other rules kept here: periods are whole calendar periods (a quarter, a half or
a year starting on 1 January, April, July or October), and every store carries
a stable id (``store_id``), generated once, so a copy of a store or the same
store under another path is refused.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from reflect_tui.domain.themes import normalise_theme
from reflect_tui.errors import UserError
from reflect_tui.report.counting import UNNAMED, counts
from reflect_tui.report.facts import Countable, SessionFacts, facts_of
from reflect_tui.report.model import Report
from reflect_tui.report.period import Period
from reflect_tui.report.source import SessionSource, read_facts

STORE_ID_SETTING = "store_id"
RELEASES_SETTING = "report_releases"
ALLOWED_MONTHS = (3, 6, 12)
QUARTER_STARTS = (1, 4, 7, 10)


class Settings(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


# ------------------------------------------------------------------ store id


def store_id(store: Settings) -> str:
    """The store's stable id, generated (and kept) the first time it is asked for."""
    found = store.get_setting(STORE_ID_SETTING)
    if isinstance(found, str) and found:
        return found
    new = secrets.token_hex(8)
    store.set_setting(STORE_ID_SETTING, new)
    return new


def refuse_duplicates(ids: Sequence[str], names: Sequence[str]) -> None:
    """Two inputs with one store id are one store (a copy, a link, or given twice)."""
    seen: dict[str, str] = {}
    for sid, name in zip(ids, names, strict=True):
        if sid in seen:
            raise UserError(
                f"{name} and {seen[sid]} are the same store (a copy of it, or the same folder "
                "under another path): its people would be counted twice, which can reveal "
                "them. Give each store once."
            )
        seen[sid] = name


def refuse_shared_sessions(session_ids: Sequence[set[str]], names: Sequence[str]) -> None:
    """Stores that hold the same sessions are copies (made before either had an id)."""
    for i, first in enumerate(session_ids):
        for j in range(i + 1, len(session_ids)):
            if first & session_ids[j]:
                raise UserError(
                    f"{names[i]} and {names[j]} hold the same sessions, so one is a copy of the "
                    "other (or both come from one backup): their people would be counted twice, "
                    "which can reveal them. Give each store once."
                )


# ------------------------------------------------------------------ periods


def check_period(period: Period) -> None:
    """Refuse a period that is not a whole calendar quarter, half or year."""
    months = period.months
    if months in ALLOWED_MONTHS and period.since.month in QUARTER_STARTS:
        return
    raise UserError(
        f"the report period {period.label()} is not a whole calendar period. Reports cover a "
        "whole quarter, half-year or year, starting on 1 January, 1 April, 1 July or "
        "1 October (for example --since 2026-04-01 --until 2027-03-31), so that two reports "
        "never differ by a few days, which could single someone out."
    )


# ------------------------------------------------------------------ who is counted

Who = tuple[str, str]  # ("p" or "t", hash)


def _hash(sid: str, side: str, key: str) -> str:
    return hashlib.sha256(f"{sid}\x00{side}\x00{key}".encode()).hexdigest()[:20]


def who(sid: str, session: Countable) -> Who:
    facts = facts_of(session)
    if facts.team_session:
        return ("t", _hash(sid, "t", normalise_theme(facts.team) or UNNAMED))
    return ("p", _hash(sid, "p", normalise_theme(facts.subject) or UNNAMED))


def counted(sid: str, sessions: Iterable[Countable], inside: Callable[[date], bool]) -> set[Who]:
    """Everyone counted from one store on the days ``inside`` accepts."""
    return {who(sid, s) for s in sessions if inside(s.date) and counts(s, Period(s.date, s.date))}


# ------------------------------------------------------------------ the log


@dataclass(frozen=True)
class Release:
    since: date
    until: date
    previous_since: date
    previous_until: date
    k: int
    stores: tuple[str, ...]
    at: str
    figures: dict[str, Any]
    # this store's own people and teams per window ("now", "previous")
    counted: dict[str, list[list[str]]]

    @property
    def windows(self) -> dict[str, Period]:
        return {
            "now": Period(self.since, self.until),
            "previous": Period(self.previous_since, self.previous_until),
        }

    def to_json(self) -> dict[str, Any]:
        return {
            "since": self.since.isoformat(),
            "until": self.until.isoformat(),
            "previous_since": self.previous_since.isoformat(),
            "previous_until": self.previous_until.isoformat(),
            "k": self.k,
            "stores": list(self.stores),
            "at": self.at,
            "figures": self.figures,
            "counted": self.counted,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Release:
        return cls(
            since=date.fromisoformat(data["since"]),
            until=date.fromisoformat(data["until"]),
            previous_since=date.fromisoformat(data["previous_since"]),
            previous_until=date.fromisoformat(data["previous_until"]),
            k=int(data["k"]),
            stores=tuple(str(s) for s in data["stores"]),
            at=str(data.get("at", "")),
            figures=dict(data.get("figures", {})),
            counted={
                str(w): [list(map(str, pair)) for pair in rows]
                for w, rows in dict(data.get("counted", {})).items()
            },
        )


def releases(store: Settings) -> list[Release]:
    rows = store.get_setting(RELEASES_SETTING, []) or []
    found: list[Release] = []
    for row in rows:
        try:
            found.append(Release.from_json(row))
        except (KeyError, TypeError, ValueError):
            continue  # a damaged entry: the others still protect
    return found


def figures_of(report: Report) -> dict[str, Any]:
    """The figures a report released, as their readers saw them (already suppressed)."""
    return {
        "people": report.people.text,
        "people_before": report.people_before.text,
        "sessions": report.sessions.text,
        "teams": report.teams.text,
        "team_sessions": report.team_sessions.text,
        "themes": {
            r.theme: [
                r.people.text,
                r.sessions.text,
                r.people_before.text,
                r.teams.text,
                r.team_sessions.text,
                r.team_sessions_before.text,
            ]
            for r in report.rows
        },
    }


@dataclass(frozen=True)
class StoreInput:
    """One store as a report sees it: its id, a name for messages and its finished sessions."""

    id: str
    name: str
    sessions: Sequence[Countable]
    releases: Sequence[Release] = ()


def _within(p: Period) -> Callable[[date], bool]:
    return lambda day: day in p


def _either(a: Period, b: Period) -> Callable[[date], bool]:
    return lambda day: day in a or day in b


def _one_of(a: Period, b: Period) -> Callable[[date], bool]:
    return lambda day: (day in a) != (day in b)


def _overlap(a: Period, b: Period) -> bool:
    return a.since <= b.until and b.since <= a.until


def check_release(inputs: Sequence[StoreInput], period: Period, k: int) -> None:
    """Refuse a report that, beside an earlier one, could single out fewer than k people."""
    new_ids = {i.id for i in inputs}
    by_id = {i.id: i for i in inputs}
    new_windows = {"now": period, "previous": period.previous()}
    earlier: dict[tuple[Any, ...], list[tuple[str, Release]]] = {}
    for source in inputs:
        for r in source.releases:
            key = (r.since, r.until, r.stores)
            earlier.setdefault(key, []).append((source.id, r))
    for group in earlier.values():
        first = group[0][1]
        old_ids = set(first.stores)
        old_windows = first.windows
        pairs = [
            (wn, wo, name)
            for wn in new_windows.values()
            for name, wo in old_windows.items()
            if _overlap(wn, wo)
        ]
        if not pairs:
            continue
        missing = old_ids - new_ids
        when = f"{first.since.isoformat()} to {first.until.isoformat()}"
        if missing:
            raise UserError(
                f"an earlier report ({when}, released {first.at}) combined these stores with "
                f"{len(missing)} store(s) not given now. A report over an overlapping period "
                "without them could be subtracted from it to show their figures. Give the same "
                "stores again, or choose a period that does not overlap."
            )
        recorded = {sid: r.counted for sid, r in group}
        for wn, wo, name in pairs:
            changed: set[Who] = set()
            for sid in new_ids:
                sessions = by_id[sid].sessions
                if sid not in old_ids:
                    changed |= counted(sid, sessions, _either(wn, wo))
                    continue
                changed |= counted(sid, sessions, _one_of(wn, wo))
                then = {(str(p[0]), str(p[1])) for p in recorded.get(sid, {}).get(name, [])}
                changed |= then ^ counted(sid, sessions, _within(wo))
            for side, label in (("p", "people"), ("t", "teams")):
                n = sum(1 for w in changed if w[0] == side)
                if 0 < n < k:
                    raise UserError(
                        f"this report would be refused: an earlier report ({when}, released "
                        f"{first.at}) overlaps it, and only {n} {label} (fewer than {k}) "
                        "could account for every difference between the two, so comparing "
                        "them could single someone out. Report the same period again without "
                        "changes, or a period that does not overlap (the next quarter, half "
                        "or year)."
                    )


def record_release(
    store: Settings,
    source: StoreInput,
    ids: Sequence[str],
    report: Report,
    at: str,
    *,
    kind: str = "report",
) -> None:
    """Add this release to the store's log, with only this store's own counted people.

    ``kind`` is "report" or "contribution" (a contribution releases exact counts to the
    coordinator; ``figures`` then still holds what a report of them would show).
    """
    windows = {"now": report.period, "previous": report.previous}
    entry = Release(
        since=report.period.since,
        until=report.period.until,
        previous_since=report.previous.since,
        previous_until=report.previous.until,
        k=report.min_count,
        stores=tuple(sorted(ids)),
        at=at,
        figures={"kind": kind, **figures_of(report)},
        counted={
            name: sorted([list(w) for w in counted(source.id, source.sessions, _within(window))])
            for name, window in windows.items()
        },
    )
    log = [r.to_json() for r in releases(store)]
    log.append(entry.to_json())
    store.set_setting(RELEASES_SETTING, log)


class ReleaseStore(Settings, SessionSource, Protocol):
    pass


def finished_sessions(store: ReleaseStore, windows: Sequence[Period]) -> list[SessionFacts]:
    """The facts of finished sessions dated in any of ``windows`` (no others are read).

    One checked record at a time is read and only its facts are kept (no text), so
    the report's memory holds a few small records per session, never every session
    (``source.read_facts``).
    """
    return read_facts(store, windows)


def store_input(store: ReleaseStore, name: str, period: Period) -> StoreInput:
    """One store ready for ``check_release``: its id, log and the sessions both need."""
    log = releases(store)
    windows = [period, period.previous()] + [w for r in log for w in r.windows.values()]
    return StoreInput(store_id(store), name, finished_sessions(store, windows), log)


def check_store_release(store: ReleaseStore, name: str, period: Period, k: int) -> StoreInput:
    """Everything a one-store release must pass (the report screen's export)."""
    check_period(period)
    source = store_input(store, name, period)
    check_release([source], period, k)
    return source
