"""No key is shown that does nothing where it is shown; F1 in a box speaks plainly."""

from __future__ import annotations

from pathlib import Path

from harness import build_app, new_clock
from textual.widgets import Button, Static

from reflect_tui.domain.session import Session, Status
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.app import ReflectApp
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.screens.help import HelpScreen
from reflect_tui.ui.screens.home import HomeScreen
from reflect_tui.ui.screens.runner import RunnerScreen


def shown_keys(app: ReflectApp) -> set[str]:
    """The keys the footer shows now, dimmed (disabled) ones included."""
    return {key for key, active in app.screen.active_bindings.items() if active.binding.show}


def session(data: Path, *, complete: bool = False, confidential: bool = False) -> Session:
    template = TemplateLibrary.from_dirs([]).get(
        "decompression" if confidential else "team-reflection"
    )
    s = Session.start(template, "Dead keys", new_clock().now(), team="North", subject="Al")
    if complete:
        s.status = Status.COMPLETE
    with Store.open(data, new_clock()) as store:
        store.save_session(s)
    return s


async def test_a_read_only_step_view_offers_no_pause_or_finish(tmp_path: Path) -> None:
    data = tmp_path / "data"
    s = session(data, complete=True)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RunnerScreen(s))
        await pilot.pause()
        assert "f6" in shown_keys(app)
        assert not {"f8", "f9"} & shown_keys(app)
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        await runner.show_step(len(s.template.steps) - 1)
        await pilot.pause()
        last = str(runner.query_one("#step-next", Static).render())
        assert "F9" not in last and "Last step" in last


async def test_a_read_only_window_does_not_offer_new_session(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session(data)
    writer = Store.open(data, new_clock())
    try:
        app = build_app(data)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert app.store.read_only
            assert "n" not in shown_keys(app)
    finally:
        writer.close()


async def test_the_confidential_export_question_has_plain_buttons(tmp_path: Path) -> None:
    from reflect_tui.ui.screens.record import RecordScreen

    data = tmp_path / "data"
    s = session(data, complete=True, confidential=True)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RecordScreen(s))
        await pilot.pause()
        await pilot.press("ctrl+e", "m")  # Markdown, then the confidentiality question
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == ["Export (y)", "Cancel (n)"]


async def test_f1_in_a_text_box_groups_its_editing_keys_in_plain_words(tmp_path: Path) -> None:
    data = tmp_path / "data"
    s = session(data)
    s.current_step = 1  # "What happened?": a text box
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RunnerScreen(s))
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys", Static).render())
        assert "Typing in this box" in keys
        assert "undo / redo" in keys
        for raw in ("Cursor word left", "Cursor line start select", "Delete line"):
            assert raw not in keys
        assert "Next step" in keys and "Quit" in keys
        assert len(keys.splitlines()) < 30
