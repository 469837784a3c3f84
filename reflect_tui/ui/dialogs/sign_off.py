"""The "agreed by" sign-off of a supervision record: who agreed it, and any comments."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from reflect_tui.ui.widgets._css import css_beside

CSS = css_beside(__file__, "sign_off.tcss")


class SignOffDialog(ModalScreen[tuple[str, str] | None]):
    """Dismisses with (who agreed, comments), or None when cancelled."""

    DEFAULT_CSS = CSS
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="signoff.cancel"),
        Binding("ctrl+s", "save", "Save", id="signoff.save"),
    ]

    def __init__(self, title: str, who: str = "") -> None:
        super().__init__()
        self.record_title = title
        self.who = who

    def compose(self) -> ComposeResult:
        with Vertical(id="signoff-box"):
            yield Static(f"Sign off “{self.record_title}” as agreed", id="signoff-title")
            yield Label("Agreed by (name)")
            yield Input(self.who, id="signoff-who")
            yield Label("Comments (optional)")
            yield Input(id="signoff-comments")
            yield Static(id="signoff-error")
            with Horizontal(id="signoff-buttons"):
                yield Button("Cancel (Esc)", id="signoff-cancel")
                yield Button("Save (Ctrl+S)", id="signoff-save", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#signoff-who", Input).focus()

    @on(Button.Pressed, "#signoff-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#signoff-save")
    @on(Input.Submitted)
    def action_save(self) -> None:
        who = " ".join(self.query_one("#signoff-who", Input).value.split())
        if not who:
            self.query_one("#signoff-error", Static).update("Say who agreed the record.")
            self.query_one("#signoff-who", Input).focus()
            return
        self.dismiss((who, self.query_one("#signoff-comments", Input).value.strip()))
