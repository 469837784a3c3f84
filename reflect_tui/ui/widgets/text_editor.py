"""Multi-line free text: what was said, in the words of whoever is typing."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.widgets import TextArea

from reflect_tui.domain.answers import Value, text_of
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.editor_base import FieldEditor


class TextEditor(FieldEditor):
    """A soft-wrapping text area; the value is its text (``str``)."""

    DEFAULT_CSS = css_beside(__file__, "text_editor.tcss")

    _cursor_placed = False

    def normalise(self, value: Value) -> Value:
        return text_of(value)

    def compose_body(self) -> ComposeResult:
        yield TextArea(
            text_of(self._value),
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="focus",
            highlight_cursor_line=False,
            placeholder="Type here…",
            classes="text-input",
        )

    def read_only_text(self) -> Text:
        return Text(text_of(self._value).strip() or self.EMPTY_TEXT)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """The first time the box gets the cursor, put it after the text, not before it.

        Text already there (typed earlier, or recovered after a crash) is carried on,
        never typed in front of by accident.
        """
        box = event.widget
        if isinstance(box, TextArea) and not self._cursor_placed:
            self._cursor_placed = True
            if box.cursor_location == (0, 0):
                box.move_cursor(box.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.set_value(event.text_area.text)
