"""An OptionList whose cursor stops at the first and last rows instead of wrapping.

On home, Up on the first row used to jump to the oldest record, which on a
projector could be a confidential one; a list that stops is also calmer.
"""

from __future__ import annotations

from textual.widgets import OptionList


class EndStopOptionList(OptionList):
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
