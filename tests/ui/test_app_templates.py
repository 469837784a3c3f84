"""Every built-in template, run end to end by key presses, ends up complete in the store.

The story: from the empty home screen a facilitator presses n, types part of
the template's id, fills the header, then works through every step filling
every field (Tab to reach it, then typing), presses F9 and marks the session
complete. The store must then hold exactly what was typed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from drive import fill_field, stored_matches
from harness import build_app

from reflect_tui.domain.session import Status
from reflect_tui.domain.template import FieldKind
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.screens.finish import FinishScreen
from reflect_tui.ui.screens.new_session import HeaderFormScreen, TemplatePickerScreen
from reflect_tui.ui.screens.record import RecordScreen
from reflect_tui.ui.screens.runner import RunnerScreen

BUILT_IN = [t.id for t in TemplateLibrary.from_dirs([]).templates()]


def test_every_field_kind_is_exercised_by_the_built_ins() -> None:
    kinds = {f.kind for t in TemplateLibrary.from_dirs([]).templates() for f in t.all_fields()}
    assert kinds == set(FieldKind)


@pytest.mark.slow
@pytest.mark.parametrize("template_id", BUILT_IN)
async def test_run_a_whole_template_by_keys(tmp_path: Path, template_id: str) -> None:
    data = tmp_path / "data"
    app = build_app(data)
    expected: dict[str, Any] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, TemplatePickerScreen)
        await pilot.press(*template_id, "enter")
        assert isinstance(app.screen, HeaderFormScreen)
        assert app.screen.template.id == template_id
        await pilot.press("end", *" (practice)", "tab", "tab", *"Jo Facilitator", "tab")
        await pilot.press(*"Sam, Alex", "ctrl+s")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        template = runner.session.template
        for n, step in enumerate(template.steps):
            assert runner.step_index == n
            for f in step.fields:
                expected[f.id] = await fill_field(pilot, f, len(expected))
            await pilot.press("f6")
            await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("ctrl+d")
        await pilot.pause()
        if isinstance(app.screen, ConfirmScreen):  # the privacy check flagged something
            await pilot.press("y")
            await pilot.pause()
        assert isinstance(app.screen, RecordScreen)
        session_id = runner.session.id

    with Store.open(data, read_only=True) as store:
        saved = store.get_session(session_id)
    assert saved.status is Status.COMPLETE
    assert saved.title == f"{template.title} (practice)"
    assert saved.facilitator == "Jo Facilitator"
    assert saved.participants == ["Sam", "Alex"]
    for f in template.all_fields():
        assert stored_matches(f.kind, saved.answers[f.id], expected[f.id]), (
            f"{template_id}: field {f.id} ({f.kind}) holds {saved.answers[f.id]!r}, "
            f"typed {expected[f.id]!r}"
        )
