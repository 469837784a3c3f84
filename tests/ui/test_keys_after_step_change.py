"""Keys typed straight after F6 reach the new step's first box, while the step is saved.

The step change writes the draft's journal at once and folds it into the store on the
autosave worker, from a snapshot taken on the UI thread; the keys are posted in one
burst with no pause (as a fast typist or a batching terminal delivers them).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from harness import build_app, new_clock
from textual import events
from textual.pilot import Pilot
from textual.widgets import TextArea

from reflect_tui.domain.session import Session
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.app import ReflectApp
from reflect_tui.ui.screens.runner import RunnerScreen

TYPED = "the late visit went well because we planned the exit together "  # 63 keys


def burst(app: ReflectApp, *keys: str) -> None:
    for key in keys:
        character = " " if key == "space" else (key if len(key) == 1 else None)
        app.post_message(events.Key(key, character))


async def handled(app: ReflectApp, pilot: Pilot[int]) -> None:
    for _ in range(300):
        await pilot.pause(0.02)
        if not app.keys_waiting:
            break
    await pilot.pause()


def store_with_history(data: Path, count: int) -> Session:
    """``count`` earlier team sessions (so a fold has real work) and one draft at step 1."""
    template = TemplateLibrary.from_dirs([]).get("team-reflection")
    start = new_clock().now()
    earlier = []
    for n in range(count):
        s = Session.start(template, f"Team {n}", start - timedelta(days=n + 1), team="North")
        s.answers["focus"] = f"Earlier focus {n}"
        earlier.append(s)
    draft = Session.start(template, "Step change test", start, team="North")
    with Store.open(data, new_clock()) as store:
        store.save_sessions([*earlier, draft])
    return draft


async def test_sixty_keys_typed_right_after_f6_all_reach_the_next_step(tmp_path: Path) -> None:
    data = tmp_path / "data"
    draft = store_with_history(data, 300)
    app = build_app(data)
    async with app.run_test(size=(100, 30)) as pilot:
        with Store.open(data, new_clock(), read_only=True) as peek:
            session = peek.get_session(draft.id)
        await app.push_screen(RunnerScreen(session))
        await pilot.pause()
        keys = ["space" if ch == " " else ch for ch in TYPED]
        burst(app, "f6", *keys)
        await handled(app, pilot)
        runner = app.screen
        assert isinstance(runner, RunnerScreen) and runner.step.id == "what"
        box = runner.query_one("#field-what-happened").query_one(TextArea)
        assert box.text == TYPED
        assert session.answers["what-happened"] == TYPED
        assert app.focused is box
