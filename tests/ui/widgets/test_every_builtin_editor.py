"""Every editor of every step of every built-in template opens, read-only and editable.

Over demo data (every field answered as the sample data answers it), so a
read-only record view or a second window never meets an editor that crashes
(issue 11: the risk register's read-only view raised NoMatches '.risk-highest').
"""

from __future__ import annotations

import random
from datetime import date

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll

from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Template
from reflect_tui.store import demo
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.widgets.fields import FieldEditor, editor_for

TEMPLATES = TemplateLibrary.from_dirs([]).templates()
TODAY = date(2026, 6, 1)


def demo_session(template: Template, draft: bool) -> Session:
    rng, ids = random.Random(f"{template.id}:{draft}"), random.Random(f"{template.id}:ids")
    people = demo.roster(random.Random("people"))
    return demo.make_session(template, rng, ids, people, TODAY, draft)


class StepsApp(App[None]):
    """Every field editor of every step of one session, in one scrolling pane."""

    def __init__(self, session: Session, read_only: bool) -> None:
        super().__init__()
        self.animation_level = "none"
        self.cursor_blink = False
        self.editors = [
            editor_for(f, session.answers[f.id], read_only=read_only, people=["Sam"], themes=[])
            for step in session.template.steps
            for f in step.fields
        ]

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield from self.editors


@pytest.mark.parametrize("read_only", [True, False], ids=["read-only", "editable"])
@pytest.mark.parametrize("draft", [False, True], ids=["complete", "draft"])
@pytest.mark.parametrize("template", TEMPLATES, ids=lambda t: t.id)
async def test_every_editor_of_every_step_opens(
    template: Template, draft: bool, read_only: bool
) -> None:
    session = demo_session(template, draft)
    app = StepsApp(session, read_only)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for editor in app.editors:
            editor.scroll_visible()
            assert isinstance(editor, FieldEditor) and editor.is_mounted
            assert editor.value == session.answers[editor.field.id]
            if read_only:
                assert not editor.query("Input, TextArea, RadioSet, OptionStrip")
        await pilot.pause()
    assert app.return_code in (None, 0)
