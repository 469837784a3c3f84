"""Contribution files: one store's counts for a period, so nobody needs anyone's raw store.

A facilitator exports a contribution from their own store; the organisation's
coordinator combines the files into one report with the same suppression as a
report over raw stores. A file holds counts only: no text, no names, no dates
finer than the period. It carries the store's id (two files from one store are
refused) and the period (files for different periods are refused).

The counts in one file are exact, for one store: the coordinator sees them.
That is far less than a raw store, but it is not nothing: docs/report.md says
who should be the coordinator.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from reflect_tui.domain.themes import normalise_theme
from reflect_tui.errors import UserError
from reflect_tui.report.counting import Key, Tally
from reflect_tui.report.period import Period

FORMAT = "reflect-report-contribution"
VERSION = 1


def _tally_json(t: Tally, themes: list[str]) -> dict[str, Any]:
    keys = [normalise_theme(x) for x in themes]
    return {
        "people": len(t.people),
        "sessions": t.sessions,
        "teams": len(t.teams),
        "team_sessions": t.team_sessions,
        "themes": {
            key: {
                "people": len(t.theme_people.get(key, ())),
                "sessions": t.theme_sessions.get(key, 0),
                "teams": len(t.theme_teams.get(key, ())),
                "team_sessions": t.theme_team_sessions.get(key, 0),
            }
            for key in keys
        },
    }


def contribution_json(
    store_id: str, period: Period, now: Tally, before: Tally, themes: list[str]
) -> dict[str, Any]:
    previous = period.previous()
    return {
        "format": FORMAT,
        "version": VERSION,
        "store": store_id,
        "period": {"since": period.since.isoformat(), "until": period.until.isoformat()},
        "previous_period": {
            "since": previous.since.isoformat(),
            "until": previous.until.isoformat(),
        },
        "themes": list(themes),
        "now": _tally_json(now, themes),
        "previous": _tally_json(before, themes),
    }


@dataclass(frozen=True)
class Contribution:
    store: str
    period: Period
    themes: list[str]
    now: dict[str, Any]
    previous: dict[str, Any]
    source: str


def _bad(source: str, what: str) -> UserError:
    return UserError(
        f"{source} is not a usable contribution file: {what}. Ask for a new one, made with "
        "`reflect report --export-contribution FILE`."
    )


def _count(value: Any, source: str, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _bad(source, f"{where} is not a count")
    return value


def _check_side(side: Any, source: str, name: str) -> dict[str, Any]:
    if not isinstance(side, dict) or not isinstance(side.get("themes"), dict):
        raise _bad(source, f"the {name} figures are missing")
    totals = {k: _count(side.get(k), source, f"{name}.{k}") for k in ("people", "sessions")}
    totals |= {k: _count(side.get(k), source, f"{name}.{k}") for k in ("teams", "team_sessions")}
    for theme, row in side["themes"].items():
        if not isinstance(row, dict):
            raise _bad(source, f"the figures for {theme!r} are not counts")
        for k in ("people", "sessions", "teams", "team_sessions"):
            if _count(row.get(k), source, f"{name}.{theme}.{k}") > totals[k]:
                raise _bad(source, f"{name}.{theme}.{k} is larger than its total")
    return side


def read_contribution(path: Path) -> Contribution:
    source = str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise UserError(f"cannot read {source}: {err.strerror or err}") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _bad(source, "it is not JSON") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _bad(source, "it is not a reflect contribution")
    if data.get("version") != VERSION:
        raise _bad(source, f"it is version {data.get('version')!r}; this reflect reads {VERSION}")
    try:
        period = Period(
            date.fromisoformat(data["period"]["since"]), date.fromisoformat(data["period"]["until"])
        )
        themes = [str(t) for t in data["themes"]]
        store = str(data["store"])
    except (KeyError, TypeError, ValueError):
        raise _bad(source, "its period, themes or store id is missing") from None
    return Contribution(
        store=store,
        period=period,
        themes=themes,
        now=_check_side(data.get("now"), source, "now"),
        previous=_check_side(data.get("previous"), source, "previous"),
        source=source,
    )


def tally_of(index: int, side: dict[str, Any]) -> Tally:
    """A tally with stand-in keys: only the sizes of its sets are ever used."""
    people: list[Key] = [(index, f"p{n}") for n in range(side["people"])]
    teams: list[Key] = [(index, f"t{n}") for n in range(side["teams"])]
    t = Tally(people=set(people), sessions=side["sessions"], teams=set(teams))
    t.team_sessions = side["team_sessions"]
    for theme, row in side["themes"].items():
        t.theme_people[theme] = set(people[: row["people"]])
        t.theme_sessions[theme] = row["sessions"]
        t.theme_teams[theme] = set(teams[: row["teams"]])
        t.theme_team_sessions[theme] = row["team_sessions"]
    return t


def combine(contributions: list[Contribution]) -> tuple[Period, Tally, Tally, list[str]]:
    """One period's tallies over every file; refuses mixed periods and repeated stores."""
    if not contributions:
        raise UserError("give at least one contribution file with --contribution FILE")
    period = contributions[0].period
    seen: dict[str, str] = {}
    for c in contributions:
        if c.period != period:
            raise UserError(
                f"{c.source} covers {c.period.label()} but {contributions[0].source} covers "
                f"{period.label()}: combine contributions for one period only."
            )
        if c.store in seen:
            raise UserError(
                f"{c.source} and {seen[c.store]} come from the same store: its people would be "
                "counted twice, which can reveal them. Give each store's contribution once."
            )
        seen[c.store] = c.source
    now, before = Tally(), Tally()
    themes: dict[str, str] = {}
    for index, c in enumerate(contributions):
        for t in c.themes:
            themes.setdefault(normalise_theme(t), " ".join(t.split()))
        for total, side in ((now, c.now), (before, c.previous)):
            part = tally_of(index, side)
            total.people |= part.people
            total.sessions += part.sessions
            total.teams |= part.teams
            total.team_sessions += part.team_sessions
            for key, members in part.theme_people.items():
                total.theme_people.setdefault(key, set()).update(members)
                total.theme_sessions[key] = (
                    total.theme_sessions.get(key, 0) + (part.theme_sessions[key])
                )
            for key, members in part.theme_teams.items():
                total.theme_teams.setdefault(key, set()).update(members)
                total.theme_team_sessions[key] = (
                    total.theme_team_sessions.get(key, 0) + (part.theme_team_sessions[key])
                )
    return period, now, before, list(themes.values())
