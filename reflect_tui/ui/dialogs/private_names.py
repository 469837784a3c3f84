"""The do-not-share list in the app: service users' and third parties' names, case references.

One entry a line in a text box; Ctrl+S saves the whole list (blank lines dropped, duplicates
merged), Esc leaves without saving. The list itself is confidential, so it never opens in
room mode or on a shared screen. The same list is ``reflect private-names`` on the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static, TextArea

from reflect_tui.errors import UserError
from reflect_tui.minutes import private_names
from reflect_tui.ui.parts import reflect_app
from reflect_tui.ui.widgets._css import css_beside

if TYPE_CHECKING:
    from reflect_tui.ui.app import ReflectApp

CSS = css_beside(__file__, "private_names.tcss")


class PrivateNamesDialog(ModalScreen[list[str] | None]):
    """Dismisses with the saved list, or None when left without saving."""

    DEFAULT_CSS = CSS
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Leave without saving", id="names.cancel"),
        Binding("ctrl+s", "save", "Save", id="names.save", priority=True),
    ]

    def __init__(self, entries: list[str]) -> None:
        super().__init__()
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Vertical(id="names-box"):
            yield Static("Do-not-share list", id="names-title")
            yield Static(
                "Names of service users and other people outside the team, and case "
                "references, one a line. The privacy check flags them in any case, as "
                "initials with the surname, alone, and with 's.",
                id="names-help",
            )
            yield TextArea("\n".join(self.entries), id="names-text", soft_wrap=False)
            yield Static(id="names-error")
            with Horizontal(id="names-buttons"):
                yield Button("Cancel (Esc)", id="names-cancel")
                yield Button("Save (Ctrl+S)", id="names-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    @on(Button.Pressed, "#names-save")
    def action_save(self) -> None:
        lines = self.query_one(TextArea).text.splitlines()
        try:
            saved = private_names.set_names(reflect_app(self).store, lines)
        except UserError as err:
            self.query_one("#names-error", Static).update(str(err))
            return
        self.dismiss(saved)

    @on(Button.Pressed, "#names-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def open_private_names(app: ReflectApp) -> None:
    """Open the editor, unless the screen may be seen by a room or the store is read-only."""
    if app.room_safe():
        app.notify(
            "The do-not-share list is confidential: leave room mode (F7) or turn off the "
            "shared-screen setting to edit it."
        )
        return
    if app.store.read_only:
        app.notify("This window is read-only: edit the list in the other window.")
        return

    def saved(entries: list[str] | None) -> None:
        if entries is not None:
            app.notify(f"Do-not-share list saved: {len(entries)} entries.")

    app.push_screen(PrivateNamesDialog(private_names.do_not_share(app.store)), saved)
