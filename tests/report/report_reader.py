"""A suspicious reader of a rendered report, for the disclosure tests.

It reads only the Markdown a person would receive, turns every figure into
the set of values it could have, adds every relation the reader knows holds
between figures, and finds by brute force which values a hidden figure can
take consistently with everything shown. Relations a reader knows:

- a theme's people (teams) are between 0 and the people (teams) counted;
- a theme's sessions are at least its people (teams), zero exactly when they
  are, and at most the sessions counted;
- a change is the count now minus the count before;
- "fewer than k" is 0..k-1; "all or nearly all" is the top k values of the
  population; "not shown" is anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import yaml


@dataclass
class Figure:
    name: str
    text: str


@dataclass
class Side:
    """One half of the report: individual sessions (people) or team sessions (teams)."""

    population: Figure
    population_before: Figure
    sessions: Figure
    rows: dict[str, tuple[Figure, Figure, Figure, Figure]] = field(default_factory=dict)


@dataclass
class Shown:
    k: int
    people: Side
    teams: Side


_WHO = re.compile(
    r"^- (People|Teams) whose .* counted: (.+) \(previous period: (.+)\); "
    r"(?:team )?sessions: (.+)\.$"
)


# people: people now, sessions now, people before, change in people;
# teams: teams now, team sessions now, team sessions before, change in team sessions.
_COLUMNS = {"people": ("C", "S", "C'", "change"), "teams": ("T", "TS", "TS'", "change")}


def read(markdown: str) -> Shown:
    _, front, body = markdown.split("---\n", 2)
    k = int(yaml.safe_load(front)["min_count"])
    sides: dict[str, Side] = {}
    current = ""
    for line in body.splitlines():
        match = _WHO.match(line)
        if match:
            who, now, before, sessions = match.groups()
            side = "people" if who == "People" else "teams"
            sides[side] = Side(
                Figure(f"{side}.P", now),
                Figure(f"{side}.P'", before),
                Figure(f"{side}.N", sessions),
            )
        elif line.startswith("## Themes raised"):
            current = "people"
        elif line.startswith("## Themes discussed"):
            current = "teams"
        elif line.startswith("## "):
            current = ""
        elif current and line.startswith("| ") and not line.startswith("| Theme"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            theme = cells[0]
            sides[current].rows[theme] = tuple(  # type: ignore[assignment]
                Figure(f"{current}.{theme}.{name}", text)
                for name, text in zip(_COLUMNS[current], cells[1:5], strict=True)
            )
    return Shown(k, sides["people"], sides["teams"])


def _domain(figure: Figure, k: int, bound: int) -> list[int]:
    if figure.text.startswith("fewer than "):
        return list(range(k))
    if figure.text.lstrip("+-").isdigit():
        return [int(figure.text)]
    return list(range(bound + 1))


def _is_exact(figure: Figure) -> bool:
    return figure.text.lstrip("+-").isdigit()


def _fits(figure: Figure, value: int, population: int, k: int) -> bool:
    """Whether ``value`` agrees with how ``figure`` is shown, given the population."""
    if figure.text == "all or nearly all":
        return population - k + 1 <= value <= population
    return value in _domain(figure, k, max(value, 0))


def _noter(found: dict[str, set[int]]) -> Callable[[Figure, int], None]:
    """Records that a hidden figure can take a value (shown figures are not recorded)."""

    def note(figure: Figure, value: int) -> None:
        if not _is_exact(figure):
            found.setdefault(figure.name, set()).add(value)

    return note


def feasible_values(shown: Shown, side_name: str, bound: int) -> dict[str, set[int]]:
    """Hidden figure name -> every value it could take, for one side of the report."""
    if side_name == "teams":
        return _team_values(shown, bound)
    return _people_values(shown, bound)


def _team_values(shown: Shown, bound: int) -> dict[str, set[int]]:
    """Teams side: T <= Q, T <= TS (both zero together), TS <= M, Q <= M, change in TS."""
    side, k = shown.teams, shown.k
    Q, Qb, M = side.population, side.population_before, side.sessions
    found: dict[str, set[int]] = {}
    note = _noter(found)

    for T, TS, TSb, change in side.rows.values():
        for m in _domain(M, k, bound):
            for q in _domain(Q, k, bound):
                if q > m or (q == 0) != (m == 0):
                    continue
                for t in range(q + 1):
                    if not _fits(T, t, q, k):
                        continue
                    for ts in range(m + 1):
                        if not _fits(TS, ts, m, k):
                            continue
                        if not (t <= ts <= m and (ts == 0) == (t == 0)):
                            continue
                        for tsb in range(bound + 1):
                            if not _fits(TSb, tsb, bound, k) and TSb.text != "all or nearly all":
                                continue
                            if _is_exact(change) and ts - tsb != int(change.text):
                                continue
                            for figure, value in ((M, m), (Q, q), (T, t), (TS, ts), (TSb, tsb)):
                                note(figure, value)
        for qb in _domain(Qb, k, bound):
            note(Qb, qb)
    return found


def _people_values(shown: Shown, bound: int) -> dict[str, set[int]]:
    """For every hidden figure of one side, the values consistent with everything shown.

    Brute force, theme by theme: themes share only the population figures,
    which are enumerated jointly with each theme's own figures. ``bound`` caps
    figures a reader cannot bound at all (it only has to exceed the true values).
    """
    side, k = shown.people, shown.k
    P, Pb, N = side.population, side.population_before, side.sessions
    n_max = int(N.text) if _is_exact(N) else bound
    found: dict[str, set[int]] = {}
    note = _noter(found)

    for C, S, Cb, change in side.rows.values():
        for p in _domain(P, k, bound):
            if p > n_max:
                continue
            for pb in _domain(Pb, k, bound):
                for c in range(p + 1):
                    if not _fits(C, c, p, k):
                        continue
                    sessions = [
                        s for s in _domain(S, k, n_max) if c <= s <= n_max and (s == 0) == (c == 0)
                    ]
                    if not sessions:
                        continue
                    for cb in range(pb + 1):
                        if not _fits(Cb, cb, pb, k):
                            continue
                        if _is_exact(change) and c - cb != int(change.text):
                            continue
                        for figure, value in ((P, p), (Pb, pb), (C, c), (Cb, cb)):
                            note(figure, value)
                        for s in sessions:
                            note(S, s)
    return found
