"""Load a widget's stylesheet from the ``.tcss`` file kept beside its module."""

from __future__ import annotations

from pathlib import Path


def css_beside(module_file: str, name: str) -> str:
    """The text of ``name`` next to ``module_file``, for a widget's ``DEFAULT_CSS``.

    Styles live in ``.tcss`` files (shipped as package data) so they can be read
    and edited as stylesheets, yet each widget still carries its own CSS and works
    inside any app without that app listing the files.
    """
    return (Path(module_file).parent / name).read_text(encoding="utf-8")
