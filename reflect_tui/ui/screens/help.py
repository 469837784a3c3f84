"""F1: the keys that work on the screen you came from, and what they do.

Built from the live bindings of that screen (including the focused widget's),
so the help can never drift from what the keys really do.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

INTRO = {
    "HomeScreen": (
        "Your sessions: drafts in progress first, then finished ones. Press Enter on a "
        "session to carry on with it or to read it. Press n to start a new session."
    ),
    "TemplatePickerScreen": (
        "Choose what kind of session to run. Type to narrow the list, move with the arrow "
        "keys and press Enter to choose."
    ),
    "HeaderFormScreen": (
        "Say who is in the session. Tab moves between boxes. Names are separated by commas; "
        "known names are suggested (press the right arrow to accept one)."
    ),
    "RunnerScreen": (
        "Work through the steps. Everything you type is saved automatically within a second. "
        "Use the step keys to move between steps, room mode for the projector, and finish "
        "when you are done."
    ),
    "FinishScreen": (
        "This is the record as it will be exported. Check the privacy findings, then mark "
        "the session complete."
    ),
    "RecordScreen": (
        "A finished session, shown read-only. Reopen it only if something must be corrected."
    ),
    "ReportScreen": (
        "The anonymised thematic report for this store: people and team sessions per theme, "
        "with small counts hidden. Change the period or k (never below 3) in the boxes and "
        "press Enter; Ctrl+E writes it as Markdown or HTML."
    ),
}


def describe_keys(screen: Screen[Any]) -> list[tuple[str, str]]:
    """(key, description) for every enabled binding with a description on ``screen``.

    The screen's own keys come first, then the app's, then those of the focused
    widget: a newcomer needs "next step" before "cursor word left".
    """
    rows: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def rank(item: tuple[str, Any]) -> int:
        node = item[1].node
        return 0 if node is screen else 1 if node is screen.app else 2

    for key, active in sorted(screen.active_bindings.items(), key=rank):
        binding: Binding = active.binding
        if not binding.description or not active.enabled:
            continue
        label = binding.key_display or screen.app.get_key_display(binding)
        if (label, binding.description) in seen:
            continue
        seen.add((label, binding.description))
        rows.append((label or key, binding.tooltip or binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [  # noqa: RUF012
        Binding("escape,f1,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        name = type(self.under).__name__
        table = Text()
        for key, description in describe_keys(self.under):
            table.append(f"{key:>12}", style="bold")
            table.append(f"  {description}\n")
        with Vertical(id="help-box"):
            yield Static("Help — keys for this screen", id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(INTRO.get(name, ""), id="help-intro")
                yield Static(table, id="help-keys")
                yield Static(
                    "Ctrl+P opens the command palette with every main action. "
                    "Nothing you type is lost when you quit (Ctrl+Q).",
                    id="help-outro",
                )
            yield Static("Esc closes this help.", id="help-close-hint")
