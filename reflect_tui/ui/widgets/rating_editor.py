"""A rating on the field's scale (e.g. 1-10), with the scale's word for the current point."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalGroup
from textual.widgets import Static

from reflect_tui.domain.answers import Value, rating_of
from reflect_tui.domain.template import Scale
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.editor_base import FieldEditor
from reflect_tui.ui.widgets.option_strip import OptionStrip

NOT_RATED = "not rated"
#: Wider scales are shown as "◀ 57 ▶" rather than every point.
MAX_POINTS_SHOWN = 21


class ScaleStrip(OptionStrip):
    """The scale's points; digits type a point (``1`` then ``0`` gives 10 on a 1-10 scale)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("right", "step(1)", "Higher", key_display="→", id="field.rating.up"),
        Binding("left", "step(-1)", "Lower", key_display="←", id="field.rating.down"),
        Binding(
            "0,1,2,3,4,5,6,7,8,9",
            "noop",
            "Type a rating",
            key_display="0-9",
            id="field.rating.digit",
        ),
    ]

    def __init__(self, scale: Scale, value: int | None, *, classes: str | None = None) -> None:
        self.scale = scale
        points = [str(n) for n in range(scale.minimum, scale.maximum + 1)]
        selected = value - scale.minimum if value is not None and str(value) in points else None
        super().__init__(points, selected, marks=False, classes=classes)
        self._typed = ""

    @property
    def rating(self) -> int | None:
        return None if self.selected is None else self.scale.minimum + self.selected

    def action_step(self, delta: int) -> None:
        self._typed = ""
        super().action_step(delta)

    def action_clear(self) -> None:
        self._typed = ""
        super().action_clear()

    def action_noop(self) -> None:
        """Digits are handled in ``on_key``; the binding is there to list the key."""

    def on_key(self, event: events.Key) -> None:
        if event.character is None or not event.character.isdigit():
            self._typed = ""
            return
        event.stop()
        event.prevent_default()
        typed = self._typed + event.character
        if self._typed and not self._could_be(typed):
            typed = event.character
        number = int(typed)
        if self.scale.minimum <= number <= self.scale.maximum:
            self._typed = typed
            self.select(number - self.scale.minimum)
        elif self._could_be(typed):
            # The first digit of a longer number ("1" of "10" on a 5-10 scale).
            self._typed = typed
        else:
            self._typed = ""
            self.post_message(self.Rejected(self, typed))

    def _could_be(self, typed: str) -> bool:
        """Whether ``typed`` is a point of the scale or the start of one."""
        return any(
            str(n).startswith(typed) for n in range(self.scale.minimum, self.scale.maximum + 1)
        )

    def render(self) -> Text:
        if len(self.options) <= MAX_POINTS_SHOWN:
            return super().render()
        shown = "–" if self.rating is None else str(self.rating)
        return Text(f"◀ {shown} ▶  ({self.scale.minimum}–{self.scale.maximum})", style="bold")


class RatingEditor(FieldEditor):
    """The value is an ``int`` on ``field.scale`` or ``None`` (not rated)."""

    DEFAULT_CSS = css_beside(__file__, "rating_editor.tcss")

    @property
    def scale(self) -> Scale:
        return self.field.scale or Scale()

    def normalise(self, value: Value) -> Value:
        number = rating_of(value)
        if number is None:
            return None
        return number if self.scale.minimum <= number <= self.scale.maximum else None

    def describe(self, value: int | None) -> str:
        if value is None:
            return NOT_RATED
        label = self.scale.label_for(value)
        return f"{value} of {self.scale.maximum}" + (f" — {label}" if label else "")

    def compose_body(self) -> ComposeResult:
        with VerticalGroup(classes="rating-row"):
            yield ScaleStrip(self.scale, rating_of(self._value), classes="rating-strip")
            yield Static(self.describe(rating_of(self._value)), classes="rating-label")

    def read_only_text(self) -> Text:
        return Text(self.describe(rating_of(self._value)))

    def on_option_strip_changed(self, event: OptionStrip.Changed) -> None:
        event.stop()
        assert isinstance(event.strip, ScaleStrip)
        self.set_problem("rating", None)
        self.query_one(".rating-label", Static).update(self.describe(event.strip.rating))
        self.set_value(event.strip.rating)

    def on_option_strip_rejected(self, event: OptionStrip.Rejected) -> None:
        event.stop()
        scale = self.scale
        self.set_problem(
            "rating",
            f"{event.typed} is not on this scale: rate from {scale.minimum} to {scale.maximum} "
            "(digits or ← →), or press Delete for not rated. The rating is unchanged.",
        )
