"""Time in the room: a signal once when a step's timebox ends, a session overrun warning,
room mode's "of N min" and the facilitator's prompt on F3."""

from __future__ import annotations

from pathlib import Path

from harness import build_app, new_clock
from textual.widgets import Markdown, Static

from reflect_tui.domain.session import Session
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.screens.runner import TIME_SIGNAL_SETTING, RunnerScreen


def draft(data: Path) -> Session:
    template = TemplateLibrary.from_dirs([]).get("team-reflection")  # step 1: 5 min, 60 in all
    session = Session.start(template, "Timed", new_clock().now(), team="North")
    with Store.open(data, new_clock()) as store:
        store.save_session(session)
    return session


async def test_the_end_of_a_timebox_rings_once_and_says_so(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session = draft(data)
    clock = new_clock()
    app = build_app(data, clock)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        runner = RunnerScreen(session)
        await app.push_screen(runner)
        await pilot.pause()
        notes: list[str] = []
        runner.notify = lambda message, **_: notes.append(str(message))  # type: ignore[method-assign]
        clock.advance(4 * 60)
        runner.tick()
        assert bells == []
        clock.advance(61)
        runner.tick()
        clock.advance(60)
        runner.tick()
        assert bells == [1]  # once, not every second
        assert any("is up (5 min)" in n for n in notes)
        clock.advance(60 * 60)
        runner.tick()
        assert bells == [1, 1]
        assert any("past its 60" in n for n in notes)
        clock_text = str(runner.query_one("#clock", Static).render())
        assert "over by" in clock_text and "of 60 min +" in clock_text


async def test_the_time_signal_can_be_turned_off(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session = draft(data)
    with Store.open(data, new_clock()) as store:
        store.set_setting(TIME_SIGNAL_SETTING, False)
    clock = new_clock()
    app = build_app(data, clock)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        runner = RunnerScreen(session)
        await app.push_screen(runner)
        await pilot.pause()
        clock.advance(6 * 60)
        runner.tick()
        assert bells == []
        runner.toggle_time_signal()
        assert app.store.get_setting(TIME_SIGNAL_SETTING, None) is True


async def test_room_mode_shows_of_n_min_and_f3_shows_the_prompt(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session = draft(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RunnerScreen(session))
        await pilot.pause()
        runner = app.screen
        assert "f3" not in runner.active_bindings or not runner.active_bindings["f3"].enabled
        await pilot.press("f7")
        await pilot.pause()
        of = runner.query_one("#room-clock-of", Static)
        assert of.display and "of 60 min" in str(of.render())
        guidance = runner.query_one("#guidance", Markdown)
        assert guidance.region.area == 0  # hidden on the projector
        await pilot.press("f3")
        await pilot.pause()
        assert guidance.region.area > 0
        await pilot.press("f3")
        await pilot.pause()
        assert guidance.region.area == 0


async def test_the_over_time_warning_fits_the_status_bar_at_80_columns(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session = draft(data)
    session.elapsed_seconds = 75 * 60.0
    session.step_seconds[session.template.steps[0].id] = 17 * 60.0
    clock = new_clock()
    app = build_app(data, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        runner = RunnerScreen(session)
        await app.push_screen(runner)
        await pilot.pause()
        bar = runner.query_one("#clock", Static)
        text = bar.render()
        plain = str(text)
        assert "over by 12 min" in plain and "+15" in plain
        assert len(plain) <= bar.content_region.width  # nothing cut off


async def test_a_draft_opened_already_over_time_rings_no_bell(tmp_path: Path) -> None:
    data = tmp_path / "data"
    session = draft(data)
    session.elapsed_seconds = 70 * 60.0
    session.step_seconds[session.template.steps[0].id] = 9 * 60.0
    clock = new_clock()
    app = build_app(data, clock)
    bells: list[int] = []
    app.bell = lambda: bells.append(1)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        runner = RunnerScreen(session)
        await app.push_screen(runner)
        await pilot.pause()
        clock.advance(2)
        runner.tick()
        assert bells == []  # not news: it was over when it was opened
        await runner.show_step(1)  # "What happened?": 15 minutes, none spent yet
        clock.advance(15 * 60 + 1)
        runner.tick()
        assert bells == [1]
