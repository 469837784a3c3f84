"""At 80×24 every screen shows what matters: the main text of a table, a dialog's buttons,
Quit and Help in the footer."""

from __future__ import annotations

from pathlib import Path

from harness import build_app, new_clock
from textual.widgets import Button, Checkbox, DataTable

from reflect_tui.store.demo import load_demo
from reflect_tui.ui.app import ReflectApp
from reflect_tui.ui.dialogs.followup_dialogs import PersonDialog
from reflect_tui.ui.screens.actions import ActionsScreen
from reflect_tui.ui.screens.people import PeopleScreen
from reflect_tui.ui.widgets.fit_table import Column, fit
from reflect_tui.ui.widgets.footer import KeepFooter


def demo_app(tmp_path: Path) -> ReflectApp:
    app = build_app(tmp_path / "data")
    load_demo(app.store, app.library, app.clock)
    return app


def headers(table: DataTable[object]) -> dict[str, int]:
    return {str(c.label): c.width for c in table.columns.values()}


def on_screen(app: ReflectApp, widget: object) -> bool:
    from textual.widget import Widget

    assert isinstance(widget, Widget)
    region = widget.region
    return region.area > 0 and app.screen.region.contains_region(region)


def test_the_main_column_keeps_its_room_and_secondary_ones_go_first() -> None:
    columns = [
        Column("Due", 10, 10),
        Column("Owner", 16, 10, drop=2),
        Column("Action", 40, 36, main=True),
        Column("From", 24, 12, drop=1),
    ]
    assert fit(columns, 200) == [10, 16, 200 - 10 - 16 - 24 - 8, 24]
    assert fit(columns, 80) == [10, 10, 80 - 10 - 10 - 12 - 8, 12]
    assert fit(columns, 70) == [10, 16, 70 - 10 - 16 - 6, None]  # From goes first
    assert fit(columns, 55) == [10, None, 55 - 10 - 4, None]


async def test_the_actions_screen_shows_the_action_at_80_columns(tmp_path: Path) -> None:
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ActionsScreen())
        await pilot.pause()
        table = app.screen.query_one("#actions-table", DataTable)
        shown = headers(table)
        assert "Action" in shown and shown["Action"] >= 36
        assert {"Due", "Status", "Owner"} <= shown.keys()
        assert sum(w + 2 for w in shown.values()) <= 80
        assert str(table.get_row_at(0)[-1]).strip()  # the action's own words are in the row


async def test_the_people_table_shows_line_manager_and_facilitator_at_80_columns(
    tmp_path: Path,
) -> None:
    app = demo_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(PeopleScreen())
        await pilot.pause()
        shown = headers(app.screen.query_one("#people-table", DataTable))
        assert list(shown) == ["Name", "Role", "Team", "Line manager", "Facilitates"]
        assert sum(w + 2 for w in shown.values()) <= 76
        assert shown["Name"] >= 16


async def test_the_person_dialog_shows_its_checkbox_and_buttons_at_80x24(tmp_path: Path) -> None:
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(PersonDialog())
        await pilot.pause()
        dialog = app.screen
        assert on_screen(app, dialog.query_one(Checkbox))
        for button in dialog.query(Button):
            assert on_screen(app, button), button.id


async def test_footers_keep_help_and_quit_first_at_80_columns(tmp_path: Path) -> None:
    from textual.widgets._footer import FooterKey

    from reflect_tui.ui.screens.runner import RunnerScreen

    app = demo_app(tmp_path)
    draft = next(s for s in app.store.iter_sessions() if not s.is_complete)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(RunnerScreen(draft))
        await pilot.pause()
        footer = app.screen.query_one(KeepFooter)
        keys = [k for k in footer.query(FooterKey) if k.region.area]
        actions = [k.action for k in keys]
        assert actions[:2] == ["help", "quit"]
        for key in keys[:2]:
            assert footer.region.contains_region(key.region)


async def test_a_steps_action_and_hazard_boxes_keep_their_room_at_80_columns(
    tmp_path: Path,
) -> None:
    from textual.widgets import Input

    from reflect_tui.domain.session import Session
    from reflect_tui.store import Store
    from reflect_tui.templates import TemplateLibrary
    from reflect_tui.ui.screens.runner import RunnerScreen

    data = tmp_path / "data"
    template = TemplateLibrary.from_dirs([]).get("pre-visit-risk")
    session = Session.start(template, "Visit", new_clock().now(), subject="Bo")
    session.current_step = 3  # risks
    with Store.open(data, new_clock()) as store:
        store.save_session(session)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        runner = RunnerScreen(session)
        await app.push_screen(runner)
        await pilot.pause()
        assert not runner.query_one("#steps").display  # F2 brings the step list back
        hazard = runner.query("Input.risk-text").first(Input)
        assert hazard.region.width >= 45  # about 22 with the step list beside it
        await runner.show_step(6)  # the decision, with its actions
        await pilot.pause()
        what = runner.query("Input.action-what").first(Input)
        assert what.region.width >= 40


async def test_home_keeps_help_and_quit_on_screen_at_80_columns_also_when_empty(
    tmp_path: Path,
) -> None:
    """A first-run home has more keys than fit; F1 Help and Quit must still show."""
    from textual.widgets._footer import FooterKey

    for app in (demo_app(tmp_path / "demo"), build_app(tmp_path / "empty")):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            footer = app.screen.query_one(KeepFooter)
            keys = [k for k in footer.query(FooterKey) if k.region.area]
            assert [k.action for k in keys][:2] == ["help", "quit"]
            for key in keys[:2]:
                assert footer.region.contains_region(key.region)
