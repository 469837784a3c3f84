"""Rich styles from the theme's colours, so text drawn with Rich follows the theme.

Widgets that build ``rich.text.Text`` cannot use Textual's ``$warning`` variables
directly; ``theme_style(app, "bold $warning")`` resolves them from the current theme
(hard-coded Rich colours like "red" ignore the theme, and its contrast).
"""

from __future__ import annotations

from textual.app import App
from textual.color import Color, ColorParseError


def theme_style(app: App[object], spec: str) -> str:
    """``spec`` with each ``$name`` replaced by the current theme's colour of that name."""
    variables = app.theme_variables or app.get_css_variables()
    words: list[str] = []
    for word in spec.split():
        if word.startswith("$"):
            try:
                color = Color.parse(variables.get(word[1:], ""))
            except ColorParseError:
                continue  # an unknown name: no colour rather than a crash
            words.append(color.hex6)
        else:
            words.append(word)
    return " ".join(words)
