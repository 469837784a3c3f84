"""All nine editors on one screen, as in a session step: Tab reaches each, nothing traps focus."""

from __future__ import annotations

from samples import ALL_FIELDS, PEOPLE, THEMES, sample_value
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widget import Widget

from reflect_tui.domain.answers import Value, empty_value
from reflect_tui.ui.widgets.fields import FieldEditor, editor_for


class StepApp(App[None]):
    def __init__(self, *, filled: bool) -> None:
        super().__init__()
        self.cursor_blink = False
        self.filled = filled
        self.changed: list[str] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            for field in ALL_FIELDS:
                value: Value = (
                    sample_value(field) if self.filled else empty_value(field.kind, field.options)
                )
                yield editor_for(field, value, people=PEOPLE, themes=THEMES)

    def on_field_editor_changed(self, message: FieldEditor.Changed) -> None:
        self.changed.append(message.field_id)


def editor_of(widget: Widget | None) -> FieldEditor | None:
    node = widget
    while node is not None and not isinstance(node, FieldEditor):
        node = node.parent  # type: ignore[assignment]
    return node


async def test_tab_walks_through_every_editor_in_order() -> None:
    app = StepApp(filled=False)
    order = [f.id for f in ALL_FIELDS]
    async with app.run_test(size=(80, 24)) as pilot:
        app.query(FieldEditor).first().focus_first()
        await pilot.pause()
        visited: list[str] = []
        for _ in range(40):
            editor = editor_of(app.screen.focused)
            if editor is not None and (not visited or visited[-1] != editor.field.id):
                visited.append(editor.field.id)
            if visited[-1:] == order[-1:]:
                break
            await pilot.press("tab")
        assert visited == order
        assert app.changed == []  # moving around changes nothing


async def test_each_editor_reports_only_its_own_changes() -> None:
    app = StepApp(filled=True)
    async with app.run_test(size=(80, 24)) as pilot:
        editors = list(app.query(FieldEditor))
        editors[-1].focus_first()  # people
        await pilot.pause()
        await pilot.press("end", "!")
        await pilot.pause()
        assert app.changed == ["present"]
