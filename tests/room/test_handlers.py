"""The room's web handlers: a participant's browser in, what the page and the tray hold out."""

from __future__ import annotations

import asyncio
import logging
import re

import aiohttp
import pytest
from aiohttp import CookieJar
from aiohttp.test_utils import TestClient
from room_server import VIEW, open_state, participant, serve

from reflect_tui.room.pages import CSP
from reflect_tui.room.state import RoomLimits, RoomView

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def base(token: str) -> str:
    return f"/j/{token}/"


async def test_the_join_page_shows_the_step_and_the_prompt_and_sets_a_strict_csp() -> None:
    state = open_state()
    async with serve(state) as server, participant(server) as phone:
        reply = await phone.get(base(state.token))
        page = await reply.text()
    assert reply.status == 200
    assert "What happened" in page and "What went well on the visit?" in page
    assert reply.headers["Content-Security-Policy"] == CSP
    assert "default-src 'none'" in CSP and "script-src 'self'" in CSP
    assert reply.headers["Referrer-Policy"] == "same-origin"
    assert reply.headers["X-Content-Type-Options"] == "nosniff"
    assert reply.headers["Cache-Control"] == "no-store"
    # Nothing comes from elsewhere: every src/href on the page is this room's own path.
    for url in re.findall(r'(?:src|href|action)="([^"]*)"', page):
        assert url.startswith(base(state.token)), url
    assert state.participant_count == 1


async def test_a_wrong_or_missing_token_finds_nothing_and_joins_nobody() -> None:
    state = open_state()
    async with serve(state) as server, participant(server) as stranger:
        for path in ["/", "/j/", "/j/guess/", f"/j/{state.token[:-1]}/", f"/j/{state.token}x/"]:
            reply = await stranger.get(path)
            assert reply.status == 404, path
            assert reply.headers["Content-Security-Policy"] == CSP
        posted = await stranger.post("/j/guess/add", data="text=hi", headers=FORM)
        assert posted.status == 404
    assert state.participant_count == 0
    assert state.pending == []


async def test_an_item_posted_as_a_plain_form_lands_in_the_tray_with_nothing_about_its_author() -> (
    None
):
    state = open_state()
    async with serve(state) as server, participant(server) as phone:
        await phone.get(base(state.token))
        reply = await phone.post(
            base(state.token) + "add",
            data="text=I+did+not+feel+safe+on+that+visit",
            headers=FORM,
            allow_redirects=False,
        )
        assert reply.status == 303
        assert reply.headers["Location"] == base(state.token) + "?m=sent"
    assert [s.text for s in state.pending] == ["I did not feel safe on that visit"]
    item = state.pending[0]
    assert set(vars(item)) == {"id", "text", "field_id"}
    assert item.field_id == "went-well"


async def test_script_posts_get_json_replies() -> None:
    state = open_state()
    async with serve(state) as server, participant(server) as phone:
        await phone.get(base(state.token))
        reply = await phone.post(
            base(state.token) + "add",
            data={"text": "Good handover"},
            headers={"Accept": "application/json"},
        )
        assert reply.status == 200
        assert (await reply.json())["ok"] is True


async def test_items_are_escaped_on_the_page() -> None:
    state = open_state()
    state.set_view(RoomView("<b>Step</b>", "f", "Say <script>alert(1)</script>", "a & b"))
    state.set_accepted(['<img src=x onerror="alert(1)">', "fine & dandy"])
    async with serve(state) as server, participant(server) as phone:
        page = await (await phone.get(base(state.token))).text()
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Step" not in page
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in page
    assert "Say &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "fine &amp; dandy" in page


async def test_a_post_without_the_join_cookie_is_refused() -> None:
    state = open_state()
    async with serve(state) as server:
        client = TestClient(server, cookie_jar=CookieJar(unsafe=True))
        await client.start_server()
        try:
            reply = await client.post(base(state.token) + "add", data="text=hi", headers=FORM)
        finally:
            await client.close()
    assert reply.status == 403
    assert state.pending == []


async def test_only_the_expected_form_is_accepted() -> None:
    state = open_state(RoomLimits(max_body_bytes=1024, max_item_chars=50))
    async with serve(state) as server, participant(server) as phone:
        await phone.get(base(state.token))
        add = base(state.token) + "add"
        cases = [
            (phone.post(add, json={"text": "hi"}), 415),
            (phone.post(add, data=b"text=hi", headers={"Content-Type": "text/plain"}), 415),
            (phone.post(add, data="text=hi&extra=1", headers=FORM), 400),
            (phone.post(add, data="other=hi", headers=FORM), 400),
            (phone.post(add, data="text=a&text=b", headers=FORM), 400),
            (phone.post(add, data="text=" + "x" * 2000, headers=FORM), 413),
            (phone.post(add, data="text=" + "x" * 51, headers=FORM), 413),
            (phone.post(add, data="text=+++", headers=FORM), 400),
            (phone.put(add, data="text=hi", headers=FORM), 405),
            (phone.get(add), 405),
            (
                phone.post(add, data="text=hi", headers={**FORM, "Origin": "http://evil.example"}),
                403,
            ),
        ]
        for request, status in cases:
            reply = await request
            assert reply.status == status, (status, await reply.text())
            assert reply.headers["Content-Security-Policy"] == CSP
    assert state.pending == []


async def test_nothing_can_be_sent_when_no_field_is_open() -> None:
    state = open_state()
    state.set_view(RoomView(step_title="Check-in", field_id=None))
    async with serve(state) as server, participant(server) as phone:
        page = await (await phone.get(base(state.token))).text()
        reply = await phone.post(base(state.token) + "add", data="text=hi", headers=FORM)
    assert "Nothing is open" in page
    assert reply.status == 409
    assert state.pending == []


async def test_the_rate_limit_and_participant_cap_hold() -> None:
    now = [0.0]
    state = open_state(RoomLimits(items_per_minute=3, max_participants=2), clock=lambda: now[0])
    async with serve(state) as server, participant(server) as one, participant(server) as two:
        await one.get(base(state.token))
        await two.get(base(state.token))
        statuses = []
        for n in range(5):
            reply = await one.post(
                base(state.token) + "add",
                data=f"text=item{n}",
                headers=FORM,
                allow_redirects=False,
            )
            statuses.append(reply.status)
        assert statuses == [303, 303, 303, 429, 429]
        now[0] = 61.0
        reply = await one.post(
            base(state.token) + "add", data="text=later", headers=FORM, allow_redirects=False
        )
        assert reply.status == 303
        async with participant(server) as three:
            reply = await three.get(base(state.token))
            assert reply.status == 503
            assert "full" in await reply.text()
    assert state.participant_count == 2


async def test_rotating_the_token_shuts_the_old_link() -> None:
    state = open_state()
    async with serve(state) as server, participant(server) as phone:
        old = state.token
        await phone.get(base(old))
        state.rotate_token()
        assert (await phone.get(base(old))).status == 404
        assert (await phone.post(base(old) + "add", data="text=hi", headers=FORM)).status == 404
        assert (await phone.get(base(state.token))).status == 200
    assert state.token != old and len(state.token) >= 22


async def test_dot_votes_are_counted_per_browser_within_the_allowance() -> None:
    state = open_state()
    state.open_vote(["Handover", "Parking"], votes_each=2)
    async with serve(state) as server, participant(server) as a, participant(server) as b:
        for phone in (a, b):
            await phone.get(base(state.token))
        vote = base(state.token) + "vote"
        assert (await a.post(vote, data="option=0&change=1", headers=FORM)).status == 200
        assert (await a.post(vote, data="option=0&change=1", headers=FORM)).status == 200
        third = await a.post(vote, data="option=1&change=1", headers=FORM)
        assert third.status == 409
        assert (await b.post(vote, data="option=1&change=1", headers=FORM)).status == 200
        assert (await b.post(vote, data="option=7&change=1", headers=FORM)).status == 400
        assert (await b.post(vote, data="option=x&change=1", headers=FORM)).status == 400
        assert (await a.post(vote, data="option=0&change=-1", headers=FORM)).status == 200
        page = await (await a.get(base(state.token))).text()
    assert [(t.text, t.votes) for t in state.tally()] == [("Handover", 1), ("Parking", 1)]
    assert "You have 1 of 2 dots left." in page


async def test_the_event_stream_sends_the_open_fields_accepted_items_only() -> None:
    state = open_state()
    state.set_accepted(["Good handover"])
    async with serve(state) as server, participant(server) as phone:
        await phone.get(base(state.token))
        reply = await phone.get(base(state.token) + "events")
        assert reply.headers["Content-Type"].startswith("text/event-stream")
        first = await reply.content.readuntil(b"\n\n")
        state.set_accepted(["Good handover", "Clear plan"])
        second = await reply.content.readuntil(b"\n\n")
        state.close()
        last = await reply.content.readuntil(b"\n\n")
    assert b'"accepted": ["Good handover"]' in first
    assert b'"accepted": ["Good handover", "Clear plan"]' in second
    assert last.startswith(b"event: closed")
    assert b"The room has closed" in last
    assert b"went-well" not in first  # field ids and anything else internal stay out


async def test_a_closed_room_refuses_everything() -> None:
    state = open_state()
    async with serve(state) as server, participant(server) as phone:
        await phone.get(base(state.token))
        state.close()
        assert (await phone.get(base(state.token))).status == 404
        assert (
            await phone.post(base(state.token) + "add", data="text=hi", headers=FORM)
        ).status == 404
    assert state.pending == []


def test_the_view_default_is_nothing_open() -> None:
    assert VIEW.field_id == "went-well"
    assert open_state().view == VIEW


async def test_the_real_server_logs_nothing_about_visitors(
    caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    from reflect_tui.room.server import RoomServer

    caplog.set_level(logging.DEBUG)
    state = open_state()
    server = RoomServer(state, "127.0.0.1")
    url = await server.start()
    assert url.startswith("http://127.0.0.1:") and url.endswith(f"/j/{state.token}/")
    try:
        async with aiohttp.ClientSession() as client:
            async with client.get(url) as reply:
                assert reply.status == 200
            async with client.get(url.replace(state.token, "wrong")) as reply:
                assert reply.status == 404
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(b"NOT HTTP AT ALL\r\n\x00\x01\r\n\r\n")
        await writer.drain()
        await asyncio.wait_for(reader.read(1000), 5)
        writer.close()
    finally:
        await server.stop()
    assert state.closed
    assert [r for r in caplog.records if r.name.startswith("aiohttp")] == []
    out, err = capfd.readouterr()
    assert "127.0.0.1" not in out + err


async def test_a_new_link_ends_open_pages_with_a_message_to_scan_again() -> None:
    state = open_state()
    async with serve(state) as server, participant(server) as phone:
        await phone.get(base(state.token))
        reply = await phone.get(base(state.token) + "events")
        await reply.content.readuntil(b"\n\n")
        state.rotate_token()
        last = await reply.content.readuntil(b"\n\n")
    assert last.startswith(b"event: closed")
    assert b"scan the code on the screen again" in last
    assert not state.closed
