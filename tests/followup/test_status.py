"""Changing a carried action's status shows in the Actions list and in both sets of minutes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from followup_samples import TODAY, open_store, saved, session

from reflect_tui.domain.answers import ActionStatus
from reflect_tui.domain.followup import Outcome
from reflect_tui.domain.session import Session
from reflect_tui.errors import UserError
from reflect_tui.followup.carry import refresh_carried
from reflect_tui.followup.status import apply_outcome, find_action, set_status
from reflect_tui.minutes import render_markdown
from reflect_tui.store import Store


def _two_sessions(tmp_path: Path) -> tuple[Store, Session, Session]:
    store = open_store(tmp_path)
    (first,) = saved(
        store,
        session(
            "team-reflection",
            date(2026, 10, 1),
            team="North",
            actions=("Share the visit checklist",),
            title="North, October",
        ),
    )
    second = session("team-reflection", date(2026, 11, 20), team="North", title="North, November")
    refresh_carried(store, second)
    return store, first, second


def test_closing_a_carried_action_shows_in_both_sessions_and_the_list(tmp_path: Path) -> None:
    store, first, second = _two_sessions(tmp_path)
    with store:
        aid = first.actions()[0].id
        apply_outcome(store, second, aid, Outcome.DONE, today=TODAY, note="Sent to everyone")
        store.save_session(second)
        (row,) = store.actions()
        earlier = store.get_session(first.id)
        later = store.get_session(second.id)
    assert (row.action.status, row.action.closed_in) == (ActionStatus.DONE, second.id)
    assert earlier.actions()[0].note == "Sent to everyone"
    earlier_minutes = render_markdown(earlier)
    later_minutes = render_markdown(later)
    assert "| Share the visit checklist | Bo Lind |" in earlier_minutes
    assert "| Done | Sent to everyone |" in earlier_minutes
    assert "Share the visit checklist: done on" in earlier_minutes
    assert "at North, November." in earlier_minutes
    assert "## Follow-up" in later_minutes
    assert "| Share the visit checklist | Bo Lind | North, October (" in later_minutes
    assert "| Done | Sent to everyone |" in later_minutes


def test_carrying_on_after_all_reopens_the_action(tmp_path: Path) -> None:
    store, first, second = _two_sessions(tmp_path)
    with store:
        aid = first.actions()[0].id
        apply_outcome(store, second, aid, Outcome.DROPPED, today=TODAY)
        apply_outcome(store, second, aid, Outcome.CARRIED, today=TODAY, note="Still needed")
        action = store.get_session(first.id).actions()[0]
    assert (action.status, action.closed_in) == (ActionStatus.OPEN, "")
    assert "| Carried on | Still needed |" in render_markdown(second)
    assert second.carried[0].outcome is Outcome.CARRIED


def test_marking_done_from_the_list_is_recorded_in_the_creating_session(tmp_path: Path) -> None:
    store, first, _ = _two_sessions(tmp_path)
    with store:
        aid = first.actions()[0].id
        set_status(store, aid[:6], ActionStatus.DONE, today=TODAY, note="Done by email")
        minutes = render_markdown(store.get_session(first.id))
    assert "done on Friday 20 November 2026 from the actions list. Done by email" in minutes


def test_unknown_or_ambiguous_ids_are_refused_with_advice(tmp_path: Path) -> None:
    store, _, second = _two_sessions(tmp_path)
    with store:
        with pytest.raises(UserError, match="reflect actions"):
            find_action(store, "nope")
        with pytest.raises(UserError, match="was not carried"):
            apply_outcome(store, second, "nope", Outcome.DONE, today=TODAY)


def test_the_privacy_check_reads_the_follow_up_section_too(tmp_path: Path) -> None:
    from reflect_tui.minutes import check_session_privacy

    store, first, second = _two_sessions(tmp_path)
    with store:
        aid = first.actions()[0].id
        apply_outcome(
            store, second, aid, Outcome.DONE, today=TODAY, note="Emailed jo.bloggs@example.org"
        )
        earlier = store.get_session(first.id)
    (later,) = check_session_privacy(second)
    assert (later.text, later.where) == (
        "jo.bloggs@example.org",
        "Follow-up › carried action 1 (note)",
    )
    # The earlier minutes carry the note twice: in the actions table and the follow-up line.
    found = check_session_privacy(earlier)
    assert {f.text for f in found} == {"jo.bloggs@example.org"}
    assert any(f.where.startswith("Follow-up ›") for f in found) and len(found) == 2
