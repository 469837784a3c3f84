"""A question with a few named answers and a way back (e.g. Start / Discard / Keep editing).

``ConfirmScreen`` covers yes/no; this covers the case where "no" is not enough,
such as leaving a form someone has typed into.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from reflect_tui.ui.widgets._css import css_beside


class ChoiceScreen(ModalScreen[str | None]):
    """Dismisses with the chosen answer's id, or None for the cancel answer (and Esc)."""

    DEFAULT_CSS = css_beside(__file__, "choice.tcss")
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Keep editing", id="choice.cancel"),
    ]

    def __init__(
        self,
        question: str,
        answers: list[tuple[str, str, str]],
        *,
        cancel: tuple[str, str] = ("Cancel", "c"),
    ) -> None:
        """``answers``: (id, label, key) each; ``cancel``: (label, key), also on Esc."""
        super().__init__()
        self.question = question
        self.answers = answers
        self.cancel = cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box"):
            yield Static(self.question, id="choice-question")
            with Horizontal(id="choice-buttons"):
                for answer_id, label, key in self.answers:
                    yield Button(f"{label} ({key})", id=f"choice-{answer_id}", compact=True)
                label, key = self.cancel
                yield Button(f"{label} (Esc)", id="choice-cancel", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#choice-cancel", Button).focus()

    def on_key(self, event: Key) -> None:
        for answer_id, _, key in self.answers:
            if event.key == key:
                event.stop()
                self.dismiss(answer_id)
                return
        if event.key == self.cancel[1]:
            event.stop()
            self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button_id = event.button.id or ""
        self.dismiss(None if button_id == "choice-cancel" else button_id.removeprefix("choice-"))

    def action_cancel(self) -> None:
        self.dismiss(None)
