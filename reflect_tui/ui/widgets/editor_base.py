"""The common frame of every field editor: label, private marker, help, inline messages.

A field editor is a self-contained widget that edits one answer value in its
domain type (see ``reflect_tui.domain.answers``). It posts ``FieldEditor.Changed``
on every change so the session runner can autosave, and never discards what a
person typed: text that cannot be stored yet (a bad date, a rating of 7 on a 1-5
scale) stays in its input with a message saying what to type instead.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any, ClassVar, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalGroup
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static, TextArea

from reflect_tui.domain.answers import Value
from reflect_tui.domain.template import Field
from reflect_tui.ui.widgets._css import css_beside

PRIVATE_MARKER = "private — never exported"
ROOM_PRIVATE_NOTE = "Private field — hidden in room mode"

W = TypeVar("W", bound=Widget)


class FieldEditor(Widget):
    """Base class of the nine editors; build one with ``fields.editor_for``."""

    DEFAULT_CSS = css_beside(__file__, "editor_base.tcss")

    can_focus = False

    class Changed(Message):
        """The value of ``editor`` changed (posted on every keystroke that changes it)."""

        def __init__(self, editor: FieldEditor) -> None:
            super().__init__()
            self.editor = editor
            self.field_id = editor.field.id

        @property
        def control(self) -> FieldEditor:
            return self.editor

    class ProblemsChanged(Message):
        """An inline message of ``editor`` appeared, changed or went (see ``pending_text``)."""

        def __init__(self, editor: FieldEditor) -> None:
            super().__init__()
            self.editor = editor

        @property
        def control(self) -> FieldEditor:
            return self.editor

    #: Shown in read-only mode when there is no answer.
    EMPTY_TEXT: ClassVar[str] = "(no answer)"

    def __init__(
        self,
        field: Field,
        value: Value,
        *,
        read_only: bool = False,
        people: Iterable[str] = (),
        themes: Iterable[str] = (),
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.field = field
        self.read_only = read_only
        self.people = list(people)
        self.themes = list(themes)
        self.room_mode = False
        self._problems: dict[str, str] = {}
        self._focus_when_mounted = False
        self._value: Value = self.normalise(value)
        self.add_class(f"-kind-{field.kind.value}")
        self.set_class(field.private, "-private")
        self.set_class(read_only, "-read-only")

    # ----------------------------------------------------------------- contract

    @property
    def value(self) -> Value:
        """The current answer, in the domain type for this field's kind.

        A copy: rows are edited in place as keys arrive, and the value handed to
        the runner may be serialised by the store's autosave thread meanwhile.
        """
        return copy.deepcopy(self._value)

    def set_room_mode(self, on: bool) -> None:
        """Switch to the larger, simpler projector presentation (private fields hide)."""
        self.room_mode = on
        self.set_class(on, "-room")
        if on and self.field.private and self.is_mounted:
            focused = self.screen.focused
            if focused is not None and self in focused.ancestors:
                # Keys must not keep typing into an answer nobody can see.
                self.screen.set_focus(None)
        self.on_room_mode(on)

    def focus_first(self, *, scroll_visible: bool = True) -> bool:
        """Put the cursor in the first input of this editor; say whether there was one.

        Focus moves at once (``screen.focused`` is the input on return), so a caller
        can try editors in turn. A read-only editor, or a private one in room mode,
        has nowhere to put it. Called before the editor is mounted, it takes effect
        once it is (and returns False).
        """
        if not self.is_mounted:
            self._focus_when_mounted = True
            return False
        if self.room_mode and self.field.private:
            return False
        for widget in self.query("*"):
            if widget.focusable:
                self.screen.set_focus(widget, scroll_visible=scroll_visible)
                return True
        return False

    def pending_text(self) -> dict[str, str]:
        """Text typed that the value cannot hold yet (a bad date), by input; {} if none.

        The runner keeps it with the draft so a step change or a restart shows it again,
        with its message, instead of throwing it away.
        """
        return {}

    def restore_pending(self, texts: dict[str, str]) -> None:
        """Put text from ``pending_text`` back into its inputs (after mounting)."""

    # ------------------------------------------------------------ for subclasses

    def normalise(self, value: Value) -> Value:
        """Turn the value given at construction into this editor's working copy."""
        return value

    def compose_body(self) -> ComposeResult:
        """The inputs of the editor."""
        yield from ()

    def read_only_text(self) -> Text:
        """The value as shown when the session is completed (no inputs)."""
        return Text(str(self._value) if self._value else self.EMPTY_TEXT)

    def on_room_mode(self, on: bool) -> None:
        """Hook for editors whose room-mode presentation needs more than CSS."""

    def set_value(self, value: Value) -> None:
        """Record a new value and tell the runner, if it really changed."""
        if value == self._value:
            return
        self._value = value
        self.post_message(self.Changed(self))

    def changed(self) -> None:
        """Tell the runner the value changed in place (rows edited, reordered, removed)."""
        self.post_message(self.Changed(self))

    def set_problem(self, key: str, message: str | None) -> None:
        """Show (or clear, with ``None``) an inline message about one input."""
        if self._problems.get(key) == (message or None):
            return  # unchanged: no relayout on every keystroke
        if message:
            self._problems[key] = message
        else:
            self._problems.pop(key, None)
        if self.is_mounted:
            self._show_problems()
            # The runner keeps text that cannot be stored yet (``pending_text``) with the
            # draft; a new or fixed problem is its cue, even when the value did not change.
            self.post_message(self.ProblemsChanged(self))

    @property
    def problems(self) -> list[str]:
        """The inline messages shown now, in the order they arose."""
        return list(self._problems.values())

    def quiet(self, widget: W) -> W:
        """Apply app-wide input settings (``app.cursor_blink = False`` for snapshots)."""
        blink = bool(getattr(self.app, "cursor_blink", True)) if self.is_attached else True
        if isinstance(widget, Input | TextArea):
            widget.cursor_blink = blink
        return widget

    # ------------------------------------------------------------------ framing

    def compose(self) -> ComposeResult:
        with VerticalGroup(classes="field-head"):
            label = Text(self.field.label, style="bold")
            if self.field.required and not self.read_only:
                label.append(" *", style="bold")
            if self.field.private:
                label.append("  ")
                label.append(f" {PRIVATE_MARKER} ", style="reverse")
            yield Label(label, classes="field-label")
            if self.field.help and not self.read_only:
                yield Static(self.field.help, classes="field-help")
        if self.field.private:
            yield Static(ROOM_PRIVATE_NOTE, classes="room-private-note")
        with VerticalGroup(classes="field-body"):
            if self.read_only:
                yield Static(self.read_only_text(), classes="field-read-only")
            else:
                yield from self.compose_body()
        yield Static("", classes="field-message")

    def on_mount(self) -> None:
        for widget in self.query("Input, TextArea"):
            self.quiet(widget)
        self._show_problems()
        if self._focus_when_mounted:
            self._focus_when_mounted = False
            self.call_after_refresh(self._focus_first_later)

    def _focus_first_later(self) -> None:
        self.focus_first()

    def _show_problems(self) -> None:
        message = self.query_one(".field-message", Static)
        message.update("\n".join(self._problems.values()))
        message.display = bool(self._problems)


def plain(value: Any) -> str:
    """A value's text for read-only display, trimmed."""
    return str(value).strip()
