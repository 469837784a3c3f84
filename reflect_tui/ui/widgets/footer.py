"""A footer that never loses Help and Quit at 80 columns.

Textual's footer lists the focused widget's keys first and the app's last, so on a
narrow terminal the first keys cut off are F1 Help and Ctrl+Q Quit, the two a
newcomer most needs. ``KeepFooter`` puts those two first; what no longer fits is
then a widget's own key, which F1 still lists.
"""

from __future__ import annotations

from textual.app import ComposeResult
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
