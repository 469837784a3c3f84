"""End to end in real browsers: five phones join a team reflection, the facilitator
drives the app with Pilot, and the minutes keep the items and counts, not who wrote what.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from browsers import MISSING, Phone
from room_app import open_runner, room_app, team_draft, until

from reflect_tui.domain.answers import list_items
from reflect_tui.minutes import render_markdown
from reflect_tui.store import Store
from reflect_tui.ui.dialogs.join import JoinScreen
from reflect_tui.ui.widgets.list_editor import ListEditor
from reflect_tui.ui.widgets.room_tray import RoomTray

pytestmark = [pytest.mark.slow, pytest.mark.skipif(MISSING is not None, reason=str(MISSING))]

ITEMS = [
    ["Good handover from the night team"],
    ["I did not feel safe on that visit", "We checked in on time"],
    ["The manager picked up the phone"],
    ["we checked in on time"],
    ["The code word worked"],  # this phone has JavaScript off: plain forms only
]


async def test_five_phones_add_items_the_facilitator_accepts_merges_and_a_vote_is_counted(
    tmp_path: Path,
) -> None:
    session_id = team_draft(tmp_path)
    app = room_app(tmp_path)
    phones: list[Phone] = []
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            runner = await open_runner(app, pilot, session_id)
            await pilot.press("f4")
            await until(lambda: isinstance(app.screen, JoinScreen), "the join panel")
            await pilot.press("escape")
            link = runner.room_link
            assert link is not None
            url = link.url
            field = runner.session.template.field_by_id("went-well")
            assert field is not None
            prompt = field.label
            for n in range(5):
                phones.append(await asyncio.to_thread(Phone, javascript=n < 4))
            for phone in phones:
                await asyncio.to_thread(phone.open, url)
                # The step's title and the open field's own label, as the template words them.
                assert phone.text_of("step") == "What went well?"
                assert phone.text_of("prompt") == prompt
            assert link.state.participant_count == 5
            for phone, texts in zip(phones, ITEMS, strict=True):
                for text in texts:
                    await asyncio.to_thread(phone.send, text)
            tray = runner.query_one(RoomTray)
            await until(lambda: len(tray.items) == 6, "six items in the tray")
            # What arrives is the words alone.
            assert sorted(s.text for s in tray.items) == sorted(t for ts in ITEMS for t in ts)
            # Accept everything, then merge the two "checked in on time" items first.
            texts = [s.text for s in tray.items]
            tray.query_one("#room-items").focus()
            first = texts.index("We checked in on time")
            second = texts.index("we checked in on time")
            for index in (first, second):
                tray.query_one("#room-items").highlighted = index  # type: ignore[attr-defined]
                await pilot.press("space")
            await pilot.press("m")
            await pilot.pause()
            assert "We checked in on time" in [s.text for s in tray.items]
            assert len(tray.items) == 5
            tray.query_one("#room-items").highlighted = 0  # type: ignore[attr-defined]
            for _ in range(5):
                await pilot.press("a")
                await pilot.pause()
            assert tray.items == []
            editor = runner.query_one("#field-went-well", ListEditor)
            accepted = [i.text for i in list_items(editor.value)]
            assert len(accepted) == 5
            # The phones with JavaScript follow along without reloading.
            for phone in phones[:4]:
                assert await asyncio.to_thread(phone.wait_accepted, accepted) == accepted
            await asyncio.to_thread(phones[4].open, url)
            assert phones[4].accepted() == accepted
            # A dot vote: three dots each.
            await pilot.press("v")
            await until(lambda: link.state.vote is not None, "the vote to open")
            unsafe = accepted.index("I did not feel safe on that visit")
            manager = accepted.index("The manager picked up the phone")
            plan = {0: [unsafe, unsafe, manager], 1: [unsafe], 2: [manager], 3: [], 4: [unsafe]}
            await asyncio.to_thread(phones[4].open, url)  # no script: reload to see the vote
            for n, options in plan.items():
                for option in options:
                    await asyncio.to_thread(phones[n].dot, option)
            await until(lambda: sum(t.votes for t in link.state.tally()) == 6, "six dots")
            await pilot.press("v")  # close the vote: counts go into the session
            await pilot.pause()
            cookies = [c["value"] for p in phones for c in p.driver.get_cookies()]
            agents = {str(p.driver.execute_script("return navigator.userAgent")) for p in phones}
            assert len(cookies) == 5 and all(len(c) >= 20 for c in cookies)
            await pilot.press("f9")  # finishing closes the room
            await pilot.pause()
            assert link.state.closed
    finally:
        for phone in phones:
            await asyncio.to_thread(phone.close)
    with Store.open(tmp_path) as store:
        stored = store.get_session(session_id)
    minutes = render_markdown(stored)
    for text in accepted:
        assert f"- {text}" in minutes
    assert "| I did not feel safe on that visit | 4 |" in minutes
    assert "| The manager picked up the phone | 2 |" in minutes
    record = json.dumps(stored.to_dict())
    # No trace of who wrote what: no address, browser or browser id is kept.
    for trace in ["127.0.0.1", "Chrome", *agents, *cookies]:
        assert trace not in record and trace not in minutes, trace
