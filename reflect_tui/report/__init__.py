"""The anonymised thematic report (no Textual): counting, suppression, Markdown and HTML.

Entry point for the app and the CLI: ``build_report(stores, period, ...) -> Report``.
"""

from reflect_tui.report import vocabulary
from reflect_tui.report.build import build_report, merge_vocabularies
from reflect_tui.report.html import render_html
from reflect_tui.report.markdown import render_markdown, text_bar
from reflect_tui.report.model import Report, ThemeRow
from reflect_tui.report.period import Period, default_period, period_from
from reflect_tui.report.source import report_sessions
from reflect_tui.report.suppression import DEFAULT_K, MINIMUM_K, Cell, Shown

__all__ = [
    "DEFAULT_K",
    "MINIMUM_K",
    "Cell",
    "Period",
    "Report",
    "Shown",
    "ThemeRow",
    "build_report",
    "default_period",
    "merge_vocabularies",
    "period_from",
    "render_html",
    "render_markdown",
    "report_sessions",
    "text_bar",
    "vocabulary",
]
