"""A single choice from the field's options."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.geometry import Size
from textual.widgets import RadioSet

from reflect_tui.domain.answers import Value, choice_of
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.editor_base import FieldEditor
from reflect_tui.ui.widgets.glyphs import GlyphRadioButton


class WrappingRadioButton(GlyphRadioButton):
    """A radio button whose long label wraps onto more lines instead of ending in "…"."""

    def render(self) -> Content:
        # As ToggleButton draws it, minus the trailing pad, which made a label that
        # just fits be drawn cut short with an ellipsis.
        label = self._label.pad_left(1).stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(self._button, label)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Textual passes widget styles as the rules map itself, as ToggleButton does.
        return max(1, self.render().get_height(self.styles, width))  # type: ignore[arg-type]


class ChoiceEditor(FieldEditor):
    """The value is one of ``field.options`` or ``None``; ↑/↓ then Enter or Space picks."""

    DEFAULT_CSS = css_beside(__file__, "choice_editor.tcss")

    def normalise(self, value: Value) -> Value:
        # A stored answer that is no longer an option is still shown and kept.
        return None if value is None else str(value)

    @property
    def options(self) -> list[str]:
        options = list(self.field.options)
        chosen = choice_of(self._value)
        if chosen is not None and chosen not in options:
            options.append(chosen)
        return options

    def compose_body(self) -> ComposeResult:
        with RadioSet(classes="choice-set"):
            for option in self.options:
                yield WrappingRadioButton(option, value=option == self._value)

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        event.stop()
        self.set_value(str(event.pressed.label))

    def read_only_text(self) -> Text:
        chosen = choice_of(self._value)
        return Text(chosen if chosen is not None else self.EMPTY_TEXT)
