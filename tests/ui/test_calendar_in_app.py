"""The palette's "Export calendar (.ics)" writes the same calendar as `reflect calendar`."""

from __future__ import annotations

from pathlib import Path

import icalendar
from harness import START, build_app

from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Confidentiality
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.dialogs.choice import ChoiceScreen
from reflect_tui.ui.flows.calendar_export import FILE_NAME, palette_commands


def _store(data: Path) -> None:
    library = TemplateLibrary.from_dirs([])
    s = Session.start(library.get("decompression"), "Session with Rafi Noor", START)
    s.subject = "Rafi Noor"
    s.confidentiality = Confidentiality.CONFIDENTIAL
    s.next_session = "2026-06-01T10:00"
    s.status = Status.COMPLETE
    with Store.open(data) as store:
        store.save_session(s)


async def test_the_palette_writes_a_calendar_without_confidential_names_by_default(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    _store(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        [command] = [c for c in palette_commands(app) if c.title == "Export calendar (.ics)"]
        assert any(c.title == command.title for c in app.get_system_commands(app.screen))
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("w")
        await pilot.pause()
        await app.workers.wait_for_complete()
    written = data / "minutes" / FILE_NAME
    text = written.read_text(encoding="utf-8")
    assert "Rafi" not in text
    [event] = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Next session (confidential)"
    assert written.stat().st_mode & 0o077 == 0
