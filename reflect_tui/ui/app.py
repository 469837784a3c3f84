"""The app shell: one factory (``make_app``) shared by the CLI and the tests.

The app owns the store and the template library; screens reach them through
``self.app``. Quitting always flushes the open session first, so nothing typed
is lost however the app is left.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from reflect_tui import paths
from reflect_tui.domain.clock import Clock, SystemClock
from reflect_tui.store import Store
from reflect_tui.ui.key_order import KeysInOrder

if TYPE_CHECKING:
    from reflect_tui.templates import TemplateLibrary


DEFAULT_AUTO_LOCK_MINUTES = 10
IDLE_CHECK_SECONDS = 5.0


class ReflectApp(KeysInOrder, App[int]):
    """reflect-tui. Screens call back into ``store``, ``library`` and ``clock``."""

    TITLE = "reflect"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [  # noqa: RUF012 - Textual's own class-level convention
        Binding("f1", "help", "Help", id="app.help", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding(
            "ctrl+p", "command_palette", "Commands", id="app.palette", show=False, priority=True
        ),
        Binding("ctrl+c", "help_quit", "How to quit", id="app.help_quit", show=False),
    ]

    def __init__(
        self,
        store: Store | None,
        library: TemplateLibrary | Callable[[], TemplateLibrary],
        clock: Clock,
        *,
        animations: bool = False,
        cursor_blink: bool | None = None,
        user_folders: bool = True,
        opener: Callable[[str], Store] | None = None,
        data_dir: Path | None = None,
    ) -> None:
        # None until an encrypted folder is unlocked (``opener`` opens it with the passphrase).
        self._store = store
        self.locked = False
        super().__init__()
        self._key_order_init()
        from reflect_tui.ui.terminal_safe import install

        install()  # stored text never drives the terminal, whichever widget draws it
        self._opener = opener
        self.data_dir = data_dir if data_dir is not None else store.data_dir if store else Path()
        self.last_input = clock.now()
        self._library: TemplateLibrary | None = None if callable(library) else library
        self._load_library: Callable[[], TemplateLibrary] = (
            library if callable(library) else lambda: library
        )
        self._library_lock = threading.Lock()
        # False when no user template folder exists: then the library cannot have
        # problems to report, and home need not load it before its first frame.
        self.user_folders = user_folders
        self.clock = clock
        self.cursor_blink = animations if cursor_blink is None else cursor_blink
        if not animations:
            self.animation_level = "none"
        self._ui_loop: asyncio.AbstractEventLoop | None = None
        self._ui_thread = threading.get_ident()
        # Called before exit so the open screen can flush its session.
        self.before_quit: list[Callable[[], None]] = []
        # App-wide room mode (F7): with it, or the store's "shared screen" setting,
        # screens hide confidential records and their actions (domain.confidential).
        self.room_mode = False

    def room_safe(self) -> bool:
        """Whether what is on screen may be seen by a room (room mode or shared screen)."""
        from reflect_tui.domain.confidential import shared_screen

        return self.room_mode or shared_screen(self.store)

    @property
    def library(self) -> TemplateLibrary:
        """The templates, parsed on first use (markdown-it and ~20 ms of parsing at start)."""
        with self._library_lock:
            if self._library is None:
                self._library = self._load_library()
            return self._library

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the data folder is still locked")
        return self._store

    def on_mount(self) -> None:
        self._ui_loop = asyncio.get_running_loop()
        self._ui_thread = threading.get_ident()
        self.set_interval(IDLE_CHECK_SECONDS, self.check_auto_lock, name="auto-lock")
        if self._store is None:
            from reflect_tui.ui.screens.unlock import UnlockScreen

            self.push_screen(UnlockScreen(self.data_dir, self._try_open), self._opened)
            return
        self._show_home()

    def _show_home(self) -> None:
        from reflect_tui.ui.screens.home import HomeScreen
        from reflect_tui.ui.themes import install_themes

        install_themes(self)

        if self.store.read_only:
            self.sub_title = "read-only"
        self.last_input = self.clock.now()
        self.push_screen(HomeScreen())
        from reflect_tui.ui.recovery import notify_recovered

        notify_recovered(self)
        for warning in self.store.warnings:  # e.g. a damaged autosave set aside
            self.notify(warning, title="Note", severity="warning", timeout=30)

    # -- encryption -----------------------------------------------------------

    def _try_open(self, secret: str) -> str | None:
        """On the unlock screen's worker thread: open the store, or say why not."""
        from reflect_tui.store.errors import StoreLocked

        assert self._opener is not None
        try:
            self._store = self._opener(secret)
        except StoreLocked as err:
            return str(err)
        return None

    def _opened(self, unlocked: bool | None) -> None:
        if unlocked and self._store is not None:
            self._show_home()

    def _try_unlock(self, secret: str) -> str | None:
        """On the lock screen's worker thread: does ``secret`` open this folder's keys?"""
        from reflect_tui.store import crypto

        if crypto.KeyFile.load(self.store.data_dir).unlock(secret) is None:
            return crypto.wrong_secret_message(self.store.data_dir, "Nothing was opened.")
        return None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.Paste):
            self.last_input = self.clock.now()
        await super().on_event(event)

    def auto_lock_seconds(self) -> float:
        """Idle time before an encrypted folder locks (setting ``auto_lock_minutes``; 0: never)."""
        if self._store is None or not self._store.encrypted:
            return 0.0
        minutes = self._store.get_setting("auto_lock_minutes", DEFAULT_AUTO_LOCK_MINUTES)
        try:
            return max(0.0, float(minutes) * 60)
        except (TypeError, ValueError):
            return DEFAULT_AUTO_LOCK_MINUTES * 60.0

    def check_auto_lock(self) -> None:
        """Lock if nothing was typed or clicked for the auto-lock time (timer, every few s)."""
        limit = self.auto_lock_seconds()
        if self.locked or not limit:
            return
        if (self.clock.now() - self.last_input).total_seconds() >= limit:
            self.lock_now()

    def lock_now(self) -> None:
        """Save what is open, cover the screen and ask for the passphrase again."""
        from reflect_tui.ui.screens.unlock import UnlockScreen

        self.save_everything()
        self.locked = True
        self.push_screen(
            UnlockScreen(self.store.data_dir, self._try_unlock, locked=True), self._relocked
        )

    def _relocked(self, unlocked: bool | None) -> None:
        self.locked = False
        self.last_input = self.clock.now()

    def encrypt_store(self, passphrase: str) -> str:
        """Encrypt the open (plaintext) folder where it is; returns the recovery key."""
        from reflect_tui.store.encrypt_folder import encrypt_existing

        store = self.store
        data_dir, clock = store.data_dir, store.clock
        self.save_everything()
        store.close()
        try:
            done = encrypt_existing(data_dir, passphrase)
        except BaseException:
            self._store = Store.open(data_dir, clock)
            raise
        self._store = Store.open(data_dir, clock, unlock=passphrase)
        self.last_input = self.clock.now()
        return done.recovery_key

    # -- threads --------------------------------------------------------------

    def post_from_any_thread(self, callback: Callable[..., Any], *args: Any) -> None:
        """Run ``callback`` on the UI thread without waiting for it.

        The store's autosave worker reports its state from its own thread. It must
        never block on the UI (the UI may itself be waiting in ``flush()``), so this
        queues the call instead of using the blocking ``call_from_thread``.
        """
        if threading.get_ident() == self._ui_thread:
            callback(*args)
            return
        loop = self._ui_loop
        if loop is None or loop.is_closed():
            return
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
            loop.call_soon_threadsafe(callback, *args)

    # -- actions --------------------------------------------------------------

    def action_help(self) -> None:
        from reflect_tui.ui.screens.help import HelpScreen

        if self._is_covered():
            return
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        self.save_everything()
        self.exit(0)

    def save_everything(self) -> None:
        """Flush whatever the open screens hold; safe to call more than once."""
        for hook in list(self.before_quit):
            hook()

    def on_unmount(self) -> None:
        if self._store is None:
            return
        with self._unless_crashed():
            self.save_everything()
        with self._unless_crashed():
            self._store.close()

    @contextlib.contextmanager
    def _unless_crashed(self) -> Iterator[None]:
        """After a crash, a second failure while closing must not replace the plain message."""
        if self.crash_message is None:
            yield
            return
        with contextlib.suppress(Exception):
            yield

    # -- crashes --------------------------------------------------------------

    crash_message: str | None = None
    crash_report: Path | None = None

    def _handle_exception(self, error: Exception) -> None:
        """Any unexpected exception: save, report without values, say so plainly, exit 70.

        Replaces Textual's crash screen, whose traceback shows local variables
        (hazards, names, notes) on screen and on a projector.
        """
        from reflect_tui import crashreport

        self._return_code = crashreport.CRASH_EXIT
        # Pilot (tests) re-raises the first exception when the app closes.
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        if self.crash_message is not None:  # already closing after a crash
            self._close_messages_no_wait()
            return
        saved = True
        try:
            self.save_everything()
        except Exception:
            saved = False
        report: Path | None = None
        if self._store is not None and not self._store.read_only:
            with contextlib.suppress(Exception):
                report = crashreport.write_report(
                    self.store.data_dir, error, self.clock.now(), self.store.codec
                )
        self.crash_report = report
        self.crash_message = crashreport.plain_message(error, report, saved)
        from rich.text import Text

        self._exit_renderables.clear()
        self._exit_renderables.append(Text(f"reflect: {self.crash_message}"))
        self._close_messages_no_wait()

    def _is_covered(self) -> bool:
        """Locked, or not yet unlocked: nothing but the passphrase box may show."""
        if self._store is None or self.locked:
            return True
        # Asked on every footer refresh: the unlock screen's module is not imported just
        # to learn that no unlock screen is showing (it cannot be, if never imported).
        unlock = sys.modules.get("reflect_tui.ui.screens.unlock")
        return unlock is not None and isinstance(self.screen, unlock.UnlockScreen)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Help and the command palette are hidden from the footer while locked.
        return not (action in ("help", "command_palette") and self._is_covered())

    def action_command_palette(self) -> None:
        if not self._is_covered():
            super().action_command_palette()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        if self._is_covered():
            return
        for command in super().get_system_commands(screen):
            # A screenshot would write confidential text to a file nobody asked for.
            if command.title != "Screenshot":
                yield command
        yield SystemCommand("Help", "Keys and actions for this screen (F1)", self.action_help)
        from reflect_tui.ui.screens.followup_nav import palette_commands  # People, Actions

        yield from palette_commands(self)
        from reflect_tui.ui.screens.report import palette_commands as report_commands

        yield from report_commands(self)
        from reflect_tui.ui.screens.calendar_export import palette_commands as calendar_commands

        yield from calendar_commands(self)
        from reflect_tui.ui.screens.search import palette_commands as search_commands

        yield from search_commands(self)
        extra = getattr(screen, "palette_commands", None)
        if callable(extra):
            yield from extra()

    def quiet_cursor(self, *widgets: Any) -> None:
        """Stop cursor blinking when animations are off (stable snapshots, calm screens)."""
        if self.cursor_blink:
            return
        for widget in widgets:
            if hasattr(widget, "cursor_blink"):
                widget.cursor_blink = False


def make_app(
    data_dir: Path,
    clock: Clock,
    *,
    template_dirs: list[Path] | None = None,
    animations: bool = False,
    cursor_blink: bool | None = None,
    read_only: bool = False,
    user_templates: bool = False,
    unlock: str | None = None,
) -> ReflectApp:
    """Build the app on an explicit data dir and clock; the CLI and every test use this.

    Only ``user_templates=True`` (the CLI) reads ``$REFLECT_TEMPLATES`` and the per-user
    template folder; otherwise the library is the built-ins plus ``template_dirs``, so
    tests never depend on (or touch) the machine they run on.
    """
    dirs = [Path(d) for d in template_dirs or []]

    def load_library() -> TemplateLibrary:
        from reflect_tui.templates import TemplateLibrary

        return TemplateLibrary.load(dirs) if user_templates else TemplateLibrary.from_dirs(dirs)

    # A folder named with --templates is reported even when missing; the others only exist or not.
    found = paths.user_template_dirs([str(d) for d in dirs]) if user_templates else dirs
    user_folders = bool(dirs) or any(d.is_dir() for d in found)
    from reflect_tui.store.unlock import is_encrypted

    folder = Path(data_dir).expanduser()

    def opener(secret: str) -> Store:
        return Store.open(folder, clock, read_only=read_only, unlock=secret)

    # An encrypted folder without a passphrase opens on the unlock screen.
    store = (
        None
        if is_encrypted(folder) and unlock is None
        else Store.open(folder, clock, read_only=read_only, unlock=unlock)
    )
    return ReflectApp(
        store,
        load_library,
        clock,
        animations=animations,
        cursor_blink=cursor_blink,
        user_folders=user_folders,
        opener=opener,
        data_dir=folder,
    )


def run_app(data: str | None, template_dirs: list[str] | None) -> int:
    """Open the app for a person at a terminal (called by ``reflect`` with no command)."""
    app = make_app(
        paths.data_dir(data),
        SystemClock(),
        template_dirs=[Path(d) for d in template_dirs or []],
        animations=True,
        user_templates=True,
    )
    result = app.run()
    if app.return_code:  # a crash: the plain message was printed on the way out
        return app.return_code
    return int(result or 0)
