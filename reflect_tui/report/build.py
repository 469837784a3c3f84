"""``build_report``: sessions from one or more stores in, a safe ``Report`` out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from reflect_tui.domain.themes import DEFAULT_THEMES, normalise_theme
from reflect_tui.report import suppression as s
from reflect_tui.report.counting import Tally, tally
from reflect_tui.report.facts import Countable
from reflect_tui.report.model import Report, ThemeRow
from reflect_tui.report.period import Period


def merge_vocabularies(vocabularies: Iterable[Iterable[str]]) -> list[str]:
    """Every theme of every store once, in first-seen order (spelling of its first use)."""
    seen: dict[str, str] = {}
    for vocabulary in vocabularies:
        for theme in vocabulary:
            key = normalise_theme(theme)
            if key:
                seen.setdefault(key, " ".join(theme.split()))
    return list(seen.values())


def build_report(
    stores: Sequence[Iterable[Countable]],
    period: Period,
    *,
    vocabulary: Iterable[str] = DEFAULT_THEMES,
    min_count: int = s.DEFAULT_K,
    generated: date | None = None,
) -> Report:
    """The thematic report for ``period`` over one or more stores' sessions.

    ``stores`` holds each store's sessions separately: people are distinct per
    store. Suppression is applied to the combined figures only.
    """
    themes = merge_vocabularies([vocabulary])
    previous = period.previous()
    now, before = tally(stores, themes, [period, previous])
    return report_from_tallies(
        now,
        before,
        period,
        vocabulary=themes,
        min_count=min_count,
        stores=len(stores),
        generated=generated,
    )


def report_from_tallies(
    now: Tally,
    before: Tally,
    period: Period,
    *,
    vocabulary: Iterable[str],
    min_count: int,
    stores: int,
    generated: date | None = None,
) -> Report:
    """The report from exact tallies (of raw stores, or of contribution files)."""
    k = s.check_k(min_count)
    themes = merge_vocabularies([vocabulary])
    previous = period.previous()
    rows = tuple(_row(theme, now, before, k) for theme in themes)
    people = s.population(len(now.people), k)
    teams = s.population(len(now.teams), k)
    return Report(
        period=period,
        previous=previous,
        min_count=k,
        stores=stores,
        generated=generated or period.until,
        people=people,
        people_before=s.population(len(before.people), k),
        sessions=s.beside(now.sessions, people),
        teams=teams,
        teams_before=s.population(len(before.teams), k),
        team_sessions=s.at_least_k(now.team_sessions, k),
        rows=rows,
    )


def _row(theme: str, now: Tally, before: Tally, k: int) -> ThemeRow:
    key = normalise_theme(theme)
    people = s.people(len(now.theme_people.get(key, ())), len(now.people), k)
    people_before = s.people(len(before.theme_people.get(key, ())), len(before.people), k)
    teams = s.teams(len(now.theme_teams.get(key, ())), len(now.teams), k)
    team_sessions = s.team_sessions(now.theme_team_sessions.get(key, 0), now.team_sessions, k)
    if teams.shown is s.Shown.NEARLY_ALL:
        # An exact number of sessions would cap "all or nearly all" teams to one value.
        team_sessions = s.WITHHELD
    team_sessions_before = s.team_sessions(
        before.theme_team_sessions.get(key, 0), before.team_sessions, k
    )
    return ThemeRow(
        theme=theme,
        people=people,
        sessions=s.beside(now.theme_sessions.get(key, 0), people),
        people_before=people_before,
        people_change=s.change(people, people_before),
        teams=teams,
        team_sessions=team_sessions,
        team_sessions_before=team_sessions_before,
        team_sessions_change=s.change(team_sessions, team_sessions_before),
    )
