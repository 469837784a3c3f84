"""The "from the room" tray beside the open field: items sent from phones wait here.

The facilitator accepts an item (it becomes an ordinary item of the open list
field), merges several into one, or discards it. The tray also shows the join
address, how many have joined, and a dot vote's running tally. In room mode
(the projector) it shows only the address and how many items wait: nothing a
participant sent is on the big screen before the facilitator has read it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reflect_tui.domain.votes import VoteTally
from reflect_tui.room.state import Submission
from reflect_tui.ui.widgets._css import css_beside

DEFAULT_CSS = css_beside(__file__, "room_tray.tcss")


class RoomTray(Vertical):
    """Posts ``RoomTray.Act`` for each decision; the runner's room link carries it out."""

    DEFAULT_CSS = DEFAULT_CSS

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "act('accept')", "Accept", id="room.accept", tooltip="Accept into the list"),
        Binding("d", "act('discard')", "Discard", id="room.discard", tooltip="Discard this item"),
        Binding("space", "mark", "Mark", id="room.mark", tooltip="Mark items to merge"),
        Binding("m", "act('merge')", "Merge", id="room.merge", tooltip="Merge the marked items"),
        Binding("v", "act('vote')", "Vote", id="room.vote", tooltip="Open or close a dot vote"),
        Binding("o", "act('field')", "Field", id="room.field", tooltip="Open the next list field"),
    ]

    class Act(Message):
        """``what`` is accept, discard, merge, vote or field; ``ids`` the items it is about."""

        def __init__(self, what: str, ids: list[str]) -> None:
            super().__init__()
            self.what = what
            self.ids = ids

    def __init__(self) -> None:
        super().__init__(id="room-tray")
        self.border_title = "From the room"
        self.items: list[Submission] = []
        self.marked: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static(id="room-address")
        yield Static(id="room-field")
        yield OptionList(id="room-items")
        yield Static(id="room-vote")
        yield Static(
            "a accept · d discard\nspace mark · m merge\nv vote · o field · F4 QR",
            id="room-keys",
        )

    # -- what the link tells it ----------------------------------------------

    def show_address(self, url: str, joined: int) -> None:
        text = Text()
        text.append("Join: ", style="bold")
        text.append(url, style="underline")
        text.append(f"\n{joined} joined · F4 for the QR code", style="dim")
        self.query_one("#room-address", Static).update(text)

    def show_field(self, label: str | None) -> None:
        text = (
            Text.assemble(("Open: ", "bold"), label)
            if label
            else Text("No list field on this step is open to the room.", style="italic")
        )
        self.query_one("#room-field", Static).update(text)

    def show_items(self, items: list[Submission]) -> None:
        before = [s.id for s in self.items]
        self.items = list(items)
        self.marked &= {s.id for s in items}
        waiting = len(items)
        self.border_title = f"From the room ({waiting} waiting)" if waiting else "From the room"
        box = self.query_one("#room-items", OptionList)
        ids = [s.id for s in items]
        if ids[: len(before)] == before and len(before) == box.option_count:
            # The usual case, items arriving: add only the new ones (a full
            # rebuild of hundreds of options on every arrival stalls typing).
            box.add_options([self._option(s) for s in items[len(before) :]])
            if items and box.highlighted is None:
                box.highlighted = 0
            return
        highlighted = box.highlighted
        box.clear_options()
        box.add_options([self._option(s) for s in items])
        if items:
            box.highlighted = min(highlighted or 0, len(items) - 1)

    def _option(self, item: Submission) -> Option:
        line = Text(no_wrap=False)
        line.append("☑ " if item.id in self.marked else "• ", style="bold")
        line.append(item.text)
        return Option(line, id=item.id)

    def show_vote(self, tally: list[VoteTally] | None, votes_each: int = 0) -> None:
        widget = self.query_one("#room-vote", Static)
        if tally is None:
            widget.update("")
            widget.display = False
            return
        widget.display = True
        text = Text()
        text.append(f"Dot vote open · {votes_each} each · v to close\n", style="bold")
        for row in sorted(tally, key=lambda t: -t.votes):
            text.append(f"{row.votes:>3} ", style="bold")
            text.append(f"{row.text}\n")
        widget.update(text)

    # -- keys -----------------------------------------------------------------

    def _current(self) -> str | None:
        box = self.query_one("#room-items", OptionList)
        if box.highlighted is None or not self.items:
            return None
        return self.items[min(box.highlighted, len(self.items) - 1)].id

    def action_mark(self) -> None:
        current = self._current()
        if current is None:
            return
        self.marked ^= {current}
        box = self.query_one("#room-items", OptionList)
        index = [s.id for s in self.items].index(current)
        box.replace_option_prompt_at_index(index, self._option(self.items[index]).prompt)

    def action_act(self, what: str) -> None:
        if what == "merge":
            ids = [s.id for s in self.items if s.id in self.marked]
            current = self._current()
            if len(ids) < 2 and current is not None:
                # Nothing marked: merge the highlighted item into the one above it.
                index = [s.id for s in self.items].index(current)
                ids = [self.items[index - 1].id, current] if index > 0 else []
            self.marked.clear()
            self.post_message(self.Act("merge", ids))
            return
        if what in ("accept", "discard"):
            current = self._current()
            self.post_message(self.Act(what, [current] if current else []))
            return
        self.post_message(self.Act(what, []))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Act("accept", [event.option.id]))
