"""No ESC, BEL or C1 byte from stored text is drawn by the app, on any screen it opens.

The check reads what Textual would send to the terminal for the whole screen
(the compositor's full update), removes the sequences Textual makes itself
(SGR colours, cursor moves, OSC 8 links) and looks for anything left.
"""

from __future__ import annotations

import re
from pathlib import Path

from escape_samples import NOW, escape_store, escapes_in
from textual._compositor import CompositorUpdate

from reflect_tui.domain.clock import FixedClock
from reflect_tui.ui.app import ReflectApp, make_app

# What Textual itself writes: CSI sequences (colours, cursor) and OSC 8 hyperlinks.
TEXTUAL_SEQUENCES = re.compile(r"\x1b\[[0-9;:?<>=]*[ -/]*[@-~]|\x1b\]8;[^\x1b\x07]*(?:\x1b\\|\x07)")


def drawn(app: ReflectApp) -> str:
    """The screen as terminal output, less Textual's own sequences."""
    update = app.screen._compositor.render_update(full=True)
    assert isinstance(update, CompositorUpdate)
    raw = update.render_segments(app.console)
    return TEXTUAL_SEQUENCES.sub("", raw)


async def test_no_screen_draws_stored_escapes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    sessions = escape_store(data)
    app = make_app(data, FixedClock(NOW))
    screens = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = drawn(app)
        assert "pwned" in text  # the poisoned titles are on screen, harmlessly
        assert escapes_in(text) == [], "home"
        screens += 1
        for key in ("p", "a"):  # People, Actions
            await pilot.press(key)
            await pilot.pause()
            assert escapes_in(drawn(app)) == [], key
            screens += 1
            await pilot.press("escape")
            await pilot.pause()
        for session in sessions:  # every session; a record, then every step of it
            app.screen.open_session(session.id)  # type: ignore[attr-defined]
            await pilot.pause()
            if type(app.screen).__name__ == "RecordScreen":
                assert escapes_in(drawn(app)) == [], (session.template.id, "record")
                screens += 1
                await pilot.press("ctrl+o")  # the step view (read-only editors)
                await pilot.pause()
            for _ in session.template.steps:
                assert escapes_in(drawn(app)) == [], (session.template.id, app.screen)
                screens += 1
                await pilot.press("f6")
                await pilot.pause()
            while len(app.screen_stack) > 2:
                app.pop_screen()
                await pilot.pause()
    print(f"\n{screens} screens drawn with stored escapes: none reached the terminal")
