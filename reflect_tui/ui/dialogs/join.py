"""The join panel: the room's address, its QR code, and where the room listens.

Drawn dark on light whatever the theme, large enough for a phone to read off
a projector. The facilitator picks the network here (loopback, this computer
only, until they choose the room's Wi-Fi), makes a new link (the old one stops
working) or closes the room. Dismisses with None, or with what to do:
``("host", address)``, ``("rotate", "")`` or ``("stop", "")``.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from reflect_tui.room.network import Interface
from reflect_tui.ui.widgets._css import css_beside

JoinAnswer = tuple[str, str] | None

CSS = css_beside(__file__, "join.tcss")


class JoinScreen(ModalScreen[JoinAnswer]):
    DEFAULT_CSS = CSS
    BINDINGS = [  # noqa: RUF012
        Binding("escape,f4", "close", "Close", id="join.close", tooltip="Back to the session"),
        Binding("r", "answer('rotate')", "New link", id="join.rotate", tooltip="Old link stops"),
        Binding("s", "answer('stop')", "Close room", id="join.stop", tooltip="Stop the server"),
    ]

    def __init__(
        self, url: str, qr: list[str], hosts: list[Interface], current: str, joined: int
    ) -> None:
        super().__init__()
        self.url = url
        self.qr = qr
        self.hosts = hosts
        self.current = current
        self.joined = joined

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="join-box"), Horizontal(id="join-row"):
            yield Static(Text("\n".join(self.qr), no_wrap=True), id="join-qr")
            with Vertical(id="join-side"):
                yield Static("Scan to join, or type:", classes="join-head")
                yield Static(Text(self.url, overflow="fold"), id="join-url")
                note = f"{self.joined} joined. "
                if self.current.startswith("127."):
                    note += "Only this computer can open it now: choose the room's network."
                else:
                    note += "Anyone on this network with the link can add items."
                yield Static(note, id="join-note")
                yield OptionList(id="join-hosts")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        hosts = self.query_one("#join-hosts", OptionList)
        for n, host in enumerate(self.hosts):
            mark = "● " if host.address == self.current else "  "
            hosts.add_option(Option(f"{mark}{host.label}", id=f"host-{n}"))
        current = next((n for n, h in enumerate(self.hosts) if h.address == self.current), 0)
        hosts.highlighted = current
        hosts.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        host = self.hosts[event.option_index]
        self.dismiss(None if host.address == self.current else ("host", host.address))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_answer(self, what: str) -> None:
        self.dismiss((what, ""))
