"""Helpers for the room tests: a room on 127.0.0.1 (aiohttp test server), a client each."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from aiohttp import CookieJar, web
from aiohttp.test_utils import TestClient, TestServer

from reflect_tui.room.server import RoomApp
from reflect_tui.room.state import RoomLimits, RoomState, RoomView

VIEW = RoomView(
    step_title="What happened",
    field_id="went-well",
    prompt="What went well on the visit?",
    help="One thing per item.",
)

# One participant's browser: a client of the aiohttp test server.
Client = TestClient[web.Request, web.Application]


def open_state(
    limits: RoomLimits | None = None, clock: Callable[[], float] | None = None
) -> RoomState:
    state = RoomState(limits, monotonic=clock) if clock else RoomState(limits)
    state.set_view(VIEW)
    return state


@asynccontextmanager
async def serve(state: RoomState) -> AsyncIterator[TestServer]:
    server = TestServer(RoomApp(state).app, host="127.0.0.1")
    await server.start_server()
    try:
        yield server
    finally:
        await server.close()


@asynccontextmanager
async def participant(
    server: TestServer,
) -> AsyncIterator[Client]:
    """One browser: its own cookie jar (unsafe=True: the test server is an IP address)."""
    client = TestClient(server, cookie_jar=CookieJar(unsafe=True))
    await client.start_server()
    try:
        yield client
    finally:
        await client.close()
