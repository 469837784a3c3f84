"""User stories across screens: nothing lost, nothing leaked, read-only said out loud."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from harness import build_app, isolate_home, new_clock
from textual.binding import Binding
from textual.widgets import OptionList

from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Confidentiality
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.parts import Banner, TopBar
from reflect_tui.ui.screens.finish import FinishScreen
from reflect_tui.ui.screens.help import HelpScreen
from reflect_tui.ui.screens.home import HomeScreen
from reflect_tui.ui.screens.new_session import HeaderFormScreen, TemplatePickerScreen
from reflect_tui.ui.screens.record import RecordScreen
from reflect_tui.ui.screens.runner import RunnerScreen
from reflect_tui.ui.widgets.fields import FieldEditor

HERE = Path(__file__).parent


def make_draft(data: Path, template_id: str) -> Session:
    template = TemplateLibrary.from_dirs([]).get(template_id)
    session = Session.start(template, f"{template.title} test", new_clock().now())
    with Store.open(data, new_clock()) as store:
        store.save_session(session)
    return session


@pytest.mark.slow
def test_text_typed_a_second_before_sigkill_survives(tmp_path: Path) -> None:
    data = tmp_path / "data"
    words = "we agreed to try the new rota"
    child = subprocess.Popen(
        [sys.executable, str(HERE / "kill_child.py"), str(data), words],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("READY"), line
        session_id = line.split()[1]
        time.sleep(1.5)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    with Store.open(data, new_clock()) as store:
        session = store.get_session(session_id)
    first = session.template.steps[0].fields[0]
    assert session.answers[first.id] == words


async def test_the_app_never_touches_the_real_user_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = isolate_home(monkeypatch, tmp_path)
    data = tmp_path / "data"
    previous = os.umask(0o022)  # a common umask: files must still end up owner-only
    try:
        app = build_app(data)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", *"team-reflection", "enter", "ctrl+s")
            await pilot.pause()
            await pilot.press(*"hello", "f6", "f1", "escape", "escape")
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("ctrl+q")
    finally:
        os.umask(previous)
    created = [p for p in home.rglob("*")]
    assert created == [], f"files created under HOME: {created}"
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for path in data.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


async def test_quitting_mid_sentence_keeps_the_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"team-reflection", "enter", "ctrl+s")
        await pilot.pause()
        session_id = app.screen.session.id  # type: ignore[attr-defined]
        await pilot.press(*"half a sent", "ctrl+q")
    with Store.open(data, new_clock()) as store:
        session = store.get_session(session_id)
    assert session.answers[session.template.steps[0].fields[0].id] == "half a sent"


async def test_a_second_window_is_read_only_and_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    draft = make_draft(data, "team-reflection")
    first = Store.open(data, new_clock())
    try:
        app = build_app(data)
        async with app.run_test(size=(80, 24)) as pilot:
            assert app.store.read_only
            assert "READ-ONLY" in str(app.screen.query_one(TopBar).render())
            banner = app.screen.query_one(Banner)
            assert banner.has_class("-shown")
            await pilot.press("n")  # no new sessions from a read-only window
            assert isinstance(app.screen, HomeScreen)
            await pilot.press("enter")
            assert isinstance(app.screen, RunnerScreen)
            assert all(e.read_only for e in app.screen.query(FieldEditor))
            assert draft.id == app.screen.session.id
    finally:
        first.close()


async def test_confidential_sessions_are_marked_on_every_screen(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"decompression", "enter")
        assert isinstance(app.screen, HeaderFormScreen)
        assert "CONFIDENTIAL" in str(app.screen.query_one(TopBar).render())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        assert app.screen.session.confidentiality is Confidentiality.CONFIDENTIAL
        assert "CONFIDENTIAL" in str(app.screen.query_one(TopBar).render())
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        assert "CONFIDENTIAL" in str(app.screen.query_one(TopBar).render())
        await pilot.press("ctrl+y")  # copying a confidential record asks first
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        listed = app.screen.query_one("#sessions", OptionList).get_option_at_index(1)
        assert "CONFIDENTIAL" in str(listed.prompt)


async def test_room_mode_hides_private_fields_and_the_step_list(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session = make_draft(data, "decompression")
    private_step = next(
        n for n, s in enumerate(session.template.steps) if any(f.private for f in s.fields)
    )
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        await runner.show_step(private_step)
        await pilot.press("f7")
        await pilot.pause()
        assert not runner.query_one("#steps").display
        assert runner.query_one("#room-clock").display
        for editor in runner.query(FieldEditor):
            body = editor.query_one(".field-body")
            assert body.display == (not editor.field.private)
        focused_editor = (
            next((a for a in app.focused.ancestors if isinstance(a, FieldEditor)), None)
            if app.focused
            else None
        )
        assert focused_editor is None or not focused_editor.field.private
        await pilot.press("f7")
        await pilot.pause()
        assert not runner.query_one("#room-clock").display
        # At 80 columns the step list gives its room to the step until F2 asks for it.
        await pilot.press("f2")
        await pilot.pause()
        assert runner.query_one("#steps").display


async def test_f1_lists_the_keys_of_the_screen_you_are_on(tmp_path: Path) -> None:
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"team-reflection", "enter", "ctrl+s")
        await pilot.pause()
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys").render())
        for words in ("Next step", "Room mode", "Pause or resume", "Finish", "Quit"):
            assert words in keys
        await pilot.press("escape")
        assert isinstance(app.screen, RunnerScreen)


async def test_every_binding_has_an_id_and_a_description(tmp_path: Path) -> None:
    from reflect_tui.ui.app import ReflectApp
    from reflect_tui.ui.dialogs import confirm
    from reflect_tui.ui.screens import finish, help, home, new_session, record, runner

    classes: list[Any] = [
        ReflectApp,
        confirm.ConfirmScreen,
        finish.FinishScreen,
        help.HelpScreen,
        home.HomeScreen,
        new_session.TemplatePickerScreen,
        new_session.HeaderFormScreen,
        record.RecordScreen,
        runner.RunnerScreen,
    ]
    for cls in classes:
        for binding in cls.BINDINGS:
            assert isinstance(binding, Binding), (cls.__name__, binding)
            assert binding.id, (cls.__name__, binding)
            assert binding.description, (cls.__name__, binding)


async def test_a_failed_autosave_shows_a_banner_until_it_saves_again(tmp_path: Path) -> None:
    data = tmp_path / "data"
    make_draft(data, "team-reflection")
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        runner.show_autosave("error", "No space left on device")
        banner = runner.query_one(Banner)
        assert banner.has_class("-error")
        assert "No space left on device" in str(banner.render())
        assert "free some disk space" in str(banner.render()).lower()
        await pilot.press(*"more")
        await pilot.pause(0.6)
        runner.show_autosave("saved", None)
        assert not banner.has_class("-error")


async def test_completed_sessions_open_read_only_and_reopen_deliberately(tmp_path: Path) -> None:
    data = tmp_path / "data"
    draft = make_draft(data, "learning-from-success")
    draft.status = Status.COMPLETE
    with Store.open(data, new_clock()) as store:
        store.save_session(draft)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("ctrl+r")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("ctrl+r", "y")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        assert not app.screen.read_only
    with Store.open(data, new_clock()) as store:
        assert store.get_session(draft.id).status is Status.DRAFT


async def test_first_run_offers_demo_data(tmp_path: Path) -> None:
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.has_class("-empty")
        await pilot.press("d")
        await pilot.pause()
        assert not home.has_class("-empty")
        assert len(home.summaries) > 0
        await pilot.press("slash", *"decompression")
        await pilot.pause()
        shown = home.query_one("#sessions")
        assert shown.option_count > 0  # type: ignore[attr-defined]
        assert all(
            "decompression" in s.template_id
            for s in home.summaries
            if s.id
            in {
                shown.get_option_at_index(i).id  # type: ignore[attr-defined]
                for i in range(shown.option_count)  # type: ignore[attr-defined]
            }
        )


async def test_a_broken_user_template_is_named_on_home_and_the_rest_still_work(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "broken.md").write_text("---\nid: broken\nkind: banana\n---\n", encoding="utf-8")
    app = build_app(tmp_path / "data", template_dirs=[folder])
    async with app.run_test(size=(80, 24)) as pilot:
        banner = app.screen.query_one(Banner)
        assert banner.has_class("-shown")
        assert "broken.md" in str(banner.render())
        await pilot.press("n")
        assert isinstance(app.screen, TemplatePickerScreen)
        assert app.screen.query_one("#templates", OptionList).option_count == len(
            TemplateLibrary.from_dirs([]).templates()
        )
