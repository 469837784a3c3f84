"""A footer that never loses Help and Quit at 80 columns, and never draws half a key.

Textual's footer lists the focused widget's keys first and the app's last, so on a
narrow terminal the first keys cut off are F1 Help and Ctrl+Q Quit, the two a
newcomer most needs. ``KeepFooter`` puts those two first. Whatever then does not fit
whole beside the command-palette key is left out (F1 lists every key), rather than
drawn cut (``^q▏``, ``f7▏``), and comes back when the terminal is wide enough.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Actions shown first, in this order.
FIRST = ("help", "quit")


class KeepFooter(Footer):
    def compose(self) -> ComposeResult:
        widgets = list(super().compose())

        def rank(widget: object) -> int:
            if isinstance(widget, FooterKey) and widget.action in FIRST:
                return FIRST.index(widget.action)
            return len(FIRST)

        yield from sorted(widgets, key=rank)  # stable: the rest keep their order

    async def recompose(self) -> None:
        await super().recompose()
        self.call_after_refresh(self.fit_keys)

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self.fit_keys)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.fit_keys)

    def _width(self, widget: Widget) -> int:
        """The width ``widget`` draws in when shown, margins aside (measured, not drawn)."""
        if isinstance(widget, FooterKey) or not widget.children:
            content = widget.get_content_width(self.size, self.app.size)
            return content + widget.styles.gutter.width
        inner = 0
        for child in widget.children:
            if child.display:
                margin = child.styles.margin
                inner += margin.left + self._width(child) + margin.right
        return inner + widget.styles.gutter.width

    def fit_keys(self) -> None:
        """Show the keys that fit whole, in order; leave out the rest (until there is room)."""
        if not self.is_attached or not self.size.width:
            return
        palette = [w for w in self.children if w.has_class("-command-palette")]
        room = self.size.width - sum(self._width(w) + w.styles.margin.width for w in palette)
        used = 0
        full = False
        for widget in self.children:
            if widget in palette:
                continue
            margin = widget.styles.margin
            width = self._width(widget)
            fits = not full and used + margin.left + width <= room
            full = full or not fits
            if fits:
                used += margin.left + width + margin.right
            if widget.display != fits:
                widget.display = fits
