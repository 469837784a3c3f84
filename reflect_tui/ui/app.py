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
    from reflect_tui.domain.session import Session
    from reflect_tui.store.files import Codec
    from reflect_tui.templates import TemplateLibrary
    from reflect_tui.ui.keyring_link import KeyringState
    from reflect_tui.ui.results import FinishResult
    from reflect_tui.ui.screens.unlock import UnlockScreen


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

    # True when run_app held the garbage collector back for the start-up (see there).
    collect_after_first_frame = False

    def on_mount(self) -> None:
        if self.collect_after_first_frame:
            import gc

            self.call_after_refresh(gc.enable)  # after the first frame of home or unlock
        self._ui_loop = asyncio.get_running_loop()
        self._ui_thread = threading.get_ident()
        self.set_interval(IDLE_CHECK_SECONDS, self.check_auto_lock, name="auto-lock")
        if self._store is None:
            from reflect_tui.ui.screens.unlock import UnlockScreen

            self._unlock_screen = UnlockScreen(self.data_dir, self._try_open, keyring=self.keyring)
            self.push_screen(self._unlock_screen, self._opened)
            return
        # After the app's own start-up batch: a screen pushed inside it is laid out and
        # drawn once for nothing (Textual holds every frame until the batch ends), then
        # drawn again; the first frame a person saw came ~35 ms and one whole render late.
        self.call_later(self._open_home)

    def _open_home(self) -> None:
        self._show_home()
        # Only a folder opened with a key from the OS keyring has a keyring state yet
        # (make_app sets it); otherwise its module need not load to learn "no".
        if self._keyring is not None and self._keyring.opened_by_keyring:
            from reflect_tui.ui.keyring_link import OPENED_NOTE

            self.notify(OPENED_NOTE, title="System keyring", timeout=12)

    def _show_home(self) -> None:
        from reflect_tui.ui.screens.home import HomeScreen
        from reflect_tui.ui.themes import install_themes

        install_themes(self)

        if self.store.read_only:
            self.sub_title = "read-only"
        self.last_input = self.clock.now()
        self.push_screen(HomeScreen())
        if self.store.recovered:  # drafts replayed from the autosave journal at open
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
            screen = self._unlock_screen
            if screen is not None and screen.keep_in_keyring:
                from reflect_tui.ui.keyring_link import keep_key

                kept, message = keep_key(self.data_dir, self._store.codec)
                self.keyring.kept = kept
                self.notify(
                    message,
                    title="System keyring",
                    severity="information" if kept else "warning",
                    timeout=12,
                )

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
        from reflect_tui.domain.settings import Settings

        return Settings.load(self._store).auto_lock_minutes * 60

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

    # -- the optional OS keyring (ui/keyring_link.py; set by make_app) --------

    @property
    def keyring(self) -> KeyringState:
        if self._keyring is None:
            from reflect_tui.ui.keyring_link import KeyringState

            self._keyring = KeyringState()
        return self._keyring

    _keyring: KeyringState | None = None
    _unlock_screen: UnlockScreen | None = None

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
        encrypted = self._store is not None and self._store.encrypted
        self.crash_message = crashreport.plain_message(error, report, saved, encrypted)
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
        yield from self.navigation_commands()  # People, Actions, the do-not-share list
        from reflect_tui.ui.screens.report import palette_commands as report_commands

        yield from report_commands(self)
        from reflect_tui.ui.flows.calendar_export import palette_commands as calendar_commands

        yield from calendar_commands(self)
        from reflect_tui.ui.screens.search import palette_commands as search_commands

        yield from search_commands(self)
        from reflect_tui.ui.keyring_link import palette_commands as keyring_commands

        yield from keyring_commands(self)
        extra = getattr(screen, "palette_commands", None)
        if callable(extra):
            yield from extra()

    # -- navigation: the one place that knows the screens -------------------------
    # Screens never import each other (tests/test_architecture.py): they call these.
    # Each imports its screen module when first called, off the start-up path.

    def open_session(self, session: Session) -> None:
        """A draft opens in the runner to carry on; a completed session as its record."""
        if session.is_complete:
            self.open_record(session)
        else:
            self.open_runner(session)

    def open_runner(
        self, session: Session, *, read_only: bool = False, replace: bool = False
    ) -> None:
        """The step-by-step runner (``replace``: instead of the screen on top)."""
        from reflect_tui.ui.screens.runner import RunnerScreen

        self._open(RunnerScreen(session, read_only=read_only), replace=replace)

    def open_record(self, session: Session, *, replace: bool = False) -> None:
        """A completed session, read-only, as its record reads."""
        from reflect_tui.ui.screens.record import RecordScreen

        self._open(RecordScreen(session), replace=replace)

    def open_finish(self, session: Session, done: Callable[[FinishResult], None]) -> None:
        """Preview, privacy check and "mark complete"; ``done`` gets what it decided."""
        from reflect_tui.ui.screens.finish import FinishScreen

        self.push_screen(FinishScreen(session), done)

    def open_new_session(self) -> None:
        """Pick a template, then fill in the header and start."""
        from reflect_tui.ui.screens.new_session import TemplatePickerScreen

        self.push_screen(TemplatePickerScreen())

    def open_people(self) -> None:
        from reflect_tui.ui.screens.people import PeopleScreen

        if not isinstance(self.screen, PeopleScreen):
            self.push_screen(PeopleScreen())

    def open_actions(self, *, overdue: bool = False) -> None:
        from reflect_tui.ui.screens.actions import ActionsScreen

        if not isinstance(self.screen, ActionsScreen):
            self.push_screen(ActionsScreen(overdue=overdue))

    def open_search(self, text: str = "") -> None:
        """The search screen; ``text`` (e.g. home's filter) is searched at once."""
        from reflect_tui.ui.screens.search import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen(text))

    def open_bin(self) -> None:
        from reflect_tui.ui.screens.bin import BinScreen

        self.push_screen(BinScreen())

    def open_report(self) -> None:
        from reflect_tui.ui.screens.report import ReportScreen

        if not isinstance(self.screen, ReportScreen):
            from reflect_tui.dataprotection.accountability import record

            problem = record(self.store, "report", None, "opened in the app")
            if problem:
                self.notify(problem, severity="error")
            self.push_screen(ReportScreen())

    def open_private_names(self) -> None:
        """The do-not-share list, unless a room may see the screen or the store is read-only."""
        from reflect_tui.ui.dialogs.private_names import open_private_names

        open_private_names(self)

    async def protect_folder(self, screen: Screen[None]) -> None:
        """First run: choose a passphrase and encrypt the (still empty) data folder."""
        from reflect_tui.ui.screens.unlock import offer_encryption

        await offer_encryption(screen)

    def _open(self, screen: Screen[None], *, replace: bool) -> None:
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def navigation_commands(self) -> Iterable[SystemCommand]:
        """App-wide commands: People and Actions from anywhere."""
        yield SystemCommand("People", "The roster: add and edit people", self.open_people)
        yield SystemCommand(
            "Actions", "Every agreed action: filter, mark done or dropped", self.open_actions
        )
        yield SystemCommand(
            "Overdue actions",
            "Open actions past their due date",
            lambda: self.open_actions(overdue=True),
        )
        yield SystemCommand(
            "Do-not-share list",
            "Names and case references the privacy check always flags",
            self.open_private_names,
        )

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
    use_keyring: bool = False,
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

    # An encrypted folder without a passphrase opens on the unlock screen, unless the
    # person chose to keep its key in the OS keyring (``use_keyring``: the CLI only).
    keyring_state: KeyringState | None = None
    kept: Codec | None = None
    if use_keyring and unlock is None and is_encrypted(folder):
        from reflect_tui.store.repository import STORE_NAME
        from reflect_tui.ui.keyring_link import at_start

        kept, keyring_state = at_start(folder, folder / STORE_NAME)
    store = (
        None
        if is_encrypted(folder) and unlock is None and kept is None
        else Store.open(folder, clock, read_only=read_only, unlock=unlock, codec=kept)
    )
    app = ReflectApp(
        store,
        load_library,
        clock,
        animations=animations,
        cursor_blink=cursor_blink,
        user_folders=user_folders,
        opener=opener,
        data_dir=folder,
    )
    app._keyring = keyring_state
    return app


def keep_out_of_the_collectors_way(app: ReflectApp) -> None:
    """Keep the garbage collector out of the start-up; it runs as usual once home is drawn.

    Everything imported or opened so far (modules, classes, the open store) stays until
    the app exits, yet each full collection walks all of it again: at start-up one such
    pass cost 25-40 ms at 100 sessions, a seventh of the whole start. So it is moved out
    of the collector's way for good (``gc.freeze``: never scanned, never freed). And
    until the first screen has been drawn nothing is collected at all (the widgets
    being built all stay anyway; another 10-20 ms of young-generation passes): the
    app turns the collector on after that first frame (``on_mount``), also when
    ``reflect`` held it back from the first import (``cli.collector_held``). Only
    ``run_app`` (a person's process) does this, never a test.
    """
    import gc

    gc.freeze()
    gc.disable()
    app.collect_after_first_frame = True


def run_app(data: str | None, template_dirs: list[str] | None) -> int:
    """Open the app for a person at a terminal (called by ``reflect`` with no command)."""
    app = make_app(
        paths.data_dir(data),
        SystemClock(),
        template_dirs=[Path(d) for d in template_dirs or []],
        animations=True,
        user_templates=True,
        use_keyring=True,
    )
    keep_out_of_the_collectors_way(app)
    result = app.run()
    if app.return_code:  # a crash: the plain message was printed on the way out
        return app.return_code
    return int(result or 0)
