"""An OptionList whose cursor stops at the first and last rows instead of wrapping.

On home, Up on the first row used to jump to the oldest record, which on a
projector could be a confidential one; a list that stops is also calmer.

It also keeps its measured rows when only its height changes. Textual's list
forgets every option's rendered lines and line count on each resize, and home's
list (up to 200 sessions) is resized twice while the screen first settles with
the same width each time: each time every row was measured again. Row heights
and renders depend on the width alone, so a resize that keeps the width keeps them.
"""

from __future__ import annotations

from textual import events
from textual.widgets import OptionList


class EndStopOptionList(OptionList):
    # The content width every cached row was measured at (None: not measured yet).
    _measured_width: int | None = None

    def _update_lines(self) -> None:
        # Textual empties its row caches together; rows measured from empty share a width.
        from_empty = not self._line_cache.lines
        super()._update_lines()
        if from_empty and self._line_cache.lines:
            self._measured_width = self.scrollable_content_region.width

    def on_resize(self, event: events.Resize) -> None:  # runs before OptionList._on_resize
        if self._measured_width == self.scrollable_content_region.width:
            event.prevent_default()  # Textual's handler would drop the rows measured
            self.refresh()
            return
        self._measured_width = None  # dropped by Textual's handler; measured again on use

    def _step(self, direction: int) -> None:
        index = self.highlighted
        if index is None:
            super().action_first() if direction > 0 else super().action_last()
            return
        i = index + direction
        while 0 <= i < self.option_count:
            if not self.get_option_at_index(i).disabled:
                self.highlighted = i
                return
            i += direction

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_cursor_down(self) -> None:
        self._step(1)
