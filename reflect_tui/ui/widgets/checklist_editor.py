"""A checklist: each template item answered yes / no / not sure, with a note."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import HorizontalGroup, VerticalGroup
from textual.widgets import Input, Label

from reflect_tui.domain.answers import Answer, ChecklistEntry, Value, checklist_entries
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.editor_base import FieldEditor
from reflect_tui.ui.widgets.option_strip import OptionStrip

ANSWERS = [Answer.YES, Answer.NO, Answer.NOT_SURE]
SHORTCUTS = {"y": 0, "n": 1, "s": 2, "?": 2}


class AnswerStrip(OptionStrip):
    """``○ yes  ○ no  ○ not sure``: keys y / n / s, ← →, Delete to clear."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "pick(0)", "Yes", id="field.checklist.yes"),
        Binding("n", "pick(1)", "No", id="field.checklist.no"),
        Binding("s", "pick(2)", "Not sure", id="field.checklist.not_sure"),
    ]

    def __init__(self, answer: Answer | None, *, index: int) -> None:
        selected = ANSWERS.index(answer) if answer is not None else None
        super().__init__([a.value for a in ANSWERS], selected, shortcuts=SHORTCUTS)
        self.index = index

    def action_pick(self, index: int) -> None:
        self.select(index)


class ChecklistEditor(FieldEditor):
    """The value is ``list[ChecklistEntry]``, one per item of ``field.options``, in order."""

    DEFAULT_CSS = css_beside(__file__, "checklist_editor.tcss")

    @property
    def entries(self) -> list[ChecklistEntry]:
        return checklist_entries(self._value)

    def normalise(self, value: Value) -> Value:
        given = {entry.item: entry for entry in checklist_entries(value)}
        entries = [
            ChecklistEntry(item=o, answer=given[o].answer, note=given[o].note)
            if o in given
            else ChecklistEntry(item=o)
            for o in self.field.options
        ]
        # Entries for items no longer in the template are kept, not dropped.
        entries += [
            ChecklistEntry(item=e.item, answer=e.answer, note=e.note)
            for e in checklist_entries(value)
            if e.item not in self.field.options
        ]
        return entries

    def compose_body(self) -> ComposeResult:
        for index, entry in enumerate(self.entries):
            with VerticalGroup(classes="check-item"):
                with HorizontalGroup(classes="check-head"):
                    yield Label(f"{index + 1}.", classes="check-number")
                    yield Label(entry.item, classes="check-label")
                with HorizontalGroup(classes="check-line"):
                    yield AnswerStrip(entry.answer, index=index)
                    yield self.quiet(
                        Input(
                            entry.note,
                            placeholder="note",
                            compact=True,
                            classes="check-note",
                            name=str(index),
                        )
                    )

    def on_option_strip_changed(self, event: OptionStrip.Changed) -> None:
        event.stop()
        assert isinstance(event.strip, AnswerStrip)
        entry = self.entries[event.strip.index]
        entry.answer = None if event.selected is None else ANSWERS[event.selected]
        self.changed()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.name is None:
            return
        entry = self.entries[int(event.input.name)]
        if entry.note != event.input.value:
            entry.note = event.input.value
            self.changed()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.screen.focus_next()

    def read_only_text(self) -> Text:
        if not self._value:
            return Text(self.EMPTY_TEXT)
        lines = []
        for entry in self.entries:
            line = Text(f"• {entry.item}: ")
            line.append(entry.answer.value if entry.answer else "not answered", style="bold")
            if entry.note.strip():
                line.append(f" — {entry.note.strip()}", style="italic")
            lines.append(line)
        return Text("\n").join(lines)
