"""An encrypted data folder in the app: the unlock screen, auto-lock, and the first-run offer."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from harness import build_app, new_clock
from textual.pilot import Pilot
from textual.widgets import Input, Static

from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Store, crypto
from reflect_tui.store.encrypt_folder import init_encrypted
from reflect_tui.store.unlock import KEYS_NAME, MAGIC
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.app import ReflectApp
from reflect_tui.ui.screens.home import HomeScreen
from reflect_tui.ui.screens.runner import RunnerScreen
from reflect_tui.ui.screens.unlock import (
    NewPassphraseScreen,
    RecoveryKeyScreen,
    UnlockScreen,
)

FAST = crypto.KdfParams(n=2**10, r=8, p=1)
PASS = "kettle on the third floor"
SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 50)], ids=["80x24", "160x50"])


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crypto, "PASSPHRASE_KDF", FAST)


def encrypted_folder(data: Path, titles: tuple[str, ...] = ("Tuesday team reflection",)) -> None:
    init_encrypted(data, PASS, FAST)
    template = TemplateLibrary.from_dirs([]).get("team-reflection")
    with Store.open(data, new_clock(), unlock=PASS) as store:
        from reflect_tui.domain.session import Session

        for title in titles:
            store.save_session(Session.start(template, title, new_clock().now()))


def folder_hashes(data: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in data.rglob("*")
        if p.is_file() and not p.name.startswith("reflect.lock")
    }


async def type_and_submit(pilot: Pilot[Any], text: str) -> None:
    box = pilot.app.screen.query_one(Input)
    box.value = text
    await pilot.press("enter")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_the_app_opens_on_the_unlock_screen_and_a_wrong_passphrase_writes_nothing(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    encrypted_folder(data)
    before = folder_hashes(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        await type_and_submit(pilot, "kettle on the fourth floor")
        assert isinstance(app.screen, UnlockScreen)
        status = str(app.screen.query_one("#unlock-status", Static).render())
        assert "does not unlock" in status
        assert app.screen.query_one(Input).value == ""  # nothing typed stays on screen
        assert folder_hashes(data) == before
        await type_and_submit(pilot, PASS)
        assert isinstance(app.screen, HomeScreen)
        assert [s.title for s in app.store.list_sessions()] == ["Tuesday team reflection"]


async def test_nothing_of_the_data_is_reachable_while_locked(tmp_path: Path) -> None:
    data = tmp_path / "data"
    encrypted_folder(data)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key in ("ctrl+p", "f1", "escape", "n"):
            await pilot.press(key)
            await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        assert list(app.get_system_commands(app.screen)) == []


async def test_the_recovery_key_also_opens_the_app(tmp_path: Path) -> None:
    data = tmp_path / "data"
    keys = init_encrypted(data, PASS, FAST)
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_and_submit(pilot, keys.recovery_key.lower())
        assert isinstance(app.screen, HomeScreen)


def idle_app(data: Path, clock: FixedClock) -> ReflectApp:
    encrypted_folder(data)
    return build_app(data, clock, unlock=PASS)


async def test_auto_lock_after_the_idle_time_saves_the_draft_and_asks_again(
    tmp_path: Path,
) -> None:
    clock = new_clock()
    app = idle_app(tmp_path / "data", clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", *"team-reflection", "enter", "ctrl+s")
        await pilot.pause()
        runner = app.screen
        assert isinstance(runner, RunnerScreen)
        await pilot.press(*"we covered for Sam")
        # A person goes idle only after the words are in: wait (bounded) until the keys and
        # the editor's change messages are all handled (keys go one by one, ui/key_order.py).
        for _ in range(500):
            if not app.keys_waiting and "we covered for Sam" in str(runner.session.answers):
                break
            await pilot.pause(0.02)
        assert "we covered for Sam" in str(runner.session.answers)
        session_id = runner.session.id
        clock.advance(9 * 60)
        app.check_auto_lock()
        assert app.screen is runner  # 9 minutes: not yet
        clock.advance(61)
        app.check_auto_lock()
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen) and app.screen.locked
        assert app.locked
        # The lock made the draft durable (its journal; the fold into the session's file
        # follows on the autosave thread): what a second opening reads from disk has it.
        with Store.open(tmp_path / "data", clock, read_only=True, unlock=PASS) as other:
            saved = other.get_session(session_id)
        assert "we covered for Sam" in str(saved.answers)
        assert "we covered for Sam" not in "".join(
            str(w.render()) for w in app.screen.query(Static)
        )
        await type_and_submit(pilot, "not it at all")
        assert isinstance(app.screen, UnlockScreen)
        await type_and_submit(pilot, PASS)
        assert app.screen is runner and not app.locked


async def test_typing_keeps_the_app_open_and_zero_turns_auto_lock_off(tmp_path: Path) -> None:
    clock = new_clock()
    app = idle_app(tmp_path / "data", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.advance(9 * 60)
        await pilot.press("down")
        clock.advance(9 * 60)
        app.check_auto_lock()
        assert isinstance(app.screen, HomeScreen)
        app.store.set_setting("auto_lock_minutes", 0)
        clock.advance(24 * 3600)
        app.check_auto_lock()
        assert isinstance(app.screen, HomeScreen)


async def test_a_plaintext_folder_never_locks(tmp_path: Path) -> None:
    clock = new_clock()
    app = build_app(tmp_path / "data", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock.advance(24 * 3600)
        app.check_auto_lock()
        assert isinstance(app.screen, HomeScreen)


async def test_the_first_run_screen_offers_encryption_and_shows_the_recovery_key_once(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click("#encrypt")
        await pilot.pause()
        assert isinstance(app.screen, NewPassphraseScreen)
        app.screen.query_one("#new-passphrase", Input).value = PASS
        await pilot.press("enter")
        app.screen.query_one("#again", Input).value = PASS + "x"
        await pilot.press("enter")
        await pilot.pause()
        assert "differ" in str(app.screen.query_one("#unlock-status", Static).render())
        app.screen.query_one("#new-passphrase", Input).value = PASS
        await pilot.press("enter")
        app.screen.query_one("#again", Input).value = PASS
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, RecoveryKeyScreen)
        recovery = app.screen.recovery_key
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.store.encrypted
        assert not app.screen.query("#encrypt")
    assert (data / KEYS_NAME).exists()
    assert (data / "reflect.json").read_bytes().startswith(MAGIC)
    with Store.open(data, new_clock(), unlock=recovery) as store:
        assert store.encrypted


def stable_text(pilot: Pilot[Any], data: Path) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, UnlockScreen)
    screen.query_one("#unlock-text", Static).update(screen.message("~/reflect-data"))


@SIZES
def test_unlock_screen(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    data = tmp_path / "data"
    encrypted_folder(data)

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        stable_text(pilot, data)
        await pilot.pause()

    assert snap_compare(build_app(data), terminal_size=size, run_before=run)


@SIZES
def test_unlock_screen_after_a_wrong_passphrase(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    data = tmp_path / "data"
    encrypted_folder(data)

    async def run(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        await type_and_submit(pilot, "wrong one")
        stable_text(pilot, data)
        status = pilot.app.screen.query_one("#unlock-status", Static)
        status.update(str(status.render()).replace(str(data), "~/reflect-data"))
        await pilot.pause()

    assert snap_compare(build_app(data), terminal_size=size, run_before=run)
