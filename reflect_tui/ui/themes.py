"""The high-contrast theme, and the chosen theme remembered in the store's settings.

Textual's built-in themes draw muted text at 2.5–3.6:1 against its background; on a
projector in a bright room that is unreadable. ``reflect-high-contrast`` keeps every
text colour at 4.5:1 or more (WCAG AA) on every background it is drawn on
(tests/ui/test_glyphs_and_theme.py measures it from the theme's generated colours).
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import TYPE_CHECKING

from textual.theme import Theme

from reflect_tui.domain import settings
from reflect_tui.domain.settings import Settings, save
from reflect_tui.errors import UserError

if TYPE_CHECKING:
    from reflect_tui.ui.app import ReflectApp

THEME_SETTING = settings.THEME

HIGH_CONTRAST = Theme(
    name="reflect-high-contrast",
    dark=True,
    primary="#FFD700",
    secondary="#00E5FF",
    accent="#FF9EFF",
    warning="#FFD700",
    error="#FF6E6E",
    success="#5CFF8A",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1C1C1C",
    boost="#FFFFFF10",
    variables={
        "text-muted": "#D8D8D8",
        "foreground-muted": "#D8D8D8",
        "text-disabled": "#B0B0B0",
        "foreground-disabled": "#B0B0B0",
        "text-primary": "#FFE45C",
        "text-secondary": "#7FF3FF",
        "text-accent": "#FFC2FF",
        "text-warning": "#FFE45C",
        "text-error": "#FF9A9A",
        "text-success": "#8CFFAE",
        "footer-key-foreground": "#FFD700",
        "footer-description-foreground": "#FFFFFF",
        "footer-foreground": "#FFFFFF",
        "block-cursor-foreground": "#000000",
        "block-cursor-background": "#FFD700",
        "block-cursor-blurred-foreground": "#FFFFFF",
        "block-cursor-blurred-background": "#5C4D00",
        "input-selection-background": "#FFD700",
        "input-selection-foreground": "#000000",
        "input-cursor-foreground": "#000000",
        "input-cursor-background": "#FFFFFF",
        "markdown-h6-color": "#FFFFFF",
        "button-foreground": "#FFFFFF",
    },
)


def install_themes(app: ReflectApp) -> None:
    """Register the high-contrast theme, apply the remembered theme, remember changes."""
    app.register_theme(HIGH_CONTRAST)
    try:
        saved = Settings.load(app.store).theme
    except UserError:
        saved = None
    if isinstance(saved, str) and saved in app.available_themes:
        app.theme = saved
    app.theme_changed_signal.subscribe(app, lambda theme: remember_theme(app, theme.name))


def remember_theme(app: ReflectApp, name: str) -> None:
    store = app.store
    if store.read_only:
        return  # a read-only window cannot write settings; the other window keeps its own
    # If it cannot be written, the theme still changes; it is just not remembered this time.
    with contextlib.suppress(UserError):
        save(store, replace(Settings.load(store), theme=name))
