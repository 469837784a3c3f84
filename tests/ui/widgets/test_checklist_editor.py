"""The checklist editor: every item answered yes / no / not sure, with a note."""

from __future__ import annotations

from typing import Any

from host_app import SIZES, HostApp
from samples import CHECKLIST, sample_value

from reflect_tui.domain.answers import Answer, ChecklistEntry, checklist_entries, empty_value


def answers(app: HostApp) -> list[Answer | None]:
    return [entry.answer for entry in checklist_entries(app.editor.value)]


async def test_keys_answer_each_item_and_notes_are_typed_beside_it() -> None:
    app = HostApp(CHECKLIST, empty_value(CHECKLIST.kind, CHECKLIST.options))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("y", "tab", *"duty desk", "tab", "n", "tab", "tab", "s")
        await pilot.pause()
        assert answers(app) == [Answer.YES, Answer.NO, Answer.NOT_SURE]
        assert checklist_entries(app.editor.value)[0].note == "duty desk"
        assert [e.item for e in checklist_entries(app.editor.value)] == list(CHECKLIST.options)
        assert app.changes == ["lone_working"] * (3 + len("duty desk"))
        # Arrows move the answer; Delete clears it.
        await pilot.press("left")
        assert answers(app)[2] is Answer.NO
        await pilot.press("delete")
        assert answers(app)[2] is None


async def test_typing_y_in_a_note_is_text_not_an_answer() -> None:
    app = HostApp(CHECKLIST, empty_value(CHECKLIST.kind, CHECKLIST.options))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("tab", *"yes no")
        assert checklist_entries(app.editor.value)[0].note == "yes no"
        assert answers(app) == [None, None, None]


async def test_clicking_an_answer_picks_it() -> None:
    app = HostApp(CHECKLIST, empty_value(CHECKLIST.kind, CHECKLIST.options))
    async with app.run_test(size=(80, 24)) as pilot:
        strip = app.editor.query("AnswerStrip")[1]
        start, _ = strip._spans[2]  # type: ignore[attr-defined]
        await pilot.click(strip, offset=(start + 2, 0))
        assert answers(app) == [None, Answer.NOT_SURE, None]


async def test_answers_to_items_no_longer_in_the_template_are_kept() -> None:
    old = [ChecklistEntry("Retired item", Answer.YES), ChecklistEntry(CHECKLIST.options[1])]
    app = HostApp(CHECKLIST, old)
    async with app.run_test(size=(80, 24)):
        items = [e.item for e in checklist_entries(app.editor.value)]
        assert items == [*CHECKLIST.options, "Retired item"]
        assert checklist_entries(app.editor.value)[-1].answer is Answer.YES


@SIZES
def test_snapshot_checklist(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(HostApp(CHECKLIST, sample_value(CHECKLIST)), terminal_size=size)
