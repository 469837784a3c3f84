"""A coloured risk score and band, e.g. ``12 HIGH``; unknown shows as ``? UNKNOWN``, never low.

The band is always written out as a word too, so it reads without colour
(projectors wash colours out; some readers do not see them).
"""

from __future__ import annotations

from textual.app import App
from textual.color import Color, ColorParseError
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

#: The theme variable behind each band (the same as in risk_badge.tcss).
BAND_VARIABLES = {
    Band.UNKNOWN: "foreground-darken-2",
    Band.LOW: "success",
    Band.MODERATE: "warning-lighten-2",
    Band.HIGH: "warning",
    Band.EXTREME: "error",
}


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        x = value / 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)


def contrast_ratio(one: Color, other: Color) -> float:
    """WCAG 2 contrast ratio of two opaque colours (1 to 21)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


BLACK, WHITE = Color(0, 0, 0), Color(255, 255, 255)


def readable_on(back: Color) -> Color:
    """Black or white, whichever has the higher WCAG contrast on ``back`` (always >= 4.58:1).

    Textual's ``color: auto`` picks by perceived brightness, which gives 3.3-4.2:1 on some
    themes' error and success colours (gruvbox, monokai, catppuccin-latte, ...).
    """
    return BLACK if contrast_ratio(BLACK, back) >= contrast_ratio(WHITE, back) else WHITE


def band_colours(app: App[object], band: Band) -> tuple[Color, Color] | None:
    """(text, background) of ``band`` in ``app``'s current theme; None for an ANSI theme."""
    variables = app.theme_variables or app.get_css_variables()
    try:
        back = Color.parse(variables[BAND_VARIABLES[band]])
    except (KeyError, ColorParseError):
        return None
    if back.ansi is not None:
        return None
    return readable_on(back), back


def band_style(app: App[object], band: Band) -> str:
    """The Rich style of ``band`` in ``app``'s current theme, as the badge draws it.

    For text drawn with Rich (read-only rows): the band's theme colour behind, and
    black or white in front, whichever reads better on it.
    """
    colours = band_colours(app, band)
    if colours is None:  # an ANSI theme: the terminal's own colour, reversed
        variables = app.theme_variables or app.get_css_variables()
        name = variables.get(BAND_VARIABLES[band], "").removeprefix("ansi_")
        return f"bold reverse {name}" if name else "bold reverse"
    text, back = colours
    return f"bold {text.hex6} on {back.hex6}"


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
        self._readable_text()
        self.update(shown)

    def on_mount(self) -> None:
        self._readable_text()
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._readable_text())

    def _readable_text(self) -> None:
        """Black or white text, whichever reads better on the band's colour in this theme."""
        if not self.is_attached:
            return
        colours = band_colours(self.app, self.band)
        # Inline, over the CSS's ``color: auto`` (kept for ANSI themes, where it applies).
        self.styles.auto_color = colours is None
        self.styles.color = colours[0] if colours is not None else None
