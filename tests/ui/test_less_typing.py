"""Nobody types a thing twice: header participants reach the attendance question;
filters find "Ruth" and "Zoe" without the exact, accented full name."""

from __future__ import annotations

from pathlib import Path

from harness import build_app
from textual.widgets import Input

from reflect_tui.ui.screens.new_session import HeaderFormScreen
from reflect_tui.ui.screens.runner import RunnerScreen


async def test_participants_from_the_header_fill_who_is_taking_part(tmp_path: Path) -> None:
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(HeaderFormScreen(app.library.get("team-reflection")))
        await pilot.pause()
        app.screen.query_one("#participants", Input).value = "Sam Lee, Alex Rowe"
        app.screen.query_one("#who", Input).value = "North"
        await pilot.press("ctrl+s")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        assert runner.session.answers["present"] == ["Sam Lee", "Alex Rowe"]
        assert app.store.get_session(runner.session.id).answers["present"] == [
            "Sam Lee",
            "Alex Rowe",
        ]


def test_names_match_by_first_name_part_and_without_accents() -> None:
    from reflect_tui.ui.widgets.fuzzy import matches

    assert matches("Ruth", "Ruth Amadi")
    assert matches("rth am", "Ruth Amadi")
    assert matches("zoe", "Zoë Ångström")
    assert matches("ANGSTROM", "Zoë Ångström")
    assert not matches("bob", "Ruth Amadi")


async def test_the_owner_filter_finds_ruth_among_the_demo_actions(tmp_path: Path) -> None:
    from reflect_tui.store.demo import load_demo
    from reflect_tui.ui.screens.actions import ActionsScreen

    app = build_app(tmp_path / "data")
    load_demo(app.store, app.library, app.clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ActionsScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        ruths = [r for r in screen.all_rows if r.action.owner.startswith("Ruth")]
        assert ruths
        screen.query_one("#filter-owner", Input).value = "ruth"
        await pilot.pause()
        assert screen.shown and all(r.action.owner.startswith("Ruth") for r in screen.shown)
        assert len(screen.shown) == len(ruths)


async def test_the_team_box_suggests_known_teams_and_says_when_a_name_is_new(
    tmp_path: Path,
) -> None:
    from textual.widgets import Static

    from reflect_tui.store.demo import load_demo

    app = build_app(tmp_path / "data")
    load_demo(app.store, app.library, app.clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(HeaderFormScreen(app.library.get("team-reflection")))
        await pilot.pause()
        box = app.screen.query_one("#who", Input)
        box.focus()
        await pilot.press(*"North")
        await pilot.pause()
        note = str(app.screen.query_one("#team-note", Static).render())
        assert "New team name" in note and "North Probation Team" in note
        await pilot.press("right")  # accept the suggested known team
        await pilot.pause()
        assert box.value == "North Probation Team"
        note = str(app.screen.query_one("#team-note", Static).render())
        assert note.startswith("Known team")


async def test_the_people_filter_is_forgiving(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from reflect_tui.domain.people import Person
    from reflect_tui.ui.screens.people import PeopleScreen

    app = build_app(tmp_path / "data")
    for name, team in (("Zoë Ångström", "North"), ("Ruth Amadi", "South"), ("Bo Lind", "North")):
        app.store.save_person(Person(name=name, team=team))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(PeopleScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PeopleScreen)
        await pilot.press("slash", *"zoe")
        await pilot.pause()
        assert [p.name for p in screen.people] == ["Zoë Ångström"]
        assert screen.query_one("#people-table", DataTable).row_count == 1
        await pilot.press(*["backspace"] * 3, *"north")
        await pilot.pause()
        assert sorted(p.name for p in screen.people) == ["Bo Lind", "Zoë Ångström"]
