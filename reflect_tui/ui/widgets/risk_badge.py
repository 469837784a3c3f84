"""A coloured risk score and band, e.g. ``12 HIGH``; unknown shows as ``? UNKNOWN``, never low.

The band is always written out as a word too, so it reads without colour
(projectors wash colours out; some readers do not see them).
"""

from __future__ import annotations

from textual.widgets import Static

from reflect_tui.domain.risk import Band
from reflect_tui.ui.widgets._css import css_beside

BAND_WORDS = {
    Band.UNKNOWN: "UNKNOWN",
    Band.LOW: "LOW",
    Band.MODERATE: "MODERATE",
    Band.HIGH: "HIGH",
    Band.EXTREME: "EXTREME",
}

#: Rich styles matching the badge colours, for read-only text.
BAND_STYLES = {
    Band.UNKNOWN: "bold #000000 on #9e9e9e",
    Band.LOW: "bold #ffffff on #2e7d32",
    Band.MODERATE: "bold #000000 on #fbc02d",
    Band.HIGH: "bold #000000 on #ef6c00",
    Band.EXTREME: "bold #ffffff on #c62828",
}


def badge_text(score: int | None, band: Band) -> str:
    return f"{'?' if score is None else score:>2} {BAND_WORDS[band]}"


class RiskBadge(Static):
    """Shows a score and its band in the band's colour (CSS class ``-band-<band>``)."""

    DEFAULT_CSS = css_beside(__file__, "risk_badge.tcss")

    def __init__(
        self,
        score: int | None = None,
        band: Band = Band.UNKNOWN,
        *,
        prefix: str = "",
        classes: str | None = None,
    ) -> None:
        super().__init__("", classes=classes)
        self.prefix = prefix
        self.band = band
        self._shown: tuple[str, Band] | None = None
        self.show(score, band)

    def show(self, score: int | None, band: Band, *, text: str | None = None) -> None:
        """Show ``score``/``band`` (or ``text`` in the band's colour)."""
        shown = f"{self.prefix}{text if text is not None else badge_text(score, band)}"
        if (shown, band) == self._shown:
            return  # most keystrokes change neither: skip the restyle and relayout
        self._shown = (shown, band)
        for other in Band:
            self.set_class(other is band, f"-band-{other.value}")
        self.band = band
        self.update(shown)
