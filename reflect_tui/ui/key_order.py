"""Keys land where the cursor is shown, however fast they come.

Textual's app reads a key, checks the priority bindings and *posts* the key to the
focused widget's queue; the widget (and, as the key bubbles, its parents and finally
the app's own bindings) handle it later. A key read meanwhile is posted to the widget
that is focused *then*. So with ``T0<Tab>F0`` arriving in one burst (a fast typist,
a paste, a terminal that batches input) the ``F0`` reached the box just left, because
the Tab that moves the focus had not been handled yet.

``KeysInOrder`` holds each key (and paste) back until the one before it has been handled
all the way up its path: the focused widget, each parent, the screen and the app. Only
then is the next key routed, to whatever is focused by now. A key whose handling waits
on something slow (it never should) is let go after ``KEY_SETTLE_LIMIT`` seconds, so
typing can never stall.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from typing import TYPE_CHECKING

from textual import events
from textual.message import Message

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

KEY_SETTLE_LIMIT = 0.5
MAX_ROUNDS = 8


class RouteNextKey(Message):
    """Route the next held key (posted to the app once the previous one is handled)."""


def _path(start: MessagePump | None) -> list[MessagePump]:
    pumps: list[MessagePump] = []
    node = start
    while node is not None:
        pumps.append(node)
        node = node._parent
    return pumps


def _resolve(done: asyncio.Future[None]) -> None:
    if not done.done():
        done.set_result(None)


async def _drained(pump: MessagePump) -> None:
    """Wait until ``pump`` has handled everything posted to it, including what that posted."""
    loop = asyncio.get_running_loop()
    for _ in range(MAX_ROUNDS):
        if pump._closed or pump._closing:
            return
        done: asyncio.Future[None] = loop.create_future()
        # A callback queued behind the key runs once the key is handled (queues are FIFO).
        pump.call_later(_resolve, done)
        await done
        if pump._message_queue.empty():
            return


async def _settled(path: list[MessagePump]) -> None:
    """Wait until each pump on ``path`` (bottom up) has handled everything posted to it."""
    for pump in path:
        await _drained(pump)


class KeysInOrder:
    """Mixin for the ``App``: route each key only after the previous one was handled."""

    def _key_order_init(self) -> None:
        self._held_keys: deque[events.Event] = deque()
        self._key_in_flight = False
        self._settle_tasks: set[asyncio.Task[None]] = set()

    @property
    def keys_waiting(self) -> bool:
        """Whether keys are held or one is still being handled (tests wait on this)."""
        return self._key_in_flight or bool(self._held_keys)

    def _holds(self, event: events.Event) -> bool:
        return isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded

    async def on_event(self, event: events.Event) -> None:
        if self._holds(event):
            if self._key_in_flight or self._held_keys:
                self._held_keys.append(event)
                return
            await self._route(event)
            return
        await super().on_event(event)  # type: ignore[misc]

    async def _route(self, event: events.Event) -> None:
        from textual.app import App

        assert isinstance(self, App)
        if not self._screen_stack:  # closing: nowhere to deliver it
            self._held_keys.clear()
            return
        target = self.focused or self.screen
        self._key_in_flight = True
        await super().on_event(event)  # type: ignore[misc]
        task = asyncio.create_task(self._release_after(_path(target)))
        self._settle_tasks.add(task)
        task.add_done_callback(self._settle_tasks.discard)

    async def _release_after(self, path: list[MessagePump]) -> None:
        from textual.app import App

        assert isinstance(self, App)
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._settle(path), KEY_SETTLE_LIMIT)
        self._key_in_flight = False
        if self._held_keys:
            self.post_message(RouteNextKey())

    async def _settle(self, path: list[MessagePump]) -> None:
        from textual.app import App

        assert isinstance(self, App)
        await _settled(path)
        # The key opened (or closed) a screen: its first focus is set on its own queue.
        if self.screen not in path:
            await _settled([self.screen])

    async def on_route_next_key(self, _message: RouteNextKey) -> None:
        if self._key_in_flight or not self._held_keys:
            return
        await self._route(self._held_keys.popleft())
