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

from reflect_tui.ui.widgets._css import css_beside

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


# Textual's own text boxes bind some forty editing keys each. Listed raw they bury the
# keys of the screen, so F1 says what they do in a few plain lines instead.
TEXT_AREA_KEYS: list[tuple[str, str]] = [
    ("← → ↑ ↓", "move the cursor; Ctrl+← / Ctrl+→ jump a word"),
    ("Home / End", "start / end of the line; PgUp / PgDn a page"),
    ("Shift+move", "select text while moving (Shift with any key above)"),
    ("Backspace / Del", "delete a character; Ctrl+W the word before the cursor"),
    ("Ctrl+U / Ctrl+K", "delete to the start / end of the line"),
    ("Ctrl+X / C / V", "cut / copy / paste (your terminal's paste works too)"),
    ("Ctrl+Z / Ctrl+Y", "undo / redo"),
    ("Enter / Tab", "new line / leave the box for the next one"),
]
INPUT_KEYS: list[tuple[str, str]] = [
    ("← →", "move the cursor; Ctrl+← / Ctrl+→ jump a word; → accepts a suggestion"),
    ("Home / End", "start / end of the box"),
    ("Shift+move", "select text while moving (Shift with any key above)"),
    ("Backspace / Del", "delete a character; Ctrl+W the word before the cursor"),
    ("Ctrl+U / Ctrl+K", "delete everything before / after the cursor"),
    ("Ctrl+X / C / V", "cut / copy / paste (your terminal's paste works too)"),
    ("Enter / Tab", "next row or box"),
]


def _is_text_box(node: object) -> bool:
    from textual.widgets import Input, TextArea

    return isinstance(node, Input | TextArea)


def editor_keys(screen: Screen[Any]) -> list[tuple[str, str]]:
    """The editing keys of the focused text box, grouped in plain words ([] if none)."""
    from textual.widgets import TextArea

    focused = screen.focused
    if not _is_text_box(focused):
        return []
    return TEXT_AREA_KEYS if isinstance(focused, TextArea) else INPUT_KEYS


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
        if not binding.description or not active.enabled or _is_text_box(active.node):
            continue  # a text box's own keys: see ``editor_keys``
        label = binding.key_display or screen.app.get_key_display(binding)
        if (label, binding.description) in seen:
            continue
        seen.add((label, binding.description))
        rows.append((label or key, binding.tooltip or binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = css_beside(__file__, "help.tcss")
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
            table.append(f"{key:>15}", style="bold")
            table.append(f"  {description}\n")
        typing = editor_keys(self.under)
        if typing:
            table.append("\nTyping in this box\n", style="bold underline")
            for key, description in typing:
                table.append(f"{key:>15}", style="bold")
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
