"""Session -> Markdown minutes, HTML page, visit card; the privacy check before export.

No Textual here: the app and the ``reflect export`` command both call this API.
The confidentiality rules live in ``rules``; docs/minutes.md explains them.
"""

from reflect_tui.minutes.card import NoVisitCard, has_visit_card, render_visit_card
from reflect_tui.minutes.files import (
    ExportExists,
    ExportFailed,
    export_session,
    render,
    save_minutes_on_finish,
)
from reflect_tui.minutes.html import render_html
from reflect_tui.minutes.markdown import render_markdown
from reflect_tui.minutes.naming import default_filename
from reflect_tui.minutes.privacy import Finding, Kind, check_privacy, check_session_privacy
from reflect_tui.minutes.rules import ConfidentialExportRefused

__all__ = [
    "ConfidentialExportRefused",
    "ExportExists",
    "ExportFailed",
    "Finding",
    "Kind",
    "NoVisitCard",
    "check_privacy",
    "check_session_privacy",
    "default_filename",
    "export_session",
    "has_visit_card",
    "render",
    "render_html",
    "render_markdown",
    "render_visit_card",
    "save_minutes_on_finish",
]
