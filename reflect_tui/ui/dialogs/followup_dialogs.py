"""Small dialogs for follow-through: a person's details, a note, the line-manager warning."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, Static

from reflect_tui.domain.people import Person
from reflect_tui.errors import UserError
from reflect_tui.followup.people import add_person, edit_person
from reflect_tui.ui.parts import reflect_app
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.glyphs import GlyphCheckbox

DIALOG_CSS = css_beside(__file__, "followup_dialogs.tcss")


class PersonDialog(ModalScreen[Person | None]):
    """Add someone (``person`` None) or edit them. Dismisses with the saved person."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="person.cancel"),
        Binding("ctrl+s", "save", "Save", id="person.save"),
    ]

    def __init__(self, person: Person | None = None, names: list[str] | None = None) -> None:
        super().__init__()
        self.person = person
        self.names = names or []

    def compose(self) -> ComposeResult:
        p = self.person
        with Vertical(classes="dialog-box"):
            title = f"Edit {p.name}" if p else "Add someone to the roster"
            yield Static(title, classes="dialog-title")
            yield Label("Name or initials")
            yield Input(p.name if p else "", id="person-name", compact=True)
            yield Label("Role")
            yield Input(p.role if p else "", id="person-role", compact=True)
            yield Label("Team")
            yield Input(p.team if p else "", id="person-team", compact=True)
            yield Label("Line manager")
            yield Input(
                p.line_manager if p else "",
                id="person-manager",
                suggester=SuggestFromList(self.names, case_sensitive=False),
                compact=True,
            )
            yield GlyphCheckbox(
                "Facilitates sessions",
                p.facilitator if p else False,
                id="person-facilitator",
                compact=True,
            )
            yield Static(id="person-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (Esc)", id="person-cancel", compact=True)
                yield Button("Save (Ctrl+S)", id="person-save", variant="primary", compact=True)

    def on_mount(self) -> None:
        app = reflect_app(self)
        app.quiet_cursor(*self.query(Input))
        self.query_one("#person-name", Input).focus()

    def value(self, box: str) -> str:
        return self.query_one(f"#{box}", Input).value

    @on(Input.Submitted)
    def _next(self) -> None:
        self.focus_next()

    @on(Button.Pressed, "#person-save")
    def action_save(self) -> None:
        store = reflect_app(self).store
        facilitator = self.query_one("#person-facilitator", Checkbox).value
        try:
            if self.person is None:
                saved = add_person(
                    store,
                    self.value("person-name"),
                    role=self.value("person-role"),
                    team=self.value("person-team"),
                    line_manager=self.value("person-manager"),
                    facilitator=facilitator,
                )
            else:
                saved = edit_person(
                    store,
                    self.person.name,
                    new_name=self.value("person-name"),
                    role=self.value("person-role"),
                    team=self.value("person-team"),
                    line_manager=self.value("person-manager"),
                    facilitator=facilitator,
                )
        except UserError as err:
            self.query_one("#person-error", Static).update(str(err))
            return
        self.dismiss(saved)

    @on(Button.Pressed, "#person-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteDialog(ModalScreen[str | None]):
    """Asks for an optional note; dismisses with the text, or None if cancelled."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="note.cancel")]  # noqa: RUF012

    def __init__(self, question: str, *, ok: str = "Save") -> None:
        super().__init__()
        self.question = question
        self.ok = ok

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(self.question, classes="dialog-title")
            yield Input(placeholder="note (optional)", id="note-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel (Esc)", id="note-cancel")
                yield Button(f"{self.ok} (Enter)", id="note-ok", variant="primary")

    def on_mount(self) -> None:
        reflect_app(self).quiet_cursor(self.query_one(Input))
        self.query_one(Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#note-ok")
    def _ok(self) -> None:
        self.dismiss(self.query_one(Input).value)

    @on(Button.Pressed, "#note-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class LineManagerDialog(ModalScreen[str | None]):
    """The facilitation-outside-the-line warning.

    Dismisses with the reason for going ahead (never empty), or None to go back
    and choose another facilitator.
    """

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [Binding("escape", "back", "Choose another facilitator", id="line.back")]  # noqa: RUF012

    def __init__(self, warning: str) -> None:
        super().__init__()
        self.warning = warning

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(
                Text("⚠ Facilitator is the line manager", style="bold"), classes="dialog-title"
            )
            yield Static(self.warning, id="line-warning")
            yield Label("To go ahead anyway, say why (this is kept with the session):")
            yield Input(id="line-reason", placeholder="reason")
            yield Static(id="line-error", classes="dialog-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Choose another (Esc)", id="line-back", variant="primary")
                yield Button("Go ahead", id="line-go", variant="warning")

    def on_mount(self) -> None:
        reflect_app(self).quiet_cursor(self.query_one(Input))
        self.query_one("#line-back", Button).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#line-go")
    def _go(self) -> None:
        reason = " ".join(self.query_one("#line-reason", Input).value.split())
        if not reason:
            self.query_one("#line-error", Static).update(
                "Write a reason to go ahead, or choose another facilitator."
            )
            self.query_one("#line-reason", Input).focus()
            return
        self.dismiss(reason)

    @on(Button.Pressed, "#line-back")
    def action_back(self) -> None:
        self.dismiss(None)
