"""A one-line, keyboard-first picker: ``○ yes  ● no  ○ not sure`` or ``1 2 3 … 10``.

Used for checklist answers and rating scales, where a RadioSet would take a
line per option and crowd an 80-column screen. Left/right move the choice,
letters or digits jump to one, Delete clears it; a click picks the option under
the pointer.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget

from reflect_tui.ui.widgets._css import css_beside


class OptionStrip(Widget, can_focus=True):
    """Pick one of ``options`` or none; ``selected`` is an index or ``None``."""

    DEFAULT_CSS = css_beside(__file__, "option_strip.tcss")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "step(1)", "Next", show=False, id="field.option.next"),
        Binding("left", "step(-1)", "Previous", show=False, id="field.option.previous"),
        Binding(
            "delete,backspace",
            "clear",
            "Clear",
            key_display="del",
            id="field.option.clear",
        ),
    ]

    class Changed(Message):
        """The selection changed (``selected`` is the new index or ``None``)."""

        def __init__(self, strip: OptionStrip, selected: int | None) -> None:
            super().__init__()
            self.strip = strip
            self.selected = selected

        @property
        def control(self) -> OptionStrip:
            return self.strip

    class Rejected(Message):
        """A key asked for something that is not an option (e.g. 0 on a 1-10 scale)."""

        def __init__(self, strip: OptionStrip, typed: str) -> None:
            super().__init__()
            self.strip = strip
            self.typed = typed

        @property
        def control(self) -> OptionStrip:
            return self.strip

    def __init__(
        self,
        options: list[str],
        selected: int | None = None,
        *,
        shortcuts: dict[str, int] | None = None,
        marks: bool = True,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.options = options
        self.selected = selected
        self.shortcuts = dict(shortcuts or {})
        self.marks = marks
        self._spans: list[tuple[int, int]] = []

    def select(self, index: int | None) -> None:
        """Choose ``index`` (or nothing) and announce it if it changed."""
        if index == self.selected:
            return
        self.selected = index
        self.refresh(layout=True)
        self.post_message(self.Changed(self, index))

    def action_step(self, delta: int) -> None:
        if not self.options:
            return
        if self.selected is None:
            self.select(0 if delta > 0 else len(self.options) - 1)
        else:
            self.select(max(0, min(len(self.options) - 1, self.selected + delta)))

    def action_clear(self) -> None:
        self.select(None)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.lower() in self.shortcuts:
            event.stop()
            event.prevent_default()
            self.select(self.shortcuts[event.character.lower()])

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        for index, (start, end) in enumerate(self._spans):
            if start <= offset.x < end:
                self.select(index)
                return

    def render(self) -> Text:
        text = Text(no_wrap=True, overflow="ellipsis")
        self._spans = []
        for index, option in enumerate(self.options):
            if index:
                text.append("  " if self.marks else " ")
            start = text.cell_len
            chosen = index == self.selected
            label = f"{'●' if chosen else '○'} {option}" if self.marks else f" {option} "
            text.append(label, style="reverse bold" if chosen else "")
            self._spans.append((start, text.cell_len))
        return text
