"""Deleting a session or discarding a draft from the app, with a question naming the record.

The first question offers the bin (the default way: the record can be put back
with `reflect bin restore` until the bin's period ends) or erasing it for good
now; erasing for good asks once more, as nothing can bring it back. Both are
recorded in the audit log (ids only; see dataprotection.erase).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.screen import Screen

from reflect_tui.errors import UserError
from reflect_tui.ui.parts import reflect_app


def describe(title: str, template_title: str, day: date) -> str:
    return f"“{title or 'Untitled'}” ({template_title}, {day:%d %b %Y})"


def delete_question(name: str, draft: bool, erased_on: date) -> str:
    what = f"Discard the draft {name}?" if draft else f"Delete the record {name}?"
    return (
        f"{what}\n\n"
        f"Move to the bin: it leaves every list at once and is erased for good on "
        f"{erased_on:%d %b %Y}; until then the bin (b on home) puts it back.\n\n"
        "Erase for good now: removed at once from the data file, every backup, the autosave "
        "journal and the minutes folder. Nothing can bring it back."
    )


async def delete_session(screen: Screen[Any], session_id: str) -> bool:
    """Ask, then bin or purge the session. True if it is gone."""
    from reflect_tui.services import sessions
    from reflect_tui.ui.dialogs.choice import ChoiceScreen  # home imports this module at start
    from reflect_tui.ui.dialogs.confirm import ConfirmScreen

    app = reflect_app(screen)
    if app.store.read_only:
        screen.notify("This window is read-only: delete sessions in the other window.")
        return False
    try:
        s = app.store.get_session(session_id)
    except UserError as err:
        screen.notify(str(err), severity="error")
        return False
    name = describe(s.title, s.template.title, s.date)
    erased_on = sessions.bin_erase_day(app.store, app.clock.now())
    choice = await app.push_screen_wait(
        ChoiceScreen(
            delete_question(name, not s.is_complete, erased_on),
            [("bin", "Move to the bin", "b"), ("purge", "Erase for good now", "e")],
            cancel=("Keep it", "k"),
        )
    )
    if choice is None:
        return False
    try:
        if choice == "purge":
            sure = await app.push_screen_wait(
                ConfirmScreen(
                    f"Erase {name} for good? This cannot be undone.",
                    yes="Erase for good",
                    no="Keep it",
                )
            )
            if not sure:
                return False
            report = sessions.erase_for_good(app.store, [s.id])
            extra = f" ({'; '.join(report.problems)})" if report.problems else ""
            screen.notify(f"Erased {name} for good.{extra}", timeout=8)
        else:
            gone = sessions.move_to_bin(app.store, s.id)
            screen.notify(
                f"Moved {name} to the bin. It is erased for good on {gone.erased_on:%d %b %Y}."
            )
    except UserError as err:
        screen.notify(str(err), severity="error", timeout=15)
        return False
    return True


def tidy_bin(screen: Screen[Any]) -> None:
    """At start: erase for good what has been in the bin past its period (quietly)."""
    from reflect_tui.dataprotection import erase

    try:
        report = erase.purge_expired(reflect_app(screen).store)
    except UserError as err:
        screen.notify(f"The bin could not be emptied: {err}", severity="error", timeout=15)
        return
    if report is not None and report.erased:
        count = len(report.erased)
        noun = "session" if count == 1 else "sessions"
        screen.notify(f"Erased {count} {noun} for good: past their time in the bin.")
