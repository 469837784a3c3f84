"""The organisational themes that list items can be tagged with.

The default vocabulary is shared by the demo data, the app and the thematic
report; each store keeps its own editable copy in the setting ``"themes"``.
Tags are compared after ``normalise_theme`` so "Workload " and "workload" are
the same theme.
"""

from __future__ import annotations

DEFAULT_THEMES: tuple[str, ...] = (
    "workload",
    "management support",
    "organisational culture",
    "distressing cases",
    "lone working and safety",
    "home and personal life",
    "physical health",
    "training and development",
    "team relationships",
    "successes worth spreading",
)

THEMES_SETTING = "themes"


def normalise_theme(tag: str) -> str:
    """Case-folded, with runs of whitespace collapsed: the key two tags are compared by."""
    return " ".join(tag.split()).casefold()
