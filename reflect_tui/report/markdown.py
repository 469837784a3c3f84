"""The report as Markdown: YAML front matter, then tables with text bars.

Follows the minutes' conventions (front matter a YAML parser reads, one ``#``
heading, ``##`` sections). Theme names are the only words that come from a
store, and they are escaped so they can never break a table.
"""

from __future__ import annotations

import json
import re
from datetime import date

from reflect_tui.report.model import Report
from reflect_tui.report.suppression import Cell

BAR_WIDTH = 20
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Markdown-inert, single-line text for a table cell or a heading."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def text_bar(cell: Cell, largest: int, width: int = BAR_WIDTH) -> str:
    """A bar of block characters for an exact value; empty for a hidden one."""
    if not cell.is_exact or cell.bar <= 0:
        return ""
    return "█" * max(1, round(width * cell.bar / max(largest, 1)))


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def period_words(report: Report) -> str:
    return f"{long_date(report.period.since)} to {long_date(report.period.until)}"


def title(report: Report) -> str:
    return f"Thematic report, {period_words(report)}"


def front_matter(report: Report) -> str:
    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = [
        "---",
        f"title: {q(title(report))}",
        'type: "thematic-report"',
        "period:",
        f"  since: {report.period.since.isoformat()}",
        f"  until: {report.period.until.isoformat()}",
        "previous_period:",
        f"  since: {report.previous.since.isoformat()}",
        f"  until: {report.previous.until.isoformat()}",
        f"min_count: {report.min_count}",
        f"stores: {report.stores}",
        f"generated: {report.generated.isoformat()}",
        "themes:" if report.themes else "themes: []",
        *(f"  - {q(t)}" for t in report.themes),
        "---",
    ]
    return "\n".join(lines)


Columns = tuple[str, str, str, str]
PEOPLE_COLUMNS: Columns = ("People", "Sessions", "People, previous period", "Change")
TEAM_COLUMNS: Columns = ("Teams", "Team sessions", "Team sessions, previous period", "Change")


Row = tuple[str, tuple[Cell, Cell, Cell, Cell], Cell, Cell]


def table_rows(report: Report, teams: bool) -> list[Row]:
    """Per theme: its four figures, and the two cells its chart compares (now, before)."""
    out: list[Row] = []
    for r in report.rows:
        if teams:
            cells = (r.teams, r.team_sessions, r.team_sessions_before, r.team_sessions_change)
            out.append((r.theme, cells, r.team_sessions, r.team_sessions_before))
        else:
            cells = (r.people, r.sessions, r.people_before, r.people_change)
            out.append((r.theme, cells, r.people, r.people_before))
    return out


def _table(report: Report, teams: bool) -> list[str]:
    columns = TEAM_COLUMNS if teams else PEOPLE_COLUMNS
    largest = report.largest_team_sessions() if teams else report.largest_people()
    out = [
        f"| Theme | {' | '.join(columns)} | Chart |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for theme, cells, now, _ in table_rows(report, teams):
        figures = " | ".join(c.text for c in cells)
        out.append(f"| {escape(theme)} | {figures} | {text_bar(now, largest)} |")
    return out


def who_lines(report: Report) -> list[str]:
    """The populations, as sentences shared by the Markdown and the HTML."""
    return [
        f"People whose individual or one-to-one sessions are counted: {report.people.text} "
        f"(previous period: {report.people_before.text}); sessions: {report.sessions.text}.",
        f"Teams whose team sessions are counted: {report.teams.text} "
        f"(previous period: {report.teams_before.text}); team sessions: "
        f"{report.team_sessions.text}.",
        "Decompression sessions count only where the person agreed to their themes being "
        "reported anonymously. Unfinished sessions do not count.",
    ]


def render_markdown(report: Report) -> str:
    k = report.min_count
    stores = "one store" if report.stores == 1 else f"{report.stores} stores combined"
    lines = [
        front_matter(report),
        "",
        f"# {escape(title(report))}",
        "",
        f"Organisational themes raised in reflective practice, supervision and decompression "
        f"sessions from {period_words(report)} ({stores}), compared with the period of the "
        f"same length before ({long_date(report.previous.since)} to "
        f"{long_date(report.previous.until)}).",
        "",
        f"Nobody is named and nothing anyone said is quoted. Any count below {k} is shown as "
        f'"fewer than {k}"; a count is also hidden when it would show that all or nearly all '
        "of the people counted raised a theme, and sessions and changes are shown only beside "
        "counts that are shown themselves.",
        "",
        "## Who is counted",
        "",
        *(f"- {line}" for line in who_lines(report)),
        "",
        "## Themes raised in individual and one-to-one sessions",
        "",
        "Each person is counted once per theme, however many sessions they raised it in.",
        "",
        *_table(report, teams=False),
        "",
        "## Themes discussed in team sessions",
        "",
        "A team session's themes belong to the group, not to anyone in it, so they are counted "
        "once per team; the chart and the change are in team sessions.",
        "",
        *_table(report, teams=True),
        "",
        "## How to read this report",
        "",
        f'- "fewer than {k}": between none and {k - 1}; the exact number is hidden.',
        '- "all or nearly all": hidden because it would show who raised the theme.',
        '- "not shown": hidden because it would let a hidden number be worked out, or because '
        "too few people were counted for any number to be safe.",
        "- People who keep sessions in different stores are counted once in each store.",
        "",
    ]
    return "\n".join(lines)
