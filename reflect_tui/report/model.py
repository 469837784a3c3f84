"""The report as plain data, ready to draw: what the UI, Markdown and HTML share.

Every figure is a ``Cell`` that has already been through suppression, so a
renderer cannot show more than is safe. No names, no session text, no date
finer than the period is held here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reflect_tui.report.period import Period
from reflect_tui.report.suppression import Cell


@dataclass(frozen=True)
class ThemeRow:
    """One theme: individual sessions (people) and team sessions (teams).

    The change on the people side is in people; on the team side, in team
    sessions (few organisations have enough teams for a count of teams to show).
    """

    theme: str
    people: Cell
    sessions: Cell
    people_before: Cell
    people_change: Cell
    teams: Cell
    team_sessions: Cell
    team_sessions_before: Cell
    team_sessions_change: Cell


@dataclass(frozen=True)
class Report:
    period: Period
    previous: Period
    min_count: int
    stores: int
    generated: date
    people: Cell
    people_before: Cell
    sessions: Cell
    teams: Cell
    teams_before: Cell
    team_sessions: Cell
    rows: tuple[ThemeRow, ...]

    @property
    def themes(self) -> list[str]:
        return [row.theme for row in self.rows]

    def largest_people(self) -> int:
        """The longest people bar, for scaling charts (at least 1)."""
        bars = [r.people.bar for r in self.rows] + [r.people_before.bar for r in self.rows]
        return max([*bars, 1])

    def largest_team_sessions(self) -> int:
        bars = [r.team_sessions.bar for r in self.rows]
        bars += [r.team_sessions_before.bar for r in self.rows]
        return max([*bars, 1])
