"""Keys land where the cursor is shown, however fast they arrive.

Every key here is posted to the app in one burst, without waiting between keys:
that is how a fast typist, a paste or a terminal that batches its input looks to
the app. A Tab in the burst must move the cursor before the next character lands.
"""

from __future__ import annotations

from pathlib import Path

from harness import build_app, new_clock
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from reflect_tui.domain.answers import action_items, list_items
from reflect_tui.domain.session import Session
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.app import ReflectApp
from reflect_tui.ui.screens.new_session import HeaderFormScreen
from reflect_tui.ui.screens.runner import RunnerScreen


def burst(app: ReflectApp, *keys: str) -> None:
    """Post ``keys`` to the app at once, as a terminal delivers a fast burst."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


async def handled(app: ReflectApp, pilot: Pilot[int]) -> None:
    """Wait (bounded) until every key of the burst has been handled."""
    for _ in range(200):
        await pilot.pause(0.02)
        if not app.keys_waiting:
            break
    await pilot.pause()


def draft(data: Path, template_id: str, step: int) -> Session:
    template = TemplateLibrary.from_dirs([]).get(template_id)
    session = Session.start(template, "Burst test", new_clock().now(), team="North")
    session.current_step = step
    with Store.open(data, new_clock()) as store:
        store.save_session(session)
    return session


async def test_header_form_title_tab_tab_facilitator_in_one_burst(tmp_path: Path) -> None:
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(HeaderFormScreen(app.library.get("team-reflection")))
        await pilot.pause()
        burst(app, "T", "0", "tab", "tab", "F", "0")
        await handled(app, pilot)
        form = app.screen
        assert form.query_one("#title", Input).value == "T0"
        assert form.query_one("#date", Input).value == "2026-03-02"
        assert form.query_one("#facilitator", Input).value == "F0"
        assert app.focused is form.query_one("#facilitator", Input)


async def test_an_action_row_typed_in_one_burst_fills_what_owner_and_due(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session = draft(data, "team-reflection", step=4)  # "Now what?": actions first
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RunnerScreen(session))
        await pilot.pause()
        burst(app, *"Rota", "tab", *"Sam", "tab", *"2026-04-01")
        await handled(app, pilot)
        rows = [(a.what, a.owner, str(a.due)) for a in action_items(session.answers["actions"])]
        assert rows == [("Rota", "Sam", "2026-04-01")]


async def test_a_paste_then_tab_at_once_moves_on_and_the_next_keys_follow(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session = draft(data, "team-reflection", step=1)  # what happened (text), feelings (list)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RunnerScreen(session))
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        app.post_message(events.Paste("The visit ran late.\nNobody was hurt."))
        burst(app, "tab", *"tired")
        await handled(app, pilot)
        assert session.answers["what-happened"] == "The visit ran late.\nNobody was hurt."
        assert [item.text for item in list_items(session.answers["feelings"])] == ["tired"]
        assert isinstance(app.focused, Input)
