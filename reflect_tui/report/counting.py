"""Which sessions count, and the raw tallies behind a report.

Nothing here is shown to a reader: the tallies hold exact counts, and
``suppression`` decides what may be shown. The rules (see docs/report.md):

- only finished sessions dated inside the period count;
- a session whose template has a ``theme-consent`` field counts only when the
  answer records consent (a decompression record without it never counts);
- individual and one-to-one sessions count towards *people*: the person the
  session is for (``subject``); team sessions count towards *teams* instead,
  once per distinct team, because nobody in a group individually raises a theme;
- people and teams are distinct per store: names are never matched across stores;
- themes are the tags on list items, private fields included (tags only, never
  text), and only tags in the vocabulary count;
- a team session counts only when at least ``MIN_TEAM_SIZE`` distinct people
  are recorded as present: a "team" of one or two is one or two people.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reflect_tui.domain import confidential
from reflect_tui.domain.session import Session
from reflect_tui.domain.themes import normalise_theme
from reflect_tui.report.facts import Countable, facts_of
from reflect_tui.report.period import Period

CONSENT_FIELD = confidential.CONSENT_FIELD
CONSENT_REQUIRED_TEMPLATES = confidential.CONSENT_REQUIRED_TEMPLATES

# (store index, normalised name): the same name in two stores is two people.
Key = tuple[int, str]
# Stands in for everyone whose sessions name nobody, so they are merged, never multiplied.
UNNAMED = "\x00unnamed"


def consent_given(session: Session) -> bool:
    """True when the session's themes may feed the report (rule in ``domain.confidential``)."""
    return confidential.consent_given(session)


MIN_TEAM_SIZE = 3


def team_size(session: Countable) -> int:
    return len({normalise_theme(p) for p in session.participants if p.strip()})


def counts(session: Countable, period: Period) -> bool:
    """Whether a session contributes to a report for ``period`` at all."""
    facts = facts_of(session)
    if facts.team_session and team_size(facts) < MIN_TEAM_SIZE:
        return False
    return facts.is_complete and facts.date in period and facts.consent


@dataclass
class Tally:
    """Exact figures for one period. Keys of the theme maps are normalised themes."""

    people: set[Key] = field(default_factory=set)
    sessions: int = 0
    teams: set[Key] = field(default_factory=set)
    team_sessions: int = 0
    theme_people: dict[str, set[Key]] = field(default_factory=dict)
    theme_sessions: dict[str, int] = field(default_factory=dict)
    theme_teams: dict[str, set[Key]] = field(default_factory=dict)
    theme_team_sessions: dict[str, int] = field(default_factory=dict)

    def add(self, store: int, session: Countable, vocabulary: frozenset[str]) -> None:
        facts = facts_of(session)
        themes = {key for key in (normalise_theme(t) for t in facts.themes) if key in vocabulary}
        if facts.team_session:
            team: Key = (store, normalise_theme(facts.team) or UNNAMED)
            self.teams.add(team)
            self.team_sessions += 1
            for theme in themes:
                self.theme_teams.setdefault(theme, set()).add(team)
                self.theme_team_sessions[theme] = self.theme_team_sessions.get(theme, 0) + 1
        else:
            person: Key = (store, normalise_theme(facts.subject) or UNNAMED)
            self.people.add(person)
            self.sessions += 1
            for theme in themes:
                self.theme_people.setdefault(theme, set()).add(person)
                self.theme_sessions[theme] = self.theme_sessions.get(theme, 0) + 1


def tally(
    stores: Sequence[Iterable[Countable]], vocabulary: Iterable[str], periods: Sequence[Period]
) -> list[Tally]:
    """One tally per period, over every store, in one pass over the sessions."""
    known = frozenset(normalise_theme(t) for t in vocabulary)
    tallies = [Tally() for _ in periods]
    for index, sessions in enumerate(stores):
        for session in sessions:
            facts = facts_of(session)
            for period, result in zip(periods, tallies, strict=True):
                if counts(facts, period):
                    result.add(index, facts, known)
    return tallies
