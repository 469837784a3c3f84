"""The field-editor factory: one editor widget per field kind.

The session runner calls ``editor_for(field, value)`` for each field of a step,
listens for ``FieldEditor.Changed`` (posted on every keystroke) and reads
``editor.value``, which is always in the domain type documented in
``reflect_tui.domain.answers``.
"""

from __future__ import annotations

from collections.abc import Iterable

from reflect_tui.domain.answers import Value
from reflect_tui.domain.template import Field, FieldKind
from reflect_tui.ui.widgets.actions_editor import ActionsEditor
from reflect_tui.ui.widgets.checklist_editor import ChecklistEditor
from reflect_tui.ui.widgets.choice_editor import ChoiceEditor
from reflect_tui.ui.widgets.datetime_editor import DateTimeEditor
from reflect_tui.ui.widgets.editor_base import PRIVATE_MARKER, FieldEditor
from reflect_tui.ui.widgets.list_editor import ListEditor
from reflect_tui.ui.widgets.people_editor import PeopleEditor
from reflect_tui.ui.widgets.rating_editor import RatingEditor
from reflect_tui.ui.widgets.risks_editor import RisksEditor
from reflect_tui.ui.widgets.text_editor import TextEditor

__all__ = ["EDITORS", "PRIVATE_MARKER", "FieldEditor", "editor_for"]

#: The editor class for each field kind.
EDITORS: dict[FieldKind, type[FieldEditor]] = {
    FieldKind.TEXT: TextEditor,
    FieldKind.LIST: ListEditor,
    FieldKind.ACTIONS: ActionsEditor,
    FieldKind.RATING: RatingEditor,
    FieldKind.CHECKLIST: ChecklistEditor,
    FieldKind.RISKS: RisksEditor,
    FieldKind.CHOICE: ChoiceEditor,
    FieldKind.DATETIME: DateTimeEditor,
    FieldKind.PEOPLE: PeopleEditor,
}


def editor_for(
    field: Field,
    value: Value,
    *,
    read_only: bool = False,
    people: Iterable[str] = (),
    themes: Iterable[str] = (),
    id: str | None = None,
) -> FieldEditor:
    """A new editor for ``field`` holding ``value``.

    ``people`` feeds name suggestions (action owners, people fields); ``themes``
    feeds theme-tag suggestions on list fields with ``field.themes``. A read-only
    editor shows the value without inputs (completed sessions).
    """
    editor_class = EDITORS[field.kind]
    return editor_class(field, value, read_only=read_only, people=people, themes=themes, id=id)
