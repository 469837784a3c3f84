"""Risk bands follow the theme and never rely on colour alone.

For every theme the app offers (the high-contrast one included), the risk summary
badge of every band is drawn in that theme's own colour ($success, $warning,
$error, ...), with text at 4.5:1 or more measured from the rendered colours, and
the band written out as a word. The read-only rows (Rich text) use the same
colours. And no hard-coded colour is left in the UI's code or CSS.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from harness import build_app
from textual.color import Color

from reflect_tui.domain.risk import Band
from reflect_tui.ui.widgets.risk_badge import (
    BAND_VARIABLES,
    BAND_WORDS,
    RiskBadge,
    band_style,
    contrast_ratio,
)

SCORES = {
    Band.UNKNOWN: None,
    Band.LOW: 2,
    Band.MODERATE: 6,
    Band.HIGH: 12,
    Band.EXTREME: 20,
}


def rendered(badge: RiskBadge) -> tuple[str, Color, Color]:
    """The text and the (foreground, background) colours the badge's first line is drawn with."""
    segments = [seg for seg in badge.render_line(0) if seg.text.strip()]
    text = "".join(seg.text for seg in segments)
    style = segments[0].style
    assert style is not None and style.color is not None and style.bgcolor is not None
    fore, back = style.color, style.bgcolor
    if back.triplet is None or fore.triplet is None:  # an ANSI colour: the terminal decides
        return text, Color(0, 0, 0, ansi=0), Color(0, 0, 0, ansi=0)
    return text, Color(*fore.triplet), Color(*back.triplet)


async def test_every_theme_draws_the_risk_bands_in_its_own_colours_and_words(
    tmp_path: Path,
) -> None:
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        badges = {band: RiskBadge(SCORES[band], band) for band in Band}
        await app.screen.mount(*badges.values())
        await pilot.pause()
        themes = sorted(app.available_themes)
        assert "reflect-high-contrast" in themes and len(themes) > 10
        checked = 0
        for name in themes:
            app.theme = name
            await pilot.pause()
            variables = app.theme_variables
            for band, badge in badges.items():
                text, fore, back = rendered(badge)
                assert BAND_WORDS[band] in text, (name, band, text)  # meaning in words
                theme_colour = Color.parse(variables[BAND_VARIABLES[band]])
                if theme_colour.ansi is not None:
                    continue  # ANSI themes use the terminal's own palette
                assert back == theme_colour.with_alpha(1.0), (name, band, back, theme_colour)
                ratio = contrast_ratio(fore, back)
                assert ratio >= 4.5, (
                    f"{name}: {band.value} text {fore.hex} on {back.hex}: {ratio:.2f}"
                )
                # The Rich style of read-only rows is the same pair of colours.
                assert band_style(app.screen.app, band) == f"bold {fore.hex6} on {back.hex6}"
                checked += 1
        assert checked >= 5 * (len(themes) - 2)  # all but the two ANSI themes measured


async def test_the_bands_differ_from_each_other_in_every_theme(tmp_path: Path) -> None:
    """Low, moderate, high and extreme are four different colours wherever the theme allows."""
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        for name in sorted(app.available_themes):
            app.theme = name
            await pilot.pause()
            colours = {app.theme_variables[BAND_VARIABLES[band]] for band in Band}
            assert len(colours) >= 4, (name, colours)


def test_no_hard_coded_colour_is_left_in_the_ui() -> None:
    """Colours come from the theme: no hex, rgb() or named colour in ui/ code or CSS.

    Two exceptions, on purpose: the themes themselves (ui/themes.py), and the QR code
    of the room's join screen, which must be black on white for phones to read it.
    """
    import reflect_tui.ui

    root = Path(reflect_tui.ui.__file__).parent
    hex_colour = re.compile(r"(?<![\w-])#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b(?![\w-])")
    colour = r"(red|green|yellow|blue|magenta|cyan|white|black|grey|gray|orange|dark_red)\b"
    rich_named = re.compile(rf"""style\s*=\s*(themed\()?["'][^"']*(?<!\$)\b{colour}""")
    css_named = re.compile(
        rf"(color|background|border[\w-]*|tint)\s*:[^;]*(?<!\$)\b{colour}|rgb\(|hsl\("
    )
    found = []
    for path in sorted([*root.rglob("*.py"), *root.rglob("*.tcss")]):
        if path.name == "themes.py":
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines, start=1):
            qr_file = path.name in ("join.py", "join.tcss")
            if qr_file and any("#join-qr" in above for above in lines[n - 5 : n]):
                continue  # the QR code: black on white, for the phone's camera
            if hex_colour.search(line) or rich_named.search(line) or css_named.search(line):
                found.append(f"{path.relative_to(root)}:{n}: {line.strip()}")
    assert found == []


@pytest.mark.parametrize("band", list(Band))
def test_every_band_has_a_word(band: Band) -> None:
    assert BAND_WORDS[band] == band.value.upper()
