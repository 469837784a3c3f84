"""The app's filter: no control character from stored text is ever drawn to the terminal.

Every character Textual puts on screen leaves through ``Strip.render`` (one
call per line of a widget, cached), where segment text is joined with the
style sequences Textual makes itself. ``install()`` wraps it so the text of
each segment is passed through ``textsafe.strip`` first: a title, name or
note holding ESC, OSC 52 or C1 bytes is drawn without them, whichever widget
shows it. Textual's own sequences are not segment text and pass as they are.
Textual is pinned exactly (pyproject), and a test renders stored escapes on
screen to prove the filter is in place.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.segment import Segment
from textual.strip import Strip

from reflect_tui.textsafe import has_controls, strip

_MARK = "_reflect_terminal_safe"


def install() -> None:
    """Wrap ``Strip.render`` once per process (idempotent)."""
    original: Callable[[Strip, Console], str] = Strip.render
    if getattr(original, _MARK, False):
        return

    def render(self: Strip, console: Console) -> str:
        if self._render_cache is None and any(
            control is None and has_controls(text) for text, _, control in self._segments
        ):
            self._segments = [
                Segment(strip(text), style, control)
                if control is None
                else Segment(text, style, control)
                for text, style, control in self._segments
            ]
        return original(self, console)

    setattr(render, _MARK, True)
    Strip.render = render  # type: ignore[method-assign]
