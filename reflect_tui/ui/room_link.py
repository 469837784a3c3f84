"""The runner's side of the room: starts the server on the app's loop, fills the tray,
carries out the facilitator's decisions and keeps phones in step with the session.

Imported only when the facilitator opens a room (``F4`` in the runner), so the
app's start-up never loads aiohttp or segno.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from reflect_tui.domain.answers import ListItem
from reflect_tui.room.network import LOOPBACK
from reflect_tui.room.qr import qr_lines
from reflect_tui.room.server import RoomServer, RoomServerError
from reflect_tui.room.session_link import (
    accept_into,
    accepted_texts,
    record_result,
    room_fields,
    view_for,
)
from reflect_tui.room.state import Change, RoomState
from reflect_tui.ui.widgets.fields import FieldEditor
from reflect_tui.ui.widgets.list_editor import ListEditor
from reflect_tui.ui.widgets.room_tray import RoomTray
from reflect_tui.ui.widgets.rows_editor import EditorRow

if TYPE_CHECKING:
    from reflect_tui.ui.screens.runner import RunnerScreen

# Follow-along waits this long after a change to the open field before phones
# see it, so a facilitator's half-typed word is never streamed key by key.
FOLLOW_DELAY = 0.6

_CLOSING: set[asyncio.Task[None]] = set()


class RoomLink:
    def __init__(self, runner: RunnerScreen) -> None:
        self.runner = runner
        self.state = RoomState()
        self.server: RoomServer | None = None
        self.field_id: str | None = None
        self.tray: RoomTray | None = None
        self._stop_listening = self.state.listen(self._changed)
        self._follow: asyncio.TimerHandle | None = None
        self._tray_dirty = False

    @property
    def running(self) -> bool:
        return self.server is not None and self.server.running

    @property
    def url(self) -> str:
        return self.server.url if self.server is not None else ""

    async def start(self, host: str = LOOPBACK) -> None:
        server = RoomServer(self.state, host)
        await server.start()
        self.server = server
        if self.tray is None:
            self.tray = RoomTray()
            await self.runner.query_one("#runner-main").mount(self.tray)
        self.tray.set_class(self.runner.room, "-room")
        self.step_shown()
        self._refresh_tray()

    async def move(self, host: str) -> None:
        """Listen on another interface; the tray, link and participants stay."""
        old = self.server
        if old is not None:
            await old.stop(close_state=False)
        server = RoomServer(self.state, host)
        try:
            await server.start()
        except RoomServerError:
            if old is not None:  # go back to where it was
                await RoomServer(self.state, old.host, old.port).start()
            raise
        self.server = server
        self._refresh_tray()

    def stop_now(self) -> None:
        """Close the room at once (pause, finish, leaving, quitting); safe to repeat."""
        if self._follow is not None:
            self._follow.cancel()
            self._follow = None
        if self.state.vote is not None and not self.state.closed:
            self.toggle_vote()  # a vote still open when the room closes is kept
        server, self.server = self.server, None
        if server is not None:
            server.stop_listening()
            task = asyncio.get_event_loop().create_task(server.stop())
            _CLOSING.add(task)  # keep a reference until the server is gone
            task.add_done_callback(_CLOSING.discard)
        self.state.close()
        self._stop_listening()
        self.runner.remove_class("-with-tray")
        if self.tray is not None and self.tray.is_attached:
            self.tray.remove()
        self.tray = None

    def rotate(self) -> None:
        self.state.rotate_token()
        self._refresh_tray()

    # -- keeping phones in step -------------------------------------------------

    def step_shown(self) -> None:
        """The runner shows a (new) step: open its first room field, if it has one."""
        self.runner.add_class("-with-tray")
        fields = room_fields(self.runner.step)
        ids = [f.id for f in fields]
        if self.field_id not in ids:
            self.field_id = ids[0] if ids else None
        self._update_view()

    def next_field(self) -> None:
        ids = [f.id for f in room_fields(self.runner.step)]
        if not ids:
            self.runner.notify("No list field on this step can be opened to the room.")
            return
        at = ids.index(self.field_id) if self.field_id in ids else -1
        self.field_id = ids[(at + 1) % len(ids)]
        self._update_view()

    def _update_view(self) -> None:
        session = self.runner.session
        self.state.set_view(view_for(session, self.runner.step, self.field_id))
        self.state.set_accepted(accepted_texts(session, self.field_id))
        if self.tray is not None:
            f = session.template.field_by_id(self.field_id) if self.field_id else None
            self.tray.show_field(f.label if f else None)

    def field_changed(self, field_id: str) -> None:
        if field_id != self.field_id or self.state.closed:
            return
        if self._follow is not None:
            self._follow.cancel()
        loop = asyncio.get_event_loop()
        self._follow = loop.call_later(FOLLOW_DELAY, self._send_accepted)

    def _send_accepted(self) -> None:
        self._follow = None
        if not self.state.closed:
            self.state.set_accepted(accepted_texts(self.runner.session, self.field_id))

    def focus_tray(self) -> None:
        if self.tray is not None and self.tray.is_attached and not self.runner.room:
            self.tray.query_one("#room-items").focus()

    def room_mode(self, on: bool) -> None:
        if self.tray is not None:
            self.tray.set_class(on, "-room")

    # -- the tray ---------------------------------------------------------------

    def _changed(self, change: Change) -> None:
        # Called from the server's handlers, on the app's loop: redraw once per burst.
        if change != "closed" and not self._tray_dirty:
            self._tray_dirty = True
            self.runner.call_later(self._refresh_tray)

    def _refresh_tray(self) -> None:
        self._tray_dirty = False
        tray = self.tray
        if tray is None or not tray.is_attached:
            return
        tray.show_address(self.url, self.state.participant_count)
        tray.show_items(self.state.pending)
        vote = self.state.vote
        tray.show_vote(self.state.tally() if vote else None, vote.votes_each if vote else 0)

    async def act(self, what: str, ids: list[str]) -> None:
        if what == "accept":
            for sid in ids:
                item = self.state.take(sid)
                if item is not None:
                    await self.accept(item.field_id, item.text)
        elif what == "discard":
            for sid in ids:
                self.state.take(sid)
        elif what == "merge":
            if len(ids) < 2 or self.state.merge(ids) is None:
                self.runner.notify("Mark two or more items with space to merge them.")
        elif what == "vote":
            self.toggle_vote()
        elif what == "field":
            self.next_field()
        self._refresh_tray()

    async def accept(self, field_id: str, text: str) -> None:
        """Add ``text`` to the list field as an ordinary item (editable, themable)."""
        editor = next((e for e in self.runner.query(FieldEditor) if e.field.id == field_id), None)
        if isinstance(editor, ListEditor) and not editor.read_only:
            rows = editor.rows
            box = editor.query_one(".rows")
            await box.mount(EditorRow(editor, ListItem(text=text)), before=rows[-1])
            editor._sync()  # posts Changed: the runner saves it like a typed item
            return
        accept_into(self.runner.session, field_id, text)
        self.runner.room_saved()
        self.field_changed(field_id)

    def toggle_vote(self) -> None:
        closed = self.state.close_vote()
        if closed is not None:
            record_result(self.runner.session, *closed)
            self.runner.room_saved()
            self.runner.notify("Vote closed: the counts are kept for the minutes.")
            return
        options = accepted_texts(self.runner.session, self.field_id)
        if not options:
            self.runner.notify("Accept some items into the open field first, then vote on them.")
            return
        vote = self.state.open_vote(options)
        self.runner.notify(f"Dot vote open: {vote.votes_each} dots each. Press v again to close.")

    def join_panel_args(self) -> tuple[str, list[str], str, int]:
        server = self.server
        host = server.host if server is not None else LOOPBACK
        return self.url, qr_lines(self.url), host, self.state.participant_count
