"""Say so when a draft came back from the autosave journal after a crash.

Without a word a person cannot tell whether what they see is what they typed; with
"Recovered your draft of … from 14:02" they know where they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reflect_tui.errors import UserError

if TYPE_CHECKING:
    from reflect_tui.ui.app import ReflectApp


def recovery_notices(app: ReflectApp) -> list[str]:
    """One line per draft the store recovered when it opened."""
    lines: list[str] = []
    for session_id in app.store.recovered:
        try:
            session = app.store.get_session(session_id)
        except UserError:
            continue
        when = session.updated_at or session.started_at
        at = f" from {when:%H:%M}" if when else ""
        lines.append(
            f"Recovered your draft of “{session.title}”{at}: the app closed without "
            "saving normally, and nothing typed up to then was lost."
        )
    return lines


def notify_recovered(app: ReflectApp) -> None:
    for line in recovery_notices(app):
        app.notify(line, title="Recovered", timeout=15)
