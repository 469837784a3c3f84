"""Pilot: the facilitator opens the room on a shared session; phones send; the tray fills."""

from __future__ import annotations

from pathlib import Path

import aiohttp
from room_app import open_runner, room_app, team_draft, until

from reflect_tui.domain.answers import list_items
from reflect_tui.domain.votes import votes_for
from reflect_tui.minutes import render_markdown
from reflect_tui.store import Store
from reflect_tui.ui.dialogs.join import JoinScreen
from reflect_tui.ui.widgets.list_editor import ListEditor
from reflect_tui.ui.widgets.room_tray import RoomTray


async def phone_sends(url: str, *texts: str) -> aiohttp.ClientSession:
    phone = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with phone.get(url) as reply:
        assert reply.status == 200
    for text in texts:
        async with phone.post(url + "add", data={"text": text}) as reply:
            assert reply.status == 200, await reply.text()
    return phone


async def test_a_confidential_session_cannot_open_a_room(tmp_path: Path) -> None:
    session_id = team_draft(tmp_path, "supervision-one-to-one", "agenda")
    app = room_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        runner = await open_runner(app, pilot, session_id)
        await pilot.press("f4")
        await pilot.pause()
        assert runner.room_link is None
        assert not runner.query(RoomTray)
        assert not isinstance(app.screen, JoinScreen)


async def test_items_from_phones_are_accepted_discarded_merged_and_voted_on(
    tmp_path: Path,
) -> None:
    session_id = team_draft(tmp_path)
    app = room_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        runner = await open_runner(app, pilot, session_id)
        await pilot.press("f4")
        await until(lambda: isinstance(app.screen, JoinScreen), "the join panel")
        join = app.screen
        assert isinstance(join, JoinScreen)
        assert join.url.startswith("http://127.0.0.1:") and "/j/" in join.url
        assert len(join.qr) >= 15  # a QR code drawn in half blocks
        await pilot.press("escape")
        link = runner.room_link
        assert link is not None and link.state.view.field_id == "went-well"
        url = link.url
        phone = await phone_sends(url, "Good handover", "Parking was easy", "parking was easy!")
        try:
            tray = runner.query_one(RoomTray)
            await until(lambda: len(tray.items) == 3, "three items in the tray")
            tray.query_one("#room-items").focus()
            await pilot.press("a")  # accept "Good handover"
            await pilot.pause()
            await pilot.press("space", "down", "space", "m")  # merge the two parking items
            await pilot.pause()
            assert [s.text for s in tray.items] == ["Parking was easy / parking was easy!"]
            await pilot.press("d")  # discard the merged one
            await pilot.pause()
            assert tray.items == []
            editor = runner.query_one("#field-went-well", ListEditor)
            assert [i.text for i in list_items(editor.value)] == ["Good handover"]
            await until(lambda: link.state.accepted == ("Good handover",), "follow-along")
            await pilot.press("v")  # open a vote on the accepted items
            await pilot.pause()
            async with phone.post(url + "vote", data={"option": "0", "change": "1"}) as reply:
                assert reply.status == 200
            await until(lambda: link.state.tally()[0].votes == 1, "the dot to count")
            await pilot.press("v")  # close it: the counts go into the session
            await pilot.pause()
        finally:
            await phone.close()
        session = runner.session
        assert [i.text for i in list_items(session.answers["went-well"])] == ["Good handover"]
        assert [(t.text, t.votes) for t in votes_for(session, "went-well")[0].tally] == [
            ("Good handover", 1)
        ]
        await pilot.press("f8")  # pausing closes the room
        await pilot.pause()
        assert runner.room_link is None and link.state.closed
        assert not runner.query(RoomTray)
        async with aiohttp.ClientSession() as late:
            try:
                async with late.get(url) as reply:
                    closed = reply.status
            except aiohttp.ClientConnectionError:
                closed = 0
        assert closed in (0, 404)
    with Store.open(tmp_path) as store:
        stored = store.get_session(session_id)
    minutes = render_markdown(stored)
    assert "- Good handover" in minutes and "| Good handover | 1 |" in minutes


async def test_leaving_the_session_or_quitting_closes_the_room(tmp_path: Path) -> None:
    session_id = team_draft(tmp_path)
    app = room_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        runner = await open_runner(app, pilot, session_id)
        await pilot.press("f4")
        await until(lambda: isinstance(app.screen, JoinScreen), "the join panel")
        await pilot.press("escape")
        link = runner.room_link
        assert link is not None
        # The tray takes the step list's place at 80 columns; F2 brings the list back.
        assert runner.has_class("-with-tray")
        assert app.focused is not None and app.focused.id == "room-items"
        await pilot.press("f2")
        assert not runner.has_class("-with-tray")
        await pilot.press("escape")  # home
        await pilot.pause()
        assert link.state.closed and runner.room_link is None
        runner = await open_runner(app, pilot, session_id)
        await pilot.press("f4")
        await until(lambda: isinstance(app.screen, JoinScreen), "the join panel")
        second = runner.room_link
        assert second is not None and second.state.token != link.state.token
        await pilot.press("escape")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert second.state.closed


async def test_a_new_link_shuts_out_the_old_one(tmp_path: Path) -> None:
    session_id = team_draft(tmp_path)
    app = room_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        runner = await open_runner(app, pilot, session_id)
        await pilot.press("f4")
        await until(lambda: isinstance(app.screen, JoinScreen), "the join panel")
        link = runner.room_link
        assert link is not None
        old = link.url
        await pilot.press("r")
        await until(lambda: isinstance(app.screen, JoinScreen), "the join panel again")
        join = app.screen
        assert isinstance(join, JoinScreen) and join.url != old and join.url == link.url
        async with aiohttp.ClientSession() as phone:
            async with phone.get(old) as reply:
                assert reply.status == 404
            async with phone.get(link.url) as reply:
                assert reply.status == 200
        await pilot.press("s")  # close the room from the panel
        await pilot.pause()
        assert runner.room_link is None and link.state.closed
