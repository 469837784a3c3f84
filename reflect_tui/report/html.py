"""The report as one self-contained HTML page with CSS bar charts.

Built directly from the ``Report`` (not from the Markdown) so the charts can be
drawn; every word from a store is escaped, nothing is loaded from elsewhere,
and a Content-Security-Policy forbids scripts and remote resources.
"""

from __future__ import annotations

from html import escape

from reflect_tui.report.markdown import (
    PEOPLE_COLUMNS,
    TEAM_COLUMNS,
    long_date,
    period_words,
    table_rows,
    title,
    who_lines,
)
from reflect_tui.report.model import Report
from reflect_tui.report.suppression import Cell

_CSS = """
body { font: 15px/1.45 system-ui, sans-serif; color: #1d1d1f; max-width: 60rem;
  margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem;
  border-bottom: 1px solid #ccc; page-break-before: auto; }
p.note { color: #444; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { padding: 0.3rem 0.5rem; border-bottom: 1px solid #e3e3e3; text-align: right; }
th:first-child, td:first-child, th:last-child, td.chart { text-align: left; }
td.chart { width: 40%; }
td:not(:first-child), th:not(:first-child) { white-space: nowrap; }
.bar { height: 0.8rem; margin: 2px 0; border-radius: 2px; }
.now { background: #2f6db5; }
.before { background: #a9c4e6; }
.hidden { height: 0.8rem; margin: 2px 0; border: 1px dashed #999; width: 6rem;
  font-size: 0.7rem; line-height: 0.8rem; color: #666; text-align: center; }
.key span { display: inline-block; width: 1rem; height: 0.7rem; margin: 0 0.3rem 0 1rem; }
@page { size: A4; margin: 18mm; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; }
  tr { page-break-inside: avoid; } }
"""


def _bar(cell: Cell, largest: int, kind: str) -> str:
    if cell.is_exact and cell.bar > 0:
        width = max(1.0, 100.0 * cell.bar / max(largest, 1))
        return (
            f'<div class="bar {kind}" style="width: {width:.1f}%" '
            f'title="{escape(cell.text)}"></div>'
        )
    if cell.is_exact:
        return f'<div class="bar {kind}" style="width: 0"></div>'
    return f'<div class="hidden">{escape(cell.text)}</div>'


def _section(report: Report, heading: str, teams: bool) -> list[str]:
    columns = TEAM_COLUMNS if teams else PEOPLE_COLUMNS
    largest = report.largest_team_sessions() if teams else report.largest_people()
    head = "".join(f"<th>{escape(c)}</th>" for c in columns)
    out = [
        f"<h2>{escape(heading)}</h2>",
        "<table>",
        f"<thead><tr><th>Theme</th>{head}<th>Chart</th></tr></thead>",
        "<tbody>",
    ]
    for theme, cells, now, before in table_rows(report, teams):
        figures = "".join(f"<td>{escape(c.text)}</td>" for c in cells)
        out.append(
            f'<tr><td>{escape(theme)}</td>{figures}<td class="chart">'
            f"{_bar(now, largest, 'now')}{_bar(before, largest, 'before')}</td></tr>"
        )
    out += ["</tbody>", "</table>"]
    return out


def render_html(report: Report) -> str:
    k = report.min_count
    stores = "one store" if report.stores == 1 else f"{report.stores} stores combined"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title(report))}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title(report))}</h1>",
        f"<p>Organisational themes raised in reflective practice, supervision and decompression "
        f"sessions from {escape(period_words(report))} ({stores}), compared with the period of "
        f"the same length before ({escape(long_date(report.previous.since))} to "
        f"{escape(long_date(report.previous.until))}).</p>",
        f'<p class="note">Nobody is named and nothing anyone said is quoted. Any count below {k} '
        f"is shown as &ldquo;fewer than {k}&rdquo;; a count is also hidden when it would show "
        "that all or nearly all of the people counted raised a theme, and sessions and changes "
        "are shown only beside counts that are shown themselves.</p>",
        "<h2>Who is counted</h2>",
        "<ul>",
        *(f"<li>{escape(line)}</li>" for line in who_lines(report)),
        "</ul>",
        '<p class="key">Chart:<span class="now"></span>this period'
        '<span class="before"></span>previous period</p>',
        *_section(report, "Themes raised in individual and one-to-one sessions", teams=False),
        '<p class="note">Each person is counted once per theme, however many sessions they '
        "raised it in.</p>",
        *_section(report, "Themes discussed in team sessions", teams=True),
        '<p class="note">A team session&rsquo;s themes belong to the group, not to anyone in '
        "it, so they are counted once per team; the chart and the change are in team sessions.</p>",
        "<h2>How to read this report</h2>",
        "<ul>",
        f"<li>&ldquo;fewer than {k}&rdquo;: between none and {k - 1}; the exact number is "
        "hidden.</li>",
        "<li>&ldquo;all or nearly all&rdquo;: hidden because it would show who raised the "
        "theme.</li>",
        "<li>&ldquo;not shown&rdquo;: hidden because it would let a hidden number be worked out, "
        "or because too few people were counted for any number to be safe.</li>",
        "<li>People who keep sessions in different stores are counted once in each store.</li>",
        "</ul>",
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(parts)
