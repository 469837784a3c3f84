"""Radio buttons and checkboxes whose state shows in the glyph, not only in its colour.

Textual draws every radio button ``▐●▌`` and every checkbox ``▐X▌``, chosen or not;
only the colour tells them apart, which fails on a washed-out projector and for
anyone who does not see the difference. These draw ◉ / ○ and ☑ / ☐.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox, RadioButton

RADIO_ON, RADIO_OFF = "◉", "○"
CHECK_ON, CHECK_OFF = "☑", "☐"


class GlyphRadioButton(RadioButton):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = RADIO_ON if self.value else RADIO_OFF
        return super()._button


class GlyphCheckbox(Checkbox):
    @property
    def _button(self) -> Content:
        self.BUTTON_INNER = CHECK_ON if self.value else CHECK_OFF
        return super()._button
