"""Pilot: what a first-time user trips over — the template filter, the header form, the
"actions carried forward" box.
"""

from __future__ import annotations

from pathlib import Path

from harness import build_app, new_clock
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, OptionList

from reflect_tui.domain.session import Session, Status
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.dialogs.choice import ChoiceScreen
from reflect_tui.ui.screens.new_session import (
    HeaderFormScreen,
    TemplatePickerScreen,
    rank_templates,
)
from reflect_tui.ui.screens.runner import RunnerScreen
from reflect_tui.ui.widgets.carried_actions import CarriedActions


def stored(data: Path) -> list[Session]:
    with Store.open(data, new_clock(), read_only=True) as store:
        return list(store.iter_sessions())


# -- template picker ----------------------------------------------------------


async def test_typing_pre_then_enter_picks_the_pre_visit_risk_analysis(tmp_path: Path) -> None:
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", "p", "r", "e")
        await pilot.pause()
        box = app.screen.query_one("#templates", OptionList)
        assert box.highlighted == 0
        assert box.highlighted_option is not None
        assert box.highlighted_option.id == "pre-visit-risk"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HeaderFormScreen)
        assert app.screen.template.id == "pre-visit-risk"


def test_title_words_rank_before_substrings_and_descriptions() -> None:
    templates = list(TemplateLibrary.from_dirs([]).templates())
    pre = [t.id for t in rank_templates(templates, "pre")]
    assert pre.index("pre-visit-risk") < pre.index("decompression")
    # A word starting a title word beats the same letters inside an id or a description.
    de = [t.id for t in rank_templates(templates, "de")]
    assert de[0] in {"decompression", "post-visit-debrief"}
    for t in rank_templates(templates, "de")[2:]:
        assert not any(w.startswith("de") for w in t.title.lower().replace("-", " ").split())
    # Every word must match somewhere; nothing typed lists them all in library order.
    assert rank_templates(templates, "visit pre")[0].id == "pre-visit-risk"
    assert rank_templates(templates, "zzz") == []
    assert rank_templates(templates, "") == templates


# -- header form --------------------------------------------------------------


async def open_form(pilot: object, template: str = "decompression") -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("n", *template, "enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, HeaderFormScreen)


async def test_esc_on_an_untouched_form_goes_straight_back(tmp_path: Path) -> None:
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TemplatePickerScreen)


async def test_esc_after_typing_asks_and_keep_editing_keeps_the_text(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await pilot.press("tab", "tab", *"Jo Facil", "escape")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("k")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, HeaderFormScreen)
        assert form.query_one("#facilitator", Input).value == "Jo Facil"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # Esc in the question also keeps editing
        await pilot.pause()
        assert app.screen is form
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")  # discard, deliberately
        await pilot.pause()
        assert isinstance(app.screen, TemplatePickerScreen)
    assert stored(data) == []


async def test_esc_then_start_starts_the_session_with_what_was_typed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "team-reflection")
        await pilot.press("tab", "tab", *"Jo Facil", "escape")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
    [session] = stored(data)
    assert session.facilitator == "Jo Facil"


async def test_ctrl_q_on_a_typed_form_keeps_it_as_a_draft(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "team-reflection")
        await pilot.press("tab", "tab", *"Jo Facil", "tab", *"Sam, Alex")
        await pilot.press("ctrl+q")
        await pilot.pause()
    [session] = stored(data)
    assert session.status is Status.DRAFT
    assert session.facilitator == "Jo Facil"
    assert session.participants == ["Sam", "Alex"]
    assert session.template.id == "team-reflection"


async def test_ctrl_q_on_an_untouched_form_leaves_nothing_behind(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert stored(data) == []


async def test_the_form_opens_with_the_title_and_its_label_on_screen(tmp_path: Path) -> None:
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot)
        await pilot.pause()
        form = app.screen
        scroll = form.query_one("#header-form", VerticalScroll)
        assert scroll.scroll_y == 0
        visible = scroll.region
        title_label = next(lb for lb in form.query(Label) if str(lb.render()) == "Title")
        for widget in (title_label, form.query_one("#title", Input), form.query_one("#start")):
            assert visible.contains_region(widget.region), widget
        assert form.focused is form.query_one("#title", Input)


# -- carried actions ----------------------------------------------------------


async def test_no_carried_actions_is_one_dim_line_and_nothing_in_room_mode(tmp_path: Path) -> None:
    data = tmp_path / "data"
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "team-reflection")
        app.screen.query_one("#who", Input).value = "North team"  # a team carries its actions
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        widget = runner.query_one(CarriedActions)
        assert widget.carried == []
        assert widget.outer_size.height == 1  # one line, no box around it
        assert not widget.border_title
        await pilot.press("f7")
        await pilot.pause()
        assert not widget.display or widget.outer_size.height == 0


# -- runner: a step starts at the top of its guidance -------------------------


async def test_every_step_opens_at_the_top_of_its_guidance_and_typing_shows_the_cursor(
    tmp_path: Path,
) -> None:
    from textual.widgets import TextArea

    from reflect_tui.ui.app import make_app
    from reflect_tui.ui.widgets.fields import FieldEditor

    data = tmp_path / "data"
    # As a person sees it: with animations, focusing a field scrolls the pane smoothly.
    app = make_app(data, new_clock(), animations=True, cursor_blink=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "decompression")
        await pilot.press("ctrl+s")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        pane = runner.query_one("#step-pane", VerticalScroll)
        for index, step in enumerate(runner.session.template.steps):
            if index:
                await pilot.press("f6")
            await pilot.pause()
            await pilot.pause(0.5)  # let any smooth scroll finish
            assert runner.step_index == index
            # The confidentiality script and every guidance start at their first line...
            assert pane.scroll_y == 0, step.id
            focused = runner.focused
            assert focused is not None, step.id
            assert any(isinstance(a, FieldEditor) for a in focused.ancestors), step.id
            if isinstance(focused, TextArea):
                # ...and the first key typed brings the cursor into view.
                await pilot.press(*"ok")
                await pilot.pause()
                view = pane.scrollable_content_region
                assert view.y <= focused.cursor_screen_offset.y < view.bottom, step.id


async def test_a_long_answer_keeps_its_cursor_line_on_screen_at_80x24(tmp_path: Path) -> None:
    from textual.widgets import TextArea

    data = tmp_path / "data"
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "team-reflection")
        await pilot.press("ctrl+s")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        await pilot.press("f6")  # "What happened?": a text box first
        await pilot.pause()
        box = runner.focused
        assert isinstance(box, TextArea)
        pane = runner.query_one("#step-pane", VerticalScroll)
        for line in range(1, 21):
            await pilot.press(*f"line {line}", "enter")
            await pilot.pause()
            view = pane.scrollable_content_region
            assert view.y <= box.cursor_screen_offset.y < view.bottom, line
        assert pane.scroll_y > 0


# -- finish: unanswered questions marked * ------------------------------------


async def test_completing_with_unanswered_required_questions_asks_first(tmp_path: Path) -> None:
    from reflect_tui.ui.dialogs.confirm import ConfirmScreen
    from reflect_tui.ui.screens.finish import FinishScreen

    data = tmp_path / "data"
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_form(pilot, "pre-visit-risk")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("ctrl+d")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert "When is the visit? (Visit details)" in question.question
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        assert [s.status for s in app.store.list_sessions()] == [Status.DRAFT]
        await pilot.press("ctrl+d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.pause()
    [session] = stored(data)
    assert session.status is Status.COMPLETE
