"""The bin: deleted sessions and discarded drafts, each with the day it will be erased.

Enter (or r) puts the highlighted one back; e erases it for good now (asked first).
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reflect_tui.domain.settings import Settings
from reflect_tui.errors import UserError
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.parts import Banner, TopBar, read_only_message, reflect_app
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.footer import KeepFooter

CSS = css_beside(__file__, "bin.tcss")


class BinScreen(Screen[None]):
    DEFAULT_CSS = CSS
    AUTO_FOCUS = "#bin-list"
    BINDINGS = [  # noqa: RUF012
        Binding("r", "put_back", "Put back", id="bin.restore"),
        Binding("e", "erase", "Erase for good", id="bin.erase"),
        Binding("escape", "back", "Back", id="bin.back"),
    ]

    def compose(self) -> ComposeResult:
        yield TopBar("bin")
        yield Banner(id="banner")
        with Vertical(id="bin-body"):
            yield OptionList(id="bin-list")
            yield Static(
                "Enter or r: put back · e: erase for good now · Esc: back. "
                "Everything here is erased for good on the day shown.",
                id="bin-hint",
            )
        yield KeepFooter()

    def on_mount(self) -> None:
        app = reflect_app(self)
        if app.store.read_only:
            self.query_one(Banner).show(read_only_message(app))
        self.reload()

    def reload(self) -> None:
        from reflect_tui.store import erasure

        store = reflect_app(self).store
        days = Settings.load(store).bin_days
        box = self.query_one("#bin-list", OptionList)
        keep = box.highlighted or 0
        box.clear_options()
        entries = erasure.bin_entries(store)
        if not entries:
            box.add_option(Option(Text("The bin is empty.", style="dim"), disabled=True))
        for e in entries:
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"erased on {e.expires(days):%d %b %Y}  ", style="dim")
            line.append(e.title or "Untitled", style="bold")
            line.append(f"  {e.template_title}, {e.date:%d %b %Y}", style="dim")
            box.add_option(Option(line, id=e.id))
        if entries:
            box.highlighted = min(keep, len(entries) - 1)
        self.refresh_bindings()

    def current(self) -> str | None:
        option = self.query_one("#bin-list", OptionList).highlighted_option
        return option.id if option is not None and option.id else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("put_back", "erase"):
            if reflect_app(self).store.read_only:
                return None
            return self.current() is not None or None
        return True

    @on(OptionList.OptionSelected, "#bin-list")
    def _chosen(self) -> None:
        self.action_put_back()

    def action_put_back(self) -> None:
        from reflect_tui.dataprotection import erase

        sid = self.current()
        app = reflect_app(self)
        if sid is None or app.store.read_only:
            return
        try:
            entry = erase.restore_from_bin(app.store, sid)
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return
        self.reload()
        self.notify(f"Put back “{entry.title or 'Untitled'}”.")

    @work
    async def action_erase(self) -> None:
        from reflect_tui.dataprotection import erase
        from reflect_tui.store import erasure

        sid = self.current()
        app = reflect_app(self)
        if sid is None or app.store.read_only:
            return
        entry = next(e for e in erasure.bin_entries(app.store) if e.id == sid)
        ok = await app.push_screen_wait(
            ConfirmScreen(
                f"Erase “{entry.title or 'Untitled'}” ({entry.template_title}, "
                f"{entry.date:%d %b %Y}) for good now? This cannot be undone.",
                yes="Erase for good",
                no="Keep it",
            )
        )
        if not ok:
            return
        try:
            erase.purge(app.store, [sid])
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return
        self.reload()
        self.notify(f"Erased “{entry.title or 'Untitled'}” for good.")

    def action_back(self) -> None:
        self.dismiss()
