"""Hostile input on loopback: 30 participants at once, oversized and malformed posts,
wrong tokens, too many people. The room refuses what it should and the app keeps typing.
"""

from __future__ import annotations

import asyncio
import secrets
from pathlib import Path

import aiohttp
from room_app import open_runner, room_app, team_draft, until

from reflect_tui.domain.answers import list_items
from reflect_tui.ui.dialogs.join import JoinScreen
from reflect_tui.ui.widgets.room_tray import RoomTray

PEOPLE = 30
EACH = 11  # one more than the 10 a minute allowed


async def join(url: str) -> tuple[aiohttp.ClientSession, int]:
    phone = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with phone.get(url) as reply:
        return phone, reply.status


async def flood(phone: aiohttp.ClientSession, url: str, n: int) -> list[int]:
    statuses = []
    for k in range(EACH):
        async with phone.post(url + "add", data={"text": f"item {n}-{k}"}) as reply:
            statuses.append(reply.status)
    return statuses


def multipart() -> aiohttp.FormData:
    data = aiohttp.FormData()
    data.add_field("text", b"multi", filename="item.txt", content_type="text/plain")
    return data


async def junk(url: str, base: str) -> list[int]:
    """Posts nobody's page would send, from a browser that has joined."""
    phone, _ = await join(url)
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    try:
        sent = [
            phone.post(url + "add", data="text=" + "x" * 20_000, headers=form),
            phone.post(url + "add", data=b"\xff\xfe\x00garbage", headers=form),
            phone.post(url + "add", data=b"%%%%=&&&", headers=form),
            phone.post(url + "add", data=multipart()),
            phone.post(url + "add", json={"text": "json"}),
            phone.post(url + "add", data="text=<script>alert(1)</script>&x=1", headers=form),
            phone.post(url + "vote", data="option=0&change=5", headers=form),
            phone.post(
                base + "/j/" + secrets.token_urlsafe(16) + "/add", data="text=x", headers=form
            ),
            phone.get(base + "/../../etc/passwd"),
            phone.delete(url),
        ]
        statuses = []
        for request in sent:
            async with request as reply:
                statuses.append(reply.status)
        return statuses
    finally:
        await phone.close()


async def test_thirty_at_once_and_junk_leave_the_tray_exact_and_the_app_typing(
    tmp_path: Path,
) -> None:
    session_id = team_draft(tmp_path)
    app = room_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        runner = await open_runner(app, pilot, session_id)
        await pilot.press("f4")
        await until(lambda: isinstance(app.screen, JoinScreen), "the join panel")
        await pilot.press("escape")
        link = runner.room_link
        assert link is not None and link.server is not None
        url = link.url
        base = url.split("/j/")[0]
        assert base.startswith("http://127.0.0.1:")
        joined = await asyncio.gather(*(join(url) for _ in range(PEOPLE)))
        phones = [p for p, _ in joined]
        try:
            assert [s for _, s in joined] == [200] * PEOPLE
            wrong = await asyncio.gather(
                *(phones[0].get(f"{base}/j/{secrets.token_urlsafe(16)}/") for _ in range(50))
            )
            assert {r.status for r in wrong} == {404}
            for r in wrong:
                r.release()
            floods = asyncio.gather(*(flood(p, url, n) for n, p in enumerate(phones)))
            junk_task = asyncio.ensure_future(junk(url, base))
            # Meanwhile the facilitator types into the open field.
            editor = runner.query_one("#field-went-well")
            editor.focus_first()  # type: ignore[attr-defined]
            await pilot.press(*"typed during the flood")
            results = await floods
            junk_statuses = await junk_task
            assert (
                list_items(runner.session.answers["went-well"])[0].text == "typed during the flood"
            )
            odd = [x.text for x in link.state.pending if not x.text.startswith("item ")]
            assert odd == [], (odd, junk_statuses)
            for statuses in results:
                assert statuses == [200] * 10 + [429]
            # 10 a minute each for 30 people fills the tray's 300 places exactly.
            assert len(link.state.pending) == PEOPLE * 10 == link.state.limits.max_pending
            assert junk_statuses == [413, 400, 400, 415, 415, 400, 409, 404, 404, 405]
            # 31 have joined (the junk sender too); the cap is 40, so 9 more get in.
            extra = await asyncio.gather(*(join(url) for _ in range(11)))
            phones.extend(p for p, _ in extra)
            assert sorted(s for _, s in extra) == [200] * 9 + [503] * 2
            tray = runner.query_one(RoomTray)
            await until(lambda: len(tray.items) == 300, "the tray to show 300 items")
            assert not any("<script>" in s.text for s in link.state.pending)
        finally:
            for phone in phones:
                await phone.close()
