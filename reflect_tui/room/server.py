"""The room's small web server (aiohttp), run on the app's own asyncio loop.

Import this module only when the facilitator opens the room: it imports
aiohttp, which the app's start-up never does.

Routes, all under ``/j/<token>/`` (anything else is a plain 404):

- ``GET  /j/<token>/``        the join page (sets the participant cookie)
- ``POST /j/<token>/add``     add an item (``text``; form-encoded only)
- ``POST /j/<token>/vote``    put on or take back a dot (``option``, ``change``)
- ``GET  /j/<token>/events``  server-sent events: this participant's page as JSON
- ``GET  /j/<token>/room.js``, ``room.css``  the page's own script and style

No access log is kept (it would record IP addresses); every response carries
the strict security headers of ``pages.SECURITY_HEADERS``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from reflect_tui.errors import UserError
from reflect_tui.room import pages
from reflect_tui.room.state import Change, RoomRefused, RoomState

COOKIE = "room"
FORM_TYPE = "application/x-www-form-urlencoded"
HEARTBEAT_SECONDS = 15.0
ADD_FIELDS = frozenset({"text"})
VOTE_FIELDS = frozenset({"option", "change"})

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _quiet_logs() -> None:
    """aiohttp's loggers record nothing: they would note visitors' IP addresses, and
    anything printed to the terminal would land on top of the app's screen."""
    for name in ("aiohttp.access", "aiohttp.server", "aiohttp.web", "aiohttp.internal"):
        log = logging.getLogger(name)
        log.addHandler(logging.NullHandler())
        log.propagate = False


class RoomServerError(UserError):
    """The room could not be opened (address in use, interface gone…)."""


def _wants_json(request: web.Request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _refusal(request: web.Request, refused: RoomRefused) -> web.Response:
    if _wants_json(request):
        return web.json_response({"ok": False, "message": refused.message}, status=refused.status)
    return web.Response(
        text=pages.message_page("Not sent", refused.message),
        status=refused.status,
        content_type="text/html",
        charset="utf-8",
    )


@web.middleware
async def _security(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as err:
        # aiohttp's own refusals (404, 405, 413…) get a plain page and the headers too.
        response = web.Response(
            text=pages.message_page(err.reason, "This address does not lead anywhere."),
            status=err.status,
            content_type="text/html",
            charset="utf-8",
        )
    for name, value in pages.SECURITY_HEADERS.items():
        response.headers[name] = value
    return response


class RoomApp:
    """The aiohttp application over one ``RoomState``."""

    def __init__(self, state: RoomState) -> None:
        self.state = state
        self._streams: set[asyncio.Queue[Change]] = set()
        state.listen(self._changed)
        self.app = web.Application(
            middlewares=[_security], client_max_size=state.limits.max_body_bytes
        )
        self.app.router.add_get("/j/{token}/", self.join)
        self.app.router.add_post("/j/{token}/add", self.add)
        self.app.router.add_post("/j/{token}/vote", self.vote)
        self.app.router.add_get("/j/{token}/events", self.events)
        self.app.router.add_get("/j/{token}/room.js", self.script)
        self.app.router.add_get("/j/{token}/room.css", self.style)

    # -- plumbing -------------------------------------------------------------

    def _changed(self, change: Change) -> None:
        if change == "tray":
            return
        for queue in list(self._streams):
            with contextlib.suppress(asyncio.QueueFull):
                queue.put_nowait(change)

    def _check_token(self, request: web.Request) -> str:
        token = request.match_info.get("token", "")
        if not self.state.token_matches(token):
            raise web.HTTPNotFound()
        return token

    def _pid(self, request: web.Request) -> str | None:
        return request.cookies.get(COOKIE)

    async def _form(self, request: web.Request, expected: frozenset[str]) -> dict[str, str]:
        """The posted form, or a refusal: form-encoded, small, exactly the expected fields."""
        if request.content_type != FORM_TYPE:
            raise RoomRefused("type", "Send the page's own form.", 415)
        origin = request.headers.get("Origin")
        # "null" comes from privacy settings; the SameSite=Strict cookie still guards it.
        if origin not in (None, "null", f"{request.scheme}://{request.host}"):
            raise RoomRefused("origin", "Send the page's own form.", 403)
        try:
            data = await request.post()
        except web.HTTPRequestEntityTooLarge as err:
            raise RoomRefused("size", "That is too long to send.", 413) from err
        except ValueError as err:
            raise RoomRefused("form", "Send the page's own form.") from err
        keys = set(data.keys())
        if keys != expected or len(data) != len(expected):
            raise RoomRefused("form", "Send the page's own form.")
        values: dict[str, str] = {}
        for key in expected:
            value = data.get(key)
            if not isinstance(value, str):
                raise RoomRefused("form", "Send the page's own form.")
            values[key] = value
        return values

    def _done(self, request: web.Request, token: str, code: str) -> web.Response:
        if _wants_json(request):
            return web.json_response({"ok": True, "message": pages.FLASH[code]})
        return web.Response(status=303, headers={"Location": f"/j/{token}/?m={code}"})

    # -- handlers -------------------------------------------------------------

    async def join(self, request: web.Request) -> web.StreamResponse:
        token = self._check_token(request)
        known = self._pid(request)
        try:
            pid = self.state.join(known)
        except RoomRefused as refused:
            return _refusal(request, refused)
        flash = pages.FLASH.get(request.query.get("m", ""), "")
        response = web.Response(
            text=pages.join_page(
                pages.snapshot(self.state, pid),
                token,
                flash=flash,
                max_chars=self.state.limits.max_item_chars,
            ),
            content_type="text/html",
            charset="utf-8",
        )
        if pid != known:
            response.set_cookie(COOKIE, pid, path=f"/j/{token}/", httponly=True, samesite="Strict")
        return response

    async def add(self, request: web.Request) -> web.StreamResponse:
        token = self._check_token(request)
        try:
            form = await self._form(request, ADD_FIELDS)
            self.state.submit(self._pid(request), form["text"])
        except RoomRefused as refused:
            return _refusal(request, refused)
        return self._done(request, token, "sent")

    async def vote(self, request: web.Request) -> web.StreamResponse:
        token = self._check_token(request)
        try:
            form = await self._form(request, VOTE_FIELDS)
            try:
                option, change = int(form["option"]), int(form["change"])
            except ValueError as err:
                raise RoomRefused("bad-vote", "That is not one of the items in the vote.") from err
            self.state.cast(self._pid(request), option, change)
        except RoomRefused as refused:
            return _refusal(request, refused)
        return self._done(request, token, "voted" if change > 0 else "unvoted")

    async def events(self, request: web.Request) -> web.StreamResponse:
        self._check_token(request)
        pid = self._pid(request)
        try:
            self.state.open_stream(pid)
        except RoomRefused as refused:
            return _refusal(request, refused)
        queue: asyncio.Queue[Change] = asyncio.Queue(maxsize=8)
        self._streams.add(queue)
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "X-Accel-Buffering": "no"}
        )
        for name, value in pages.SECURITY_HEADERS.items():
            response.headers[name] = value
        try:
            await response.prepare(request)
            await self._send_state(response, pid)
            while True:
                try:
                    change = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    await response.write(b": still here\n\n")
                    continue
                while not queue.empty():  # several changes at once: send the latest only
                    if queue.get_nowait() == "closed":
                        change = "closed"
                if change == "closed" or not self.state.is_participant(pid):
                    await self._send_closed(response)
                    break
                await self._send_state(response, pid)
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self._streams.discard(queue)
            self.state.close_stream(pid)
        return response

    async def _send_closed(self, response: web.StreamResponse) -> None:
        message = pages.ROOM_CLOSED if self.state.closed else pages.LINK_CHANGED
        data = json.dumps({"message": message})
        await response.write(f"event: closed\ndata: {data}\n\n".encode())

    async def _send_state(self, response: web.StreamResponse, pid: str | None) -> None:
        data = json.dumps(pages.snapshot(self.state, pid).to_json(), ensure_ascii=True)
        await response.write(f"event: state\ndata: {data}\n\n".encode())

    async def script(self, request: web.Request) -> web.StreamResponse:
        self._check_token(request)
        return web.Response(text=pages.ROOM_JS, content_type="text/javascript", charset="utf-8")

    async def style(self, request: web.Request) -> web.StreamResponse:
        self._check_token(request)
        return web.Response(text=pages.ROOM_CSS, content_type="text/css", charset="utf-8")


class RoomServer:
    """Starts and stops the room on the running loop; ``url`` is the join address."""

    def __init__(self, state: RoomState, host: str = "127.0.0.1", port: int = 0) -> None:
        self.state = state
        self.host = host
        self.port = port
        self.room = RoomApp(state)
        self._runner: web.AppRunner | None = None
        self._site: web.TCPSite | None = None

    @property
    def running(self) -> bool:
        return self._runner is not None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/j/{self.state.token}/"

    async def start(self) -> str:
        # access_log=None: aiohttp would otherwise log every request with its IP.
        _quiet_logs()
        runner = web.AppRunner(
            self.room.app, access_log=None, handle_signals=False, shutdown_timeout=1.0
        )
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError as err:
            await runner.cleanup()
            raise RoomServerError(
                f"Could not open the room on {self.host}:{self.port}: {err.strerror or err}. "
                "Choose another network, or close whatever else uses that port."
            ) from err
        self._runner, self._site = runner, site
        addresses = runner.addresses
        if addresses:
            self.port = int(addresses[0][1])
        return self.url

    def stop_listening(self, *, close_state: bool = True) -> None:
        """Stop taking connections at once (safe to call from synchronous code).

        ``close_state=False`` keeps the room (tray, participants, vote) for a
        server on another interface; open pages are told to reload.
        """
        if close_state:
            self.state.close()
        else:
            self.state.end_streams()
        server = getattr(self._site, "_server", None)
        if server is not None:
            server.close()

    async def stop(self, *, close_state: bool = True) -> None:
        self.stop_listening(close_state=close_state)
        runner, self._runner, self._site = self._runner, None, None
        if runner is not None:
            await runner.cleanup()
