"""Pilot: what a room sees. Room mode (F7, app-wide) and the shared-screen setting hide
confidential sessions and their actions; the home list stops at its ends; a new draft is
highlighted on return; a carried confidential action is masked until confirmed; finishing a
decompression asks for consent first."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

from followup_ui_samples import NOW, PEOPLE, TODAY, team_session
from harness import build_app
from textual.widgets import OptionList, Static

from reflect_tui.domain.answers import ActionItem
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.confidential import (
    CONSENT_FIELD,
    SHARED_SCREEN_SETTING,
    consent_state,
)
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Confidentiality
from reflect_tui.minutes import render_markdown
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.dialogs.choice import ChoiceScreen
from reflect_tui.ui.screens.actions import ActionsScreen
from reflect_tui.ui.screens.finish import FinishScreen
from reflect_tui.ui.screens.home import HomeScreen
from reflect_tui.ui.screens.runner import RunnerScreen
from reflect_tui.ui.widgets.carried_actions import CarriedActions, OutcomeStrip

SECRET = "CANARYSECRET"


def secret_store(data: Path) -> None:
    """A shared North session, and an older confidential one whose action is due soon."""
    confidential = team_session(
        "North",
        TODAY - timedelta(days=60),
        [ActionItem(f"{SECRET} ring the GP", "Bo Lind", TODAY + timedelta(days=1), id="c1")],
        sid="s-secret",
        title=f"{SECRET} meeting",
    )
    confidential.confidentiality = Confidentiality.CONFIDENTIAL
    shared = team_session(
        "North",
        TODAY - timedelta(days=10),
        [ActionItem("Share the visit checklist", "Bo Lind", TODAY + timedelta(days=2), id="a1")],
        sid="s-shared",
        title="North reflection, February",
    )
    decompression = TemplateLibrary.from_dirs([]).get("decompression")
    old = Session.start(
        decompression, "Decompression", NOW - timedelta(days=200), subject="Bo Lind"
    )
    old.status = Status.COMPLETE
    with Store.open(data, FixedClock(NOW)) as store:
        store.save_sessions([confidential, shared, old])
        store.save_people(PEOPLE)


def screen_text(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    parts = [str(o.prompt) for o in screen.query_one("#sessions", OptionList).options]
    parts += [str(w.render()) for w in screen.query(Static)]
    return "\n".join(parts)


async def test_room_mode_hides_confidential_sessions_and_their_actions_on_home(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    secret_store(data)
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert SECRET in screen_text(app)  # the facilitator's own screen shows it
        assert "decompression" in screen_text(app).split("Who is due")[-1]
        await pilot.press("f7")
        await pilot.pause()
        text = screen_text(app)
        assert SECRET not in text
        assert "2 confidential sessions hidden" in text
        assert "Share the visit checklist" in text
        assert "1 from confidential sessions hidden" in text
        due = screen_text(app).split("Who is due")[-1]
        assert "decompression" not in due and "about confidential sessions hidden" in due
        app.push_screen(ActionsScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        assert [r.action.id for r in screen.all_rows] == ["a1"]


async def test_the_shared_screen_setting_hides_them_from_the_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secret_store(data)
    with Store.open(data) as store:
        store.set_setting(SHARED_SCREEN_SETTING, True)
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert SECRET not in screen_text(app)


async def test_up_on_the_first_row_stays_there(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secret_store(data)
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        sessions = app.screen.query_one("#sessions", OptionList)
        first = sessions.highlighted
        assert sessions.highlighted_option is not None
        assert sessions.highlighted_option.id == "s-shared"
        await pilot.press("up")
        assert sessions.highlighted == first
        await pilot.press(*["down"] * 10)
        last = sessions.highlighted
        assert last is not None and last > (first or 0)
        await pilot.press("down")  # the last row: it stops there
        assert sessions.highlighted == last


async def test_a_new_draft_is_highlighted_when_you_come_back_home(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secret_store(data)
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        sessions = app.screen.query_one("#sessions", OptionList)
        await pilot.press("down", "down")  # somewhere else in the list
        template = TemplateLibrary.from_dirs([]).get("team-wellbeing")
        draft = Session.start(template, "New draft", datetime.combine(TODAY, time(11)), team="X")
        app.store.save_session(draft)
        app.push_screen(RunnerScreen(draft))
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert sessions.highlighted_option is not None
        assert sessions.highlighted_option.id == draft.id


async def test_a_carried_confidential_action_is_masked_until_confirmed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    secret_store(data)
    template = TemplateLibrary.from_dirs([]).get("team-reflection")
    later = Session.start(template, "North, March", NOW, team="North", facilitator="Eve Stone")
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        app.store.save_session(later)
        app.push_screen(RunnerScreen(later))
        await pilot.pause()
        widget = app.screen.query_one(CarriedActions)
        labels = "\n".join(str(lb.render()) for lb in widget.query(".carried-label"))
        assert SECRET not in labels and "An action from a confidential session" in labels
        assert SECRET not in render_markdown(later)
        strips = list(widget.query(OutcomeStrip))
        secret_index = next(i for i, c in enumerate(widget.carried) if c.id == "c1")
        strips[secret_index].focus()
        await pilot.press("v")
        await pilot.pause()
        labels = "\n".join(str(lb.render()) for lb in widget.query(".carried-label"))
        assert SECRET in labels
        assert [c.disclosed for c in later.carried if c.id == "c1"] == [True]


async def test_finishing_a_decompression_asks_for_consent_first(tmp_path: Path) -> None:
    data = tmp_path / "data"
    template = TemplateLibrary.from_dirs([]).get("decompression")
    s = Session.start(template, "Decompression", NOW, subject="Bo Lind", facilitator="Eve Stone")
    s.answers[CONSENT_FIELD] = "Decide at the end of the session"
    with Store.open(data, FixedClock(NOW)) as store:
        store.save_session(s)
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(FinishScreen(s))
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("n")
        await pilot.pause()
        assert consent_state(s) == "refused"
        # other questions (the required ones, the privacy check) may follow: say yes to all
        for _ in range(3):
            if isinstance(app.screen, FinishScreen):
                break
            await pilot.press("y")
            await pilot.pause()
    with Store.open(data) as store:
        saved = store.get_session(s.id)
    assert saved.is_complete and consent_state(saved) == "refused"


async def test_the_do_not_share_list_is_edited_in_the_app_but_never_in_room_mode(
    tmp_path: Path,
) -> None:
    from textual.widgets import TextArea

    from reflect_tui.minutes import private_names
    from reflect_tui.ui.dialogs.private_names import PrivateNamesDialog

    data = tmp_path / "data"
    secret_store(data)
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Do-not-share list"
        )
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, PrivateNamesDialog)
        app.screen.query_one(TextArea).text = "Jayden Smith\n\n jayden  smith\nCR-2024-00871\n"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PrivateNamesDialog)
        assert private_names.do_not_share(app.store) == ["Jayden Smith", "CR-2024-00871"]
        await pilot.press("f7")  # room mode: the list itself is confidential
        await pilot.pause()
        command.callback()
        await pilot.pause()
        assert not isinstance(app.screen, PrivateNamesDialog)


async def test_ctrl_d_on_a_confidential_plan_starts_a_confidential_debrief(tmp_path: Path) -> None:
    from reflect_tui.domain.answers import RiskRow
    from reflect_tui.domain.session import Status
    from reflect_tui.minutes import save_minutes_on_finish
    from reflect_tui.ui.screens.record import RecordScreen

    data = tmp_path / "data"
    template = TemplateLibrary.from_dirs([]).get("pre-visit-risk")
    plan = Session.start(template, f"Visit: {SECRET}", NOW, subject="Bo Lind")
    plan.answers["risks"] = [RiskRow(f"{SECRET} dog", 3, 3, controls="Dog shut away")]
    plan.confidentiality = Confidentiality.CONFIDENTIAL
    plan.status = Status.COMPLETE
    with Store.open(data, FixedClock(NOW)) as store:
        store.save_session(plan)
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(RecordScreen(plan))
        await pilot.pause()
        await pilot.press("ctrl+d")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        debrief = runner.session
        assert debrief.is_confidential  # so it is never saved as shared minutes on finish
        debrief.status = Status.COMPLETE
        assert save_minutes_on_finish(app.store, debrief) is None
        assert app.store.get_session(debrief.id).is_confidential


async def test_going_home_from_room_mode_keeps_confidential_records_hidden(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    secret_store(data)
    template = TemplateLibrary.from_dirs([]).get("team-wellbeing")
    draft = Session.start(template, "Wellbeing", NOW, team="North")
    app = build_app(data)
    async with app.run_test(size=(120, 40)) as pilot:
        app.store.save_session(draft)
        app.push_screen(RunnerScreen(draft))
        await pilot.pause()
        await pilot.press("f7")  # room mode on the projector
        await pilot.pause()
        await pilot.press("escape", "escape")  # out of the room view, then home
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert SECRET not in screen_text(app)
        await pilot.press("f7")  # the facilitator ends room mode on purpose
        await pilot.pause()
        assert SECRET in screen_text(app)
