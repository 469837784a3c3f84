"""Palette command "Export calendar (.ics)": the same file as `reflect calendar`.

Written into the store's minutes folder as ``reflect-calendar.ics`` (replaced
each time: it is always regenerated from the store, so nothing is lost). The
person chooses whether confidential sessions and who is due keep their titles
and names; the default answer leaves them out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from reflect_tui.errors import UserError
from reflect_tui.ui.dialogs.choice import ChoiceScreen

if TYPE_CHECKING:
    from reflect_tui.ui.app import ReflectApp

FILE_NAME = "reflect-calendar.ics"
QUESTION = (
    "Write a calendar file of next sessions, actions due, who is due and visit check-ins? "
    "Calendars are often synchronised to phones and other machines: leave out the titles "
    "and names of confidential sessions and of who is due, unless this calendar stays "
    "private to you."
)


def palette_commands(app: ReflectApp) -> Iterable[SystemCommand]:
    yield SystemCommand(
        "Export calendar (.ics)",
        "Next sessions, actions due, who is due, visit check-ins with alarms",
        lambda: app.run_worker(export_calendar(app), exclusive=True, group="calendar"),
    )


async def export_calendar(app: ReflectApp) -> None:
    answer = await app.push_screen_wait(
        ChoiceScreen(
            QUESTION,
            [
                ("plain", "Without confidential details", "w"),
                ("full", "Include names and titles", "i"),
            ],
        )
    )
    if answer is None:
        return
    from reflect_tui.calendar.events import KINDS
    from reflect_tui.commands.calendar import calendar_text
    from reflect_tui.minutes.files import DIR_MODE, write_private_file

    try:
        text = calendar_text(
            app.store, app.clock, confidential=answer == "full", kinds=frozenset(KINDS)
        )
        folder = app.store.minutes_dir
        folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        path = folder / FILE_NAME
        write_private_file(path, text, force=True)
    except (UserError, OSError) as err:
        app.notify(f"The calendar was not written: {err}", severity="error", timeout=15)
        return
    events = text.count("BEGIN:VEVENT")
    app.notify(f"Wrote {events} event{'s' if events != 1 else ''} to {path}")
