"""Encryption in the app: the unlock screen, auto-lock, and encrypting a new folder.

``UnlockScreen`` covers everything (nothing of the data shows behind it) and asks
for the passphrase or the recovery key; the key derivation runs on a worker
thread so the screen stays calm while it works. The same screen is the lock
screen after the app has been idle (``ReflectApp.check_auto_lock``).
``NewPassphraseScreen`` and ``RecoveryKeyScreen`` are the first-run offer to
encrypt an empty data folder (``offer_encryption``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Footer, Input, Static

from reflect_tui.errors import UserError
from reflect_tui.ui.parts import reflect_app
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.footer import KeepFooter
from reflect_tui.ui.widgets.glyphs import GlyphCheckbox

if TYPE_CHECKING:
    from reflect_tui.ui.keyring_link import KeyringState

# Runs on a worker thread with what was typed: None if it unlocked, else what to say.
Attempt = Callable[[str], str | None]


class UnlockScreen(Screen[bool]):
    """Asks for the passphrase; dismisses with True once ``attempt`` accepts it."""

    DEFAULT_CSS = css_beside(__file__, "unlock.tcss")
    AUTO_FOCUS = "#passphrase"
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+q", "app.quit", "Quit", id="unlock.quit", priority=True),
    ]

    def __init__(
        self,
        data_dir: Path,
        attempt: Attempt,
        *,
        locked: bool = False,
        keyring: KeyringState | None = None,
    ) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.attempt = attempt
        self.locked = locked
        self.busy = False
        # The keyring box shows at start only (the CLI's app): auto-lock always asks.
        self.keyring = keyring if keyring is not None and keyring.offer and not locked else None

    @property
    def keep_in_keyring(self) -> bool:
        """Whether the person ticked "keep the key in the system keyring"."""
        if self.keyring is None or self.keyring.problem is not None:
            return False
        return self.query_one("#keep-in-keyring", Checkbox).value

    def message(self, shown_dir: str | None = None) -> str:
        where = shown_dir or str(self.data_dir)
        lead = (
            f"reflect locked itself after a while without use; your work is saved. The "
            f"sessions in {where} stay encrypted."
            if self.locked
            else f"The sessions in {where} are encrypted."
        )
        return (
            f"{lead}\n\nType the passphrase to open them (or the recovery key, if the "
            "passphrase is forgotten), then press Enter."
        )

    def compose(self) -> ComposeResult:
        title = "Locked" if self.locked else "This data is encrypted"
        with Center(id="unlock-center"), Vertical(id="unlock-box"):
            yield Static(title, id="unlock-title")
            yield Static(self.message(), id="unlock-text")
            yield Input(password=True, id="passphrase", placeholder="Passphrase")
            if self.keyring is not None:
                yield GlyphCheckbox(
                    "Keep the key in this computer's keyring",
                    id="keep-in-keyring",
                    disabled=self.keyring.problem is not None,
                )
                if self.keyring.problem is not None:
                    yield Static(self.keyring.problem, id="keyring-problem")
            yield Static("", id="unlock-status")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        reflect_app(self).quiet_cursor(self.query_one("#passphrase", Input))
        self.app.refresh_bindings()
        if self.keyring is not None and self.keyring.note is not None:
            self.say(self.keyring.note)

    @on(Input.Submitted, "#passphrase")
    def _submit(self, event: Input.Submitted) -> None:
        secret = event.value
        if self.busy:
            return
        if not secret:
            self.say("Type the passphrase first.")
            return
        self.busy = True
        event.input.disabled = True
        self.say("Checking…")
        self._check(secret)

    @work(thread=True, exclusive=True)
    def _check(self, secret: str) -> None:
        try:
            problem = self.attempt(secret)
        except UserError as err:
            problem = str(err)
        self.app.call_from_thread(self._checked, problem)

    def _checked(self, problem: str | None) -> None:
        self.busy = False
        box = self.query_one("#passphrase", Input)
        if problem is None:
            box.value = ""
            self.dismiss(True)
            self.app.refresh_bindings()
            return
        box.disabled = False
        box.value = ""
        box.focus()
        self.say(problem, error=True)

    def say(self, text: str, *, error: bool = False) -> None:
        status = self.query_one("#unlock-status", Static)
        status.update(text)
        status.set_class(error, "-error")


class NewPassphraseScreen(Screen[str | None]):
    """Choose a passphrase (typed twice); dismisses with it, or None on Escape."""

    DEFAULT_CSS = css_beside(__file__, "unlock.tcss")
    AUTO_FOCUS = "#new-passphrase"
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Cancel", id="encrypt.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Center(id="unlock-center"), Vertical(id="unlock-box"):
            yield Static("Protect this data with a passphrase", id="unlock-title")
            yield Static(
                "Everything reflect keeps in this folder will be encrypted. You will type the "
                "passphrase each time the app opens, and after it locks itself when left idle. "
                "A few ordinary words in a row are easy to remember and hard to guess.",
                id="unlock-text",
            )
            yield Input(password=True, id="new-passphrase", placeholder="Passphrase")
            yield Input(password=True, id="again", placeholder="The same again")
            yield Static("", id="unlock-status")
        yield KeepFooter()

    def on_mount(self) -> None:
        reflect_app(self).quiet_cursor(*self.query(Input))

    @on(Input.Submitted, "#new-passphrase")
    def _next(self) -> None:
        self.query_one("#again", Input).focus()

    @on(Input.Submitted, "#again")
    def _done(self) -> None:
        from reflect_tui.store.crypto import check_new_passphrase

        first = self.query_one("#new-passphrase", Input).value
        second = self.query_one("#again", Input).value
        try:
            check_new_passphrase(first)
        except UserError as err:
            self._problem(str(err).replace(" Nothing was changed.", ""))
            return
        if first != second:
            self._problem("The two passphrases differ; type them again.")
            return
        self.dismiss(first)

    def _problem(self, text: str) -> None:
        for box in self.query(Input):
            box.value = ""
        self.query_one("#new-passphrase", Input).focus()
        status = self.query_one("#unlock-status", Static)
        status.update(text)
        status.add_class("-error")

    def action_cancel(self) -> None:
        self.dismiss(None)


class RecoveryKeyScreen(Screen[None]):
    """Shows the recovery key once, until the person says it is written down."""

    DEFAULT_CSS = css_beside(__file__, "unlock.tcss")
    AUTO_FOCUS = "#written"

    def __init__(self, recovery_key: str) -> None:
        super().__init__()
        self.recovery_key = recovery_key

    def compose(self) -> ComposeResult:
        with Center(id="unlock-center"), Vertical(id="unlock-box"):
            yield Static("Your recovery key", id="unlock-title")
            yield Static(
                "The data is now encrypted. If the passphrase is ever forgotten, this key is "
                "the only way back in. Write it down and keep it somewhere safe, away from "
                "this computer. It is shown only this once.",
                id="unlock-text",
            )
            yield Static(self.recovery_key, id="recovery-key")
            with Horizontal(id="unlock-buttons"):
                yield Button("I have written it down", id="written", variant="primary")
        yield KeepFooter()

    @on(Button.Pressed, "#written")
    def _written(self) -> None:
        self.dismiss(None)


async def offer_encryption(screen: Screen[None]) -> None:
    """First run: encrypt the (still empty) data folder the app has open."""
    app = reflect_app(screen)
    passphrase = await app.push_screen_wait(NewPassphraseScreen())
    if passphrase is None:
        return
    try:
        recovery = app.encrypt_store(passphrase)
    except UserError as err:
        screen.notify(str(err), severity="error", timeout=15)
        return
    await app.push_screen_wait(RecoveryKeyScreen(recovery))
    screen.notify("This data folder is encrypted.")
