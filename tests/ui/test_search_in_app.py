"""Search answers from home (Ctrl+P, "Search answers"): hits, marked; Enter opens one."""

from __future__ import annotations

from pathlib import Path

from harness import START, build_app
from textual.widgets import OptionList, Static

from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Confidentiality
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.screens.record import RecordScreen
from reflect_tui.ui.screens.search import SearchScreen, palette_commands


def _store(data: Path) -> None:
    library = TemplateLibrary.from_dirs([])
    s = Session.start(library.get("supervision-one-to-one"), "Spring supervision", START)
    s.confidentiality = Confidentiality.CONFIDENTIAL
    s.answers["workload-notes"] = "We agreed the caseload stays at thirty."
    s.answers["impact"] = "Private: caseload keeps me awake."
    s.status = Status.COMPLETE
    with Store.open(data) as store:
        store.save_session(s)


async def test_search_answers_finds_marks_and_opens_the_session(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _store(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        [command] = palette_commands(app)
        assert any(c.title == "Search answers" for c in app.get_system_commands(app.screen))
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"CASELOAD", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert [h.field_id for h in screen.hits] == ["workload-notes"]  # not the private field
        results = screen.query_one("#search-results", OptionList)
        shown = str(results.get_option_at_index(0).prompt)
        assert "CONFIDENTIAL" in shown and "caseload stays at thirty" in shown
        assert "1 match in 1 session" in str(screen.query_one("#search-count", Static).render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecordScreen)


async def test_s_on_home_searches_the_answers_for_the_filter_words(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _store(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"thirty")
        await pilot.pause()
        await pilot.press("tab")  # from the filter to the list
        await pilot.press("s")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        assert [h.field_id for h in screen.hits] == ["workload-notes"]
