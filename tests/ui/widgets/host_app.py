"""A small app that hosts one field editor, for Pilot and snapshot tests.

Animations and cursor blink are off so screenshots are stable; every
``FieldEditor.Changed`` message is recorded in ``changes`` (the field ids).
"""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer

from reflect_tui.domain.answers import Value
from reflect_tui.domain.template import Field
from reflect_tui.ui.widgets.fields import FieldEditor, editor_for


class HostApp(App[None]):
    """Hosts ``editor_for(field, value, ...)`` in a scrolling pane above a footer."""

    CSS = """
    Screen { layout: vertical; }
    #pane { height: 1fr; padding: 0 1; }
    """

    def __init__(
        self,
        field: Field,
        value: Value,
        *,
        read_only: bool = False,
        people: Iterable[str] = (),
        themes: Iterable[str] = (),
        room_mode: bool = False,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        if theme is not None:
            self.theme = theme
        self.animation_level = "none"
        self.cursor_blink = False
        self.editor = editor_for(
            field, value, read_only=read_only, people=people, themes=themes, id="editor"
        )
        self.room_mode = room_mode
        self.changes: list[str] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="pane"):
            yield self.editor
        yield Footer()

    def on_mount(self) -> None:
        self.editor.set_room_mode(self.room_mode)
        self.editor.focus_first()

    def on_field_editor_changed(self, message: FieldEditor.Changed) -> None:
        assert message.editor is self.editor
        self.changes.append(message.field_id)


#: The two terminal sizes every editor is snapshotted at.
SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])
