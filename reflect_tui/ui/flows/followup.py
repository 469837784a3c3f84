"""Follow-through steps more than one screen runs: "who is due", debriefs, line managers.

Home shows ``due_text``; the new-session form runs ``check_line_manager``; the
record screen offers ``debrief_commands``. Opening a screen goes through the app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import SystemCommand

from reflect_tui.errors import UserError
from reflect_tui.followup.due import DueState, about_confidential
from reflect_tui.ui.theme_style import themed

if TYPE_CHECKING:
    from reflect_tui.domain.session import Session
    from reflect_tui.store.facts import HomeFacts
    from reflect_tui.ui.app import ReflectApp

DUE_LINES = 4


def due_text(app: ReflectApp, limit: int = DUE_LINES, facts: HomeFacts | None = None) -> Text:
    """Who is due or overdue a session, most pressing first (home screen).

    With the store's home ``facts``, no summary is read (home always passes them).
    """
    from reflect_tui.services.due import due_list, due_list_from_facts

    room = bool(app.room_safe())  # no dates of confidential sessions on a shared screen
    today = app.clock.now().date()
    try:
        if facts is not None:
            listing = due_list_from_facts(app.store, today, facts)
        else:
            listing = due_list(app.store, today)
    except UserError as err:
        return Text(str(err), style=themed("$error"))
    entries = listing.needing_attention()
    if not listing.people:
        return Text("Add people (p) to see who is due a session.", style="dim")
    hidden = 0
    if room:  # nothing about anyone's confidential sessions on a shared screen
        shown = [e for e in entries if not about_confidential(e)]
        hidden, entries = len(entries) - len(shown), shown
    if not entries:
        if hidden:
            return Text(f"{hidden} entries about confidential sessions hidden.", style="dim")
        return Text("Everyone is up to date.", style="dim")
    text = Text(no_wrap=True, overflow="ellipsis")
    for n, e in enumerate(entries[:limit]):
        if n:
            text.append("\n")
        style = themed("bold $text-error") if e.state is DueState.OVERDUE else ""
        text.append(f"{e.state.value:>13}  ", style=style)
        text.append(e.person.name)
        if e.person.facilitator:
            text.append(" (facilitator)", style="dim")
        detail = "" if e.state is DueState.NEVER else f": {e.describe(details=not room)}"
        text.append(f" — {e.type.value}{detail}", style="dim")
    if len(entries) > limit:
        text.append(f"\n{'':>13}  … and {len(entries) - limit} more (reflect due)", style="dim")
    if hidden:
        text.append(f"\n{'':>13}  {hidden} about confidential sessions hidden", style="dim")
    return text


def check_line_manager(app: ReflectApp, session: Session, go: Callable[[Session], None]) -> None:
    """Before starting ``session``: warn if a line manager facilitates a decompression.

    Calls ``go(session)`` straight away when there is nothing to warn about, or
    after the person gives a reason (kept in the session); going back does nothing.
    """
    from reflect_tui.followup.line import line_manager_warning, record_override
    from reflect_tui.ui.dialogs.followup_dialogs import LineManagerDialog

    try:
        people = app.store.people()
    except UserError:
        people = []
    warning = line_manager_warning(session.template, people, session.facilitator, session.subject)
    if warning is None:
        go(session)
        return

    def answered(reason: str | None) -> None:
        if reason is None:
            return
        record_override(session, reason, app.clock.now())
        go(session)

    app.push_screen(LineManagerDialog(warning), answered)


def can_debrief(session: Session) -> bool:
    from reflect_tui.followup.debrief import is_plan

    return is_plan(session) and session.is_complete


def start_debrief_from(app: ReflectApp, plan: Session) -> None:
    """Create and open a post-visit debrief linked to ``plan``."""
    from reflect_tui.services import sessions

    try:
        now: datetime = app.clock.now()
        debrief = sessions.start_debrief(app.store, app.library, plan, now)
    except UserError as err:
        app.notify(f"Could not start the debrief: {err}", severity="error", timeout=10)
        return
    app.open_runner(debrief)


def debrief_commands(app: ReflectApp, session: Session) -> Iterable[SystemCommand]:
    if can_debrief(session) and not app.store.read_only:
        yield SystemCommand(
            "Start post-visit debrief",
            "Check whether each control in this plan worked, and any near miss",
            lambda: start_debrief_from(app, session),
        )
