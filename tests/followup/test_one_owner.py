"""One owner per fact: an action lives in the session that created it; a decision about it
lives in the session where it was made; everything else is derived, never copied by hand.

Each story is one a facilitator would recognise: the outcome is picked first and the note
typed after, a note is edited again and again, a private to-do list sits beside the shared
actions, and a confidential session's content stays where it was said.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from followup_samples import TODAY, open_store, saved, session

from reflect_tui.domain.answers import ActionStatus
from reflect_tui.domain.followup import Outcome
from reflect_tui.domain.session import Session
from reflect_tui.followup.carry import refresh_carried
from reflect_tui.followup.status import apply_outcome
from reflect_tui.minutes import render_markdown
from reflect_tui.store import Store


def _carried_into_november(tmp_path: Path) -> tuple[Store, Session, Session]:
    store = open_store(tmp_path)
    (october,) = saved(
        store,
        session(
            "team-reflection",
            date(2026, 10, 1),
            team="North",
            actions=("Share the visit checklist",),
            title="North, October",
        ),
    )
    november = session("team-reflection", date(2026, 11, 20), team="North", title="North, November")
    refresh_carried(store, november)
    return store, october, november


def test_a_note_typed_after_the_outcome_on_the_carried_entry_is_kept(tmp_path: Path) -> None:
    # The screen shows the session's carried entries and types into them: the note
    # belongs to the session (it used to be a detached copy, lost on save).
    store, october, november = _carried_into_november(tmp_path)
    with store:
        shown = refresh_carried(store, november)
        aid = shown[0].id
        apply_outcome(store, november, aid, Outcome.DONE, today=TODAY)
        shown[0].note = "Sent to everyone"  # typed after the outcome was picked
        store.save_session(november)  # saved before the screen reports the note
        later = store.get_session(november.id)
        assert "| Done | Sent to everyone |" in render_markdown(later)
        apply_outcome(store, november, aid, Outcome.DONE, today=TODAY, note=shown[0].note)
        earlier = store.get_session(october.id)
    assert earlier.actions()[0].note == "Sent to everyone"
    assert render_markdown(earlier).count("Share the visit checklist: done on") == 1


def test_editing_a_note_again_replaces_the_follow_up_line_instead_of_adding_one(
    tmp_path: Path,
) -> None:
    store, october, november = _carried_into_november(tmp_path)
    with store:
        aid = october.actions()[0].id
        apply_outcome(store, november, aid, Outcome.CARRIED, today=TODAY)
        apply_outcome(store, november, aid, Outcome.CARRIED, today=TODAY, note="Needs a draft")
        apply_outcome(store, november, aid, Outcome.CARRIED, today=TODAY, note="Draft by Friday")
        earlier = store.get_session(october.id)
    minutes = render_markdown(earlier)
    assert minutes.count("Share the visit checklist: carried on on") == 1
    assert "Draft by Friday" in minutes and "Needs a draft" not in minutes
    assert [f.note for f in earlier.followed_up] == ["Draft by Friday"]


def test_changing_the_outcome_in_the_same_session_keeps_one_line_with_the_last_word(
    tmp_path: Path,
) -> None:
    store, october, november = _carried_into_november(tmp_path)
    with store:
        aid = october.actions()[0].id
        apply_outcome(store, november, aid, Outcome.DROPPED, today=TODAY)
        apply_outcome(store, november, aid, Outcome.DONE, today=TODAY, note="Done after all")
        earlier = store.get_session(october.id)
    assert [(f.status, f.note) for f in earlier.followed_up] == [("done", "Done after all")]
    assert earlier.actions()[0].status is ActionStatus.DONE
