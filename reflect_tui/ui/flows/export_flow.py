"""Exporting and copying a session's minutes, with the questions that go with it.

One flow for every screen that offers export (finish, a completed record, home):
a confidential session needs an explicit yes, and an existing file is only
replaced after asking. Problems show in the screen's banner, never as a crash.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.screen import Screen

from reflect_tui.domain.session import Session
from reflect_tui.errors import UserError
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.parts import Banner, reflect_app


async def confirm_confidential(
    screen: Screen[Any], session: Session, doing: str, *, button: str | None = None
) -> bool:
    """Ask before a confidential session leaves the app; ``button`` is the yes button's verb."""
    if not session.is_confidential:
        return True
    question = ConfirmScreen(
        f"This session is CONFIDENTIAL. {doing} puts its content outside this app. Are you sure?",
        yes=button or doing,
        no="Cancel",
    )
    answer: bool = await reflect_app(screen).push_screen_wait(question)
    return answer


def show_problem(screen: Screen[Any], message: str) -> None:
    banners = screen.query(Banner)
    if banners:
        banners.first().show(message, error=True)
    else:
        screen.notify(message, severity="error", timeout=15)


async def choose_format(screen: Screen[Any], session: Session) -> tuple[str, bool] | None:
    """Ask Markdown, HTML or (for a visit plan) the visit card: (fmt, card), or None."""
    from reflect_tui import minutes
    from reflect_tui.ui.dialogs.choice import ChoiceScreen

    options = [("md", "Markdown", "m"), ("html", "HTML page to print", "h")]
    if minutes.has_visit_card(session):
        options.append(("card", "Visit card (HTML)", "c"))
    question = ChoiceScreen(
        "Export as Markdown (to share or edit), an HTML page (to print or e-mail)"
        + (", or the visit card to carry on the visit?" if len(options) > 2 else "?"),
        options,
        cancel=("Cancel", "n"),
    )
    answer = await reflect_app(screen).push_screen_wait(question)
    if answer is None:
        return None
    return ("html", True) if answer == "card" else (str(answer), False)


async def export_minutes(
    screen: Screen[Any], session: Session, *, ask_format: bool = False
) -> Path | None:
    """Write the minutes into the store's minutes folder; the path, or None.

    With ``ask_format`` the person chooses Markdown, HTML or the visit card first.
    """
    fmt: str = "md"
    card = False
    if ask_format:
        chosen = await choose_format(screen, session)
        if chosen is None:
            return None
        fmt, card = chosen
    if not await confirm_confidential(screen, session, "Exporting", button="Export"):
        return None
    from reflect_tui import minutes
    from reflect_tui.services import export

    app = reflect_app(screen)
    force = False
    while True:
        try:
            done = export.export(
                app.store,
                session,
                app.store.export_dir,
                fmt="html" if fmt == "html" else "md",
                card=card,
                confirmed_confidential=session.is_confidential,
                force=force,
            )
        except minutes.ExportExists:
            replace = ConfirmScreen(
                f"The export folder ({app.store.export_dir}) already has a file for "
                "this session. Replace it with this version?",
                yes="Replace",
                no="Keep it",
            )
            if force or not await app.push_screen_wait(replace):
                return None
            force = True
            continue
        except UserError as err:
            show_problem(screen, str(err))
            return None
        plain = " This copy is not encrypted." if done.unencrypted else ""
        screen.notify(f"Exported to {done.path}.{plain}")
        if done.audit_problem:
            show_problem(screen, done.audit_problem)
        return done.path


async def copy_markdown(screen: Screen[Any], session: Session) -> bool:
    if not await confirm_confidential(screen, session, "Copying", button="Copy"):
        return False
    from reflect_tui.services import export

    try:
        text, problem = export.minutes_text(
            reflect_app(screen).store, session, confirmed_confidential=session.is_confidential
        )
    except UserError as err:
        show_problem(screen, str(err))
        return False
    screen.app.copy_to_clipboard(text)
    screen.notify("Markdown copied to the clipboard.")
    if problem:
        show_problem(screen, problem)
    return True
