"""The room in plain Python: who may open one, the tray, merging, votes, the QR drawing."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

import segno

from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Confidentiality
from reflect_tui.minutes import render_markdown
from reflect_tui.room.qr import qr_lines, qr_matrix
from reflect_tui.room.session_link import (
    accept_into,
    accepted_texts,
    record_result,
    room_fields,
    room_refusal,
    view_for,
)
from reflect_tui.room.state import RoomState, RoomView
from reflect_tui.templates import TemplateLibrary

WHEN = datetime(2026, 3, 2, 9, 30)


def team_session() -> Session:
    template = TemplateLibrary.from_dirs([]).get("team-reflection")
    return Session.start(template, "Tuesday visit", WHEN)


def test_only_a_running_shared_session_may_open_a_room() -> None:
    session = team_session()
    assert room_refusal(session) is None
    assert room_refusal(session, read_only=True) is not None
    session.confidentiality = Confidentiality.CONFIDENTIAL
    assert "confidential" in (room_refusal(session) or "")
    session.confidentiality = Confidentiality.SHARED
    session.status = Status.COMPLETE
    assert "finished" in (room_refusal(session) or "")
    decompression = TemplateLibrary.from_dirs([]).get("decompression")
    assert room_refusal(Session.start(decompression, "Q1", WHEN)) is not None


def test_private_and_non_list_fields_are_never_open_to_the_room() -> None:
    template = TemplateLibrary.from_dirs([]).get("post-incident-review")
    support = next(s for s in template.steps if s.id == "support")
    assert room_fields(support) == []  # a private text field
    keep = next(s for s in template.steps if s.id == "keep-change")
    assert [f.id for f in room_fields(keep)] == ["keep", "change"]
    session = Session.start(template, "Review", WHEN)
    assert view_for(session, support, "support").field_id is None
    view = view_for(session, keep, "change")
    assert (view.step_title, view.field_id, view.prompt) == (
        "Keep or change",
        "change",
        view.prompt,
    )


def test_tray_items_can_be_merged_and_taken() -> None:
    state = RoomState()
    state.set_view(RoomView("Went well", "went-well", "What went well?"))
    pid = state.join(None)
    a = state.submit(pid, "  Good\thandover  ")
    b = state.submit(pid, "Clear plan")
    c = state.submit(pid, "good handover")
    assert a.text == "Good handover"
    merged = state.merge([a.id, b.id, c.id])
    assert merged is not None and merged.text == "Good handover / Clear plan"
    assert [s.text for s in state.pending] == ["Good handover / Clear plan"]
    assert state.take(merged.id) == merged and state.pending == []


def test_changes_are_told_to_listeners() -> None:
    state = RoomState()
    heard: list[str] = []
    stop = state.listen(heard.append)
    state.set_view(RoomView("Went well", "went-well", "What went well?"))
    state.submit(state.join(None), "x")
    stop()
    state.set_accepted(["x"])
    assert heard == ["public", "tray", "tray"]


def test_a_closed_vote_goes_into_the_minutes_as_counts_only() -> None:
    session = team_session()
    accept_into(session, "went-well", "Good handover")
    accept_into(session, "went-well", "Manager picked up the phone")
    assert accepted_texts(session, "went-well") == ["Good handover", "Manager picked up the phone"]
    state = RoomState()
    state.set_view(RoomView("What went well?", "went-well", "What went well?"))
    state.open_vote(accepted_texts(session, "went-well"), votes_each=3)
    for dots in ([0, 0, 1], [1, 1, 1], [0]):
        pid = state.join(None)
        for option in dots:
            state.cast(pid, option, 1)
    closed = state.close_vote()
    assert closed is not None
    record_result(session, *closed)
    minutes = render_markdown(session)
    assert "**Dot vote** (3 dots each)" in minutes
    assert "| Manager picked up the phone | 4 |" in minutes
    assert "| Good handover | 3 |" in minutes
    assert minutes.index("Manager picked up") < minutes.index("| Good handover | 3 |")
    stored = session.to_dict()["room_votes"]
    assert stored == [
        {
            "field_id": "went-well",
            "votes_each": 3,
            "tally": [
                {"text": "Good handover", "votes": 3},
                {"text": "Manager picked up the phone", "votes": 4},
            ],
        }
    ]


def test_the_qr_drawing_holds_exactly_the_codes_modules() -> None:
    url = "http://192.168.1.20:50123/j/AbCdEfGhIjKlMnOpQrStUv/"
    lines = qr_lines(url)
    expected = [list(map(bool, row)) for row in segno.make(url, error="m").matrix_iter(border=2)]
    drawn = qr_matrix(lines)[: len(expected)]
    assert drawn == expected
    assert len(lines) <= 20 and all(len(line) == len(lines[0]) <= 40 for line in lines)


def test_app_start_up_imports_no_web_server_or_qr_library() -> None:
    code = (
        "import sys, tempfile, pathlib\n"
        "from reflect_tui.ui.app import make_app\n"
        "from reflect_tui.ui.screens import runner\n"
        "from reflect_tui.domain.clock import SystemClock\n"
        "make_app(pathlib.Path(tempfile.mkdtemp()), SystemClock())\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('aiohttp', 'segno')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
