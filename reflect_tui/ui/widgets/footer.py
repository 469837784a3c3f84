"""A footer that never loses Help and Quit at 80 columns, and never draws half a key.

Textual's footer lists the focused widget's keys first and the app's last, so on a
narrow terminal the first keys cut off are F1 Help and Ctrl+Q Quit, the two a
newcomer most needs. ``KeepFooter`` puts those two first. Whatever then does not fit
whole beside the command-palette key is left out (F1 lists every key), rather than
drawn cut (``^q▏``, ``f7▏``), and comes back when the terminal is wide enough.

Textual's footer rebuilds all its keys on every "bindings changed" signal, and a
screen sends several for one change (each focus move, each ``refresh_bindings``): at
start-up that was 23 rebuilds of every key, each one styled anew. ``KeepFooter``
rebuilds at most once per refresh, and only when the keys it would show differ from
the ones it shows.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: Actions shown first, in this order.
FIRST = ("help", "quit")


#: What the footer draws from: each shown binding with its state, then the palette key.
Shown = tuple[tuple[tuple[Binding, bool, str], ...], tuple[Binding, bool] | None]


def settle_compact(key: FooterKey, footer_compact: bool) -> None:
    """Give a new key the style it will have once mounted, so it is styled only once.

    A key starts compact and the footer's data binding makes it wide on mount: two
    restyles of each key for nothing (a quarter of home's style updates at start-up).
    The palette key is not bound and stays compact, as in Textual's footer.
    """
    compact = True if key.has_class("-command-palette") else footer_compact
    key.set_reactive(FooterKey.compact, compact)
    key.set_class(compact, "-compact", update=False)


class KeepFooter(Footer):
    # The keys the children were built from (None: not built yet), and whether a
    # rebuild is already waiting for the next refresh.
    _composed: Shown | None = None
    _rebuild_queued = False

    def shown_keys(self) -> Shown:
        """The keys ``compose`` would draw now, and their state (cheap: no widget built)."""
        active = self.screen.active_bindings
        keys = tuple(
            (binding, enabled, tooltip)
            for (_, binding, enabled, tooltip) in active.values()
            if binding.show
        )
        palette: tuple[Binding, bool] | None = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                palette = (found.binding, found.enabled)
        return keys, palette

    def bindings_changed(self, screen: Screen[object]) -> None:
        # As Textual's footer does, but one rebuild for any number of signals before a refresh.
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_queued:
            self._rebuild_queued = True
            self.call_after_refresh(self._rebuild_if_changed)

    def _gone(self) -> bool:
        """Detached or being removed: as Textual's own ``recompose``, build nothing then.

        (The screen's ``check_action`` may query children that are already gone.)
        """
        return not self.is_attached or self._pruning

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_queued = False
        if self._gone() or self.shown_keys() == self._composed:
            return
        await self.recompose()

    def compose(self) -> ComposeResult:
        # Textual's footer draws nothing until the screen first says its bindings
        # changed, then builds every key after the first frame, and the whole screen is
        # laid out again for it. The keys the screen has now are drawn in the first frame;
        # a focus that adds keys later rebuilds as usual (``bindings_changed``).
        self.set_reactive(Footer._bindings_ready, True)
        self._composed = self.shown_keys()
        widgets = list(super().compose())

        def rank(widget: object) -> int:
            if isinstance(widget, FooterKey) and widget.action in FIRST:
                return FIRST.index(widget.action)
            return len(FIRST)

        for widget in widgets:
            if isinstance(widget, FooterKey):
                settle_compact(widget, self.compact)
        yield from sorted(widgets, key=rank)  # stable: the rest keep their order

    async def recompose(self) -> None:
        if self._gone():
            return
        self._composed = self.shown_keys() if self._bindings_ready else None
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
