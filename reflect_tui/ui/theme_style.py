"""Rich styles from the theme's colours, so text drawn with Rich follows the theme.

Widgets that build ``rich.text.Text`` cannot use Textual's ``$warning`` variables
directly; ``theme_style(app, "bold $warning")`` resolves them from the current theme
(hard-coded Rich colours like "red" ignore the theme, and its contrast).
"""

from __future__ import annotations

from textual.app import App
from textual.color import Color, ColorParseError


def theme_style(app: App[object], spec: str) -> str:
    """``spec`` with each ``$name`` replaced by the current theme's colour of that name.

    An "auto" colour (Textual's ``$text``) becomes the readable black or white for the
    background given after ``on`` (or the theme's background).
    """
    variables = app.theme_variables or app.get_css_variables()
    words = spec.split()

    def resolve(name: str) -> Color | None:
        try:
            return Color.parse(variables.get(name, ""))
        except ColorParseError:
            return None

    back: Color | None = None
    if "on" in words and words.index("on") + 1 < len(words):
        behind = words[words.index("on") + 1]
        back = resolve(behind[1:]) if behind.startswith("$") else None
    out: list[str] = []
    for word in words:
        if not word.startswith("$"):
            out.append(word)
            continue
        value = variables.get(word[1:], "")
        if value.startswith("auto"):
            parts = value.split()
            alpha = float(parts[1].rstrip("%")) / 100 if len(parts) > 1 else 1.0
            base = back or resolve("background") or Color(0, 0, 0)
            out.append((base + base.get_contrast_text(alpha)).hex6)
            continue
        color = resolve(word[1:])
        if color is not None:  # an unknown name: no colour rather than a crash
            out.append(color.hex6)
    return " ".join(out)


def themed(spec: str) -> str:
    """``theme_style`` for the running app (for helpers that are handed no app)."""
    from textual._context import active_app

    try:
        app = active_app.get()
    except LookupError:
        return " ".join(w for w in spec.split() if not w.startswith("$"))
    return theme_style(app, spec)
