"""Golden files: the minutes (Markdown and HTML) of one session of every built-in template,
and the visit card of the pre-visit risk analysis.

The files in tests/minutes/golden/ were reviewed by eye and frozen. When a change to the
minutes or to a built-in template is intended, regenerate them and review the diff:

    REFLECT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/minutes/test_minutes_golden.py
    git diff tests/minutes/golden/
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from minutes_builtin_sessions import built_in_session, built_in_templates

from reflect_tui.domain.session import Session
from reflect_tui.minutes import render_html, render_markdown, render_visit_card

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("REFLECT_UPDATE_GOLDEN") == "1"
TEMPLATES = {t.id: t for t in built_in_templates()}

Renderer = Callable[[Session], str]
OUTPUTS: dict[str, Renderer] = {
    "md": lambda s: render_markdown(s, confirmed_confidential=True),
    "html": lambda s: render_html(s, confirmed_confidential=True),
}
CARDS: dict[str, Renderer] = {
    "card.md": lambda s: render_visit_card(s, fmt="md"),
    "card.html": lambda s: render_visit_card(s, fmt="html"),
}


def _cases() -> list[tuple[str, str]]:
    cases = [(tid, ext) for tid in sorted(TEMPLATES) for ext in OUTPUTS]
    return cases + [("pre-visit-risk", ext) for ext in CARDS]


def _check(path: Path, actual: str) -> None:
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"no golden file {path.name}; run with REFLECT_UPDATE_GOLDEN=1"
    assert actual == path.read_text(encoding="utf-8"), (
        f"{path.name} changed; if intended, run with REFLECT_UPDATE_GOLDEN=1 and review the diff"
    )


def test_every_built_in_template_has_golden_minutes() -> None:
    assert set(TEMPLATES) >= {
        "team-reflection", "learning-from-success", "pre-visit-risk", "post-incident-review",
        "supervision-one-to-one", "supervision-group", "decompression", "team-wellbeing",
    }  # fmt: skip
    expected = {f"{tid}.{ext}" for tid, ext in _cases()}
    if not UPDATE:
        assert {p.name for p in GOLDEN.iterdir()} == expected  # no missing or stale files


@pytest.mark.parametrize(("template_id", "ext"), _cases())
def test_golden(template_id: str, ext: str) -> None:
    session = built_in_session(TEMPLATES[template_id])
    render = OUTPUTS.get(ext) or CARDS[ext]
    actual = render(session)
    if ext.endswith("md"):
        front = yaml.safe_load(actual.split("\n---\n", 1)[0].removeprefix("---\n"))
        assert front["template"] == template_id
    _check(GOLDEN / f"{template_id}.{ext}", actual)
