"""A whole session in an encrypted folder leaves no plaintext in the data folder.

Typed, autosaved, finished (minutes saved on finish), exported, reported on: then
every byte of every file in the data folder is scanned for the canary. Only the
export made on purpose is plaintext, and it is written beside the data folder.
"""

from __future__ import annotations

from pathlib import Path

from harness import build_app, new_clock
from textual.widgets import Input

from reflect_tui.domain.session import Session, Status
from reflect_tui.minutes import save_minutes_on_finish
from reflect_tui.store import Store, crypto
from reflect_tui.store.encrypt_folder import init_encrypted
from reflect_tui.store.files import FileBlob
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.screens.finish import FinishScreen
from reflect_tui.ui.screens.home import HomeScreen
from reflect_tui.ui.screens.record import RecordScreen
from reflect_tui.ui.screens.runner import RunnerScreen

FAST = crypto.KdfParams(n=2**10, r=8, p=1)
PASS = "the blue door by the lifts"
CANARY = "QZXCANARY42"


def files_with(folder: Path, needle: str) -> list[Path]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            if needle.encode() in raw or needle.encode("utf-16-le") in raw:
                found.append(path)
    return found


async def test_a_day_in_an_encrypted_folder_leaves_no_plaintext_canary(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_encrypted(data, PASS, FAST)
    app = build_app(data, unlock=PASS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"team-reflection", "enter")
        await pilot.pause()
        title = app.screen.query_one(Input)
        title.value = f"Team day {CANARY}"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RunnerScreen)
        await pilot.press(*f"what went well {CANARY}")
        await pilot.pause(0.6)  # autosave writes the journal
        assert files_with(data, CANARY) == []
        await pilot.press("f9")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("ctrl+d")
        await pilot.pause()
        for _ in range(3):  # questions marked * unanswered: finish anyway
            if isinstance(app.screen, FinishScreen | HomeScreen | RecordScreen):
                break
            await pilot.press("y")
            await pilot.pause()
        assert isinstance(app.screen, FinishScreen | HomeScreen | RecordScreen), type(
            app.screen
        ).__name__
        assert list((data / "minutes").glob("*.md")), "minutes were saved on finish"
        await pilot.press("ctrl+e")  # an export made on purpose
        await pilot.pause()
        await pilot.press("m")  # as Markdown
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")  # the thematic report reads every session
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        session_id = app.store.list_sessions()[0].id
    assert app.return_code in (0, None)
    # The data folder: every file is ciphertext, none holds the canary.
    assert files_with(data, CANARY) == []
    from test_crash_encrypted import leaks

    assert leaks(data) == []  # every file an envelope, but the key file and lock files
    assert (data / "audit.log").exists()  # the export and the report were recorded, encrypted
    assert not [p for p in data.rglob("*") if p.is_file() and p.suffix == ".tmp"]
    # The export is plaintext on purpose, beside the data folder, and the data is all there.
    exports = tmp_path / "data-exports"
    assert files_with(exports, CANARY), "the export made on purpose holds the minutes"
    with Store.open(data, unlock=PASS) as store:
        session = store.get_session(session_id)
        assert session.is_complete
        assert CANARY in str(session.answers)


def test_minutes_saved_on_finish_read_back_with_the_store_codec(tmp_path: Path) -> None:
    data = tmp_path / "data"
    init_encrypted(data, PASS, FAST)
    with Store.open(data, unlock=PASS) as store:
        template = TemplateLibrary.from_dirs([]).get("team-reflection")
        session = Session.start(template, f"Shared {CANARY}", new_clock().now())
        session.status = Status.COMPLETE
        path = save_minutes_on_finish(store, session)
        assert path is not None and files_with(data, CANARY) == []
        text = (FileBlob(path, store.codec).read() or b"").decode()
        assert CANARY in text
        assert save_minutes_on_finish(store, session) == path  # finishing again replaces it
