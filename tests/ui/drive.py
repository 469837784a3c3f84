"""Key-press scripts that fill a session in the running app, field kind by field kind.

Each script only presses keys (Tab to reach an input, then typing), the way a
person would; ``expected`` says what the store must then hold for that field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, RadioSet, TextArea

from reflect_tui.domain.answers import (
    ActionItem,
    Answer,
    ChecklistEntry,
    ListItem,
    RiskRow,
    people_of,
)
from reflect_tui.domain.template import Field, FieldKind
from reflect_tui.ui.widgets.fields import FieldEditor

MAX_TABS = 60


def editor_of(widget: Widget | None) -> FieldEditor | None:
    while widget is not None:
        if isinstance(widget, FieldEditor):
            return widget
        widget = widget.parent  # type: ignore[assignment]
    return None


async def tab_to(pilot: Pilot[Any], field: Field, want: Callable[[Widget], bool]) -> Widget:
    """Press Tab until the cursor is in ``field``'s editor on a widget ``want`` accepts."""
    app = pilot.app
    for _ in range(MAX_TABS):
        focused = app.focused
        editor = editor_of(focused)
        mine = focused is not None and editor is not None and editor.field.id == field.id
        if mine and focused is not None and want(focused):
            return focused
        await pilot.press("tab")
    raise AssertionError(f"Tab never reached {field.id} ({field.kind}); focus is on {app.focused}")


def answer_strip(index: int) -> Callable[[Widget], bool]:
    """The yes / no / not sure strip of checklist item ``index``."""
    return lambda w: getattr(w, "index", None) == index and not isinstance(w, Input)


def has(cls: str) -> Callable[[Widget], bool]:
    return lambda w: w.has_class(cls)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*text)


DUE = "2026-03-16"


async def fill_field(pilot: Pilot[Any], field: Field, n: int) -> Any:
    """Fill one field by keys; return the value the store should hold for it.

    ``n`` makes every typed value unique; values are short because each key
    press costs a few frames under Pilot.
    """
    kind = field.kind
    tag = str(n)
    if kind is FieldKind.TEXT:
        await tab_to(pilot, field, lambda w: isinstance(w, TextArea))
        await type_text(pilot, f"t{tag}")
        return f"t{tag}"
    if kind is FieldKind.LIST:
        await tab_to(pilot, field, has("list-text"))
        await type_text(pilot, f"a{tag}")
        themes: list[str] = []
        if field.themes:
            await tab_to(pilot, field, has("list-themes"))
            await type_text(pilot, "workload")
            themes = ["workload"]
        await pilot.press("enter")
        await tab_to(pilot, field, has("list-text"))
        await type_text(pilot, f"b{tag}")
        return [ListItem(f"a{tag}", themes), ListItem(f"b{tag}", [])]
    if kind is FieldKind.ACTIONS:
        await tab_to(pilot, field, has("action-what"))
        await type_text(pilot, f"d{tag}")
        await tab_to(pilot, field, has("action-owner"))
        await type_text(pilot, "Sam")
        await tab_to(pilot, field, has("action-due"))
        await type_text(pilot, DUE)
        return [("d" + tag, "Sam", DUE)]
    if kind is FieldKind.RATING:
        await tab_to(pilot, field, lambda w: w.can_focus and not isinstance(w, Input))
        scale = field.scale
        low, high = (scale.minimum, scale.maximum) if scale else (1, 10)
        point = min(high, max(low, 3))
        await pilot.press(str(point))
        return point
    if kind is FieldKind.CHECKLIST:
        answers = ["y", "n", "s"]
        entries: list[ChecklistEntry] = []
        for index, item in enumerate(field.options):
            key = answers[index % 3]
            await tab_to(pilot, field, answer_strip(index))
            await pilot.press(key)
            note = ""
            if index == 0:
                await tab_to(pilot, field, has("check-note"))
                note = f"n{tag}"
                await type_text(pilot, note)
            answer = {"y": Answer.YES, "n": Answer.NO, "s": Answer.NOT_SURE}[key]
            entries.append(ChecklistEntry(item, answer, note))
        return entries
    if kind is FieldKind.RISKS:
        await tab_to(
            pilot, field, lambda w: w.has_class("risk-text") and not w.has_class("risk-controls")
        )
        await type_text(pilot, f"h{tag}")
        await tab_to(pilot, field, has("risk-l"))
        await type_text(pilot, "4")
        await tab_to(pilot, field, has("risk-s"))
        await type_text(pilot, "?")
        await tab_to(pilot, field, has("risk-controls"))
        await type_text(pilot, "pair")
        await tab_to(pilot, field, has("risk-rl"))
        await type_text(pilot, "2")
        await tab_to(pilot, field, has("risk-rs"))
        await type_text(pilot, "3")
        return [RiskRow(f"h{tag}", 4, None, "pair", 2, 3)]
    if kind is FieldKind.CHOICE:
        await tab_to(pilot, field, lambda w: isinstance(w, RadioSet))
        await pilot.press("enter")
        return field.options[0]
    if kind is FieldKind.DATETIME:
        await tab_to(pilot, field, has("datetime-date"))
        await type_text(pilot, "2026-04-01")
        await tab_to(pilot, field, has("datetime-time"))
        await type_text(pilot, "14:30")
        return "2026-04-01T14:30"
    if kind is FieldKind.PEOPLE:
        # The attendance question starts with the header's participants: add after them.
        start = await tab_to(pilot, field, lambda w: isinstance(w, Input) and not w.value)
        editor = editor_of(start)
        already = list(people_of(editor.value)) if editor is not None else []
        await type_text(pilot, "Rob")
        await pilot.press("enter")
        await tab_to(pilot, field, lambda w: isinstance(w, Input) and not w.value)
        await type_text(pilot, "Kit")
        return [*already, "Rob", "Kit"]
    raise AssertionError(f"no script for {kind}")


def stored_matches(kind: FieldKind, stored: Any, expected: Any) -> bool:
    if kind is FieldKind.ACTIONS:
        rows = [(a.what, a.owner, a.due.isoformat() if a.due else None) for a in stored]
        return bool(rows == expected and all(isinstance(a, ActionItem) for a in stored))
    return bool(stored == expected)
