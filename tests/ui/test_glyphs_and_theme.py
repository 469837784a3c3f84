"""Meaning is not carried by colour alone; the theme is high-contrast on request and remembered."""

from __future__ import annotations

from pathlib import Path

from harness import build_app, new_clock
from textual.widgets import RadioButton

from reflect_tui.domain.session import Session
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.screens.runner import RunnerScreen
from reflect_tui.ui.widgets.glyphs import CHECK_OFF, CHECK_ON, RADIO_OFF, RADIO_ON, GlyphCheckbox


async def test_a_choice_shows_which_option_is_chosen_by_its_glyph(tmp_path: Path) -> None:
    data = tmp_path / "data"
    template = TemplateLibrary.from_dirs([]).get("team-reflection")
    session = Session.start(template, "Glyphs", new_clock().now(), team="North")
    session.current_step = 4  # share-beyond-team: a choice
    session.answers["share-beyond-team"] = "No"
    with Store.open(data, new_clock()) as store:
        store.save_session(session)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RunnerScreen(session))
        await pilot.pause()
        buttons = list(
            app.screen.query("#field-share-beyond-team RadioButton").results(RadioButton)
        )
        drawn = {str(b.label): b.render().plain for b in buttons}
        assert drawn["No"].startswith(f"▐{RADIO_ON}▌")
        assert all(
            text.startswith(f"▐{RADIO_OFF}▌") for label, text in drawn.items() if label != "No"
        )


async def test_a_checkbox_shows_ticked_or_not_by_its_glyph(tmp_path: Path) -> None:
    from textual.app import App, ComposeResult

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield GlyphCheckbox("overdue only", False)

    app = Host()
    async with app.run_test(size=(40, 5)) as pilot:
        box = app.query_one(GlyphCheckbox)
        assert CHECK_OFF in box.render().plain
        box.toggle()
        await pilot.pause()
        assert CHECK_ON in box.render().plain


def contrast(foreground: str, background: str, variables: dict[str, str]) -> float:
    """WCAG contrast of a text colour (alpha and "auto" resolved as Textual draws them)."""
    from textual.color import Color

    back = Color.parse(background)
    if foreground.startswith("auto"):
        parts = foreground.split()
        alpha = float(parts[1].rstrip("%")) / 100 if len(parts) > 1 else 1.0
        fore = back.get_contrast_text(alpha)
    else:
        fore = Color.parse(foreground)
    fore = back + fore  # blend any alpha over what is behind it

    def luminance(c: Color) -> float:
        def channel(v: int) -> float:
            x = v / 255
            return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)

    light, dark = sorted((luminance(fore), luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


TEXT_COLOURS = [
    "foreground",
    "text",
    "text-muted",
    "foreground-muted",
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-warning",
    "text-error",
    "text-success",
    "primary",
    "warning",
    "error",
    "success",
    "footer-key-foreground",
    "footer-description-foreground",
    *(f"markdown-h{n}-color" for n in range(1, 7)),
]
BACKGROUNDS = ["background", "surface", "panel", "footer-background"]
PAIRS = [
    ("block-cursor-foreground", "block-cursor-background"),
    ("block-cursor-blurred-foreground", "block-cursor-blurred-background"),
    ("input-selection-foreground", "input-selection-background"),
    ("input-cursor-foreground", "input-cursor-background"),
]


def test_the_high_contrast_theme_keeps_all_text_at_4_5_to_1() -> None:
    from reflect_tui.ui.themes import HIGH_CONTRAST

    variables = {**HIGH_CONTRAST.to_color_system().generate(), **HIGH_CONTRAST.variables}
    worst: list[tuple[float, str, str]] = []
    for back in BACKGROUNDS:
        for fore in TEXT_COLOURS:
            worst.append((contrast(variables[fore], variables[back], variables), fore, back))
    for fore, back in PAIRS:
        worst.append((contrast(variables[fore], variables[back], variables), fore, back))
    low = [w for w in worst if w[0] < 4.5]
    assert not low, sorted(low)
    assert min(worst)[0] >= 4.5


async def test_the_chosen_theme_is_remembered_across_restarts(tmp_path: Path) -> None:
    from reflect_tui.ui.themes import THEME_SETTING

    data = tmp_path / "data"
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        assert "reflect-high-contrast" in app.available_themes
        app.theme = "reflect-high-contrast"
        await pilot.pause()
        assert app.store.get_setting(THEME_SETTING, None) == "reflect-high-contrast"
    again = build_app(data)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "reflect-high-contrast"


def test_the_ui_uses_theme_colours_not_fixed_rich_colour_names() -> None:
    import re

    import reflect_tui.ui

    named = re.compile(
        r"""style=["'][^"']*\b(red|green|yellow|blue|white|black|grey|orange|dark_red)\b"""
    )
    root = Path(reflect_tui.ui.__file__).parent
    found = [
        f"{path.relative_to(root)}:{n}"
        for path in sorted(root.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if named.search(line)
    ]
    assert found == []
