"""Carry-forward: open actions come back in the next session of the same team or person."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from followup_samples import open_store, saved, session

from reflect_tui.domain.answers import ActionItem, ActionStatus
from reflect_tui.domain.followup import Outcome
from reflect_tui.domain.template import Step
from reflect_tui.followup.carry import candidates, refresh_carried


def test_an_action_from_a_team_session_comes_back_for_that_team_only(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        saved(
            store,
            session(
                "team-reflection",
                date(2026, 10, 1),
                team="North",
                actions=("Share the visit checklist",),
                title="North, October",
            ),
            session("team-reflection", date(2026, 10, 2), team="South", actions=("Fix rota",)),
        )
        north = session("team-reflection", date(2026, 11, 1), team="North", complete=False)
        south = session("supervision-group", date(2026, 11, 1), team="South", complete=False)
        carried_north = refresh_carried(store, north)
        carried_south = candidates(store, south)
    assert [(c.what, c.from_title, c.outcome) for c in carried_north] == [
        ("Share the visit checklist", "North, October", Outcome.PENDING)
    ]
    assert [c.what for c in carried_south] == ["Fix rota"]  # any team template, same team
    assert north.carried == carried_north


def test_one_to_one_actions_follow_the_supervisee_not_the_team(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        saved(
            store,
            session(
                "supervision-one-to-one",
                date(2026, 10, 1),
                subject="Bo Lind",
                actions=("Book the court skills course",),
            ),
            session(
                "supervision-one-to-one",
                date(2026, 10, 1),
                subject="Cy Marsh",
                actions=("Write up the case note",),
            ),
            session("team-reflection", date(2026, 10, 1), team="North", actions=("Team thing",)),
        )
        bo_next = session("supervision-one-to-one", date(2026, 11, 1), subject="bo  lind")
        assert [c.what for c in candidates(store, bo_next)] == ["Book the court skills course"]


def test_closed_later_dated_and_individual_sessions_carry_nothing(tmp_path: Path) -> None:
    done = ActionItem(what="Already done", status=ActionStatus.DONE)
    with open_store(tmp_path) as store:
        saved(
            store,
            session("team-reflection", date(2026, 10, 1), team="North", actions=(done,)),
            session("team-reflection", date(2026, 12, 1), team="North", actions=("Future",)),
            session("decompression", date(2026, 10, 1), subject="Bo Lind", actions=("Rest",)),
        )
        assert candidates(store, session("team-reflection", date(2026, 11, 1), team="North")) == []
        later = session("decompression", date(2026, 11, 1), subject="Bo Lind")
        assert candidates(store, later) == []


def test_refreshing_keeps_decisions_already_made_and_adds_new_actions(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        saved(store, session("team-reflection", date(2026, 9, 1), team="North", actions=("One",)))
        current = session("team-reflection", date(2026, 11, 1), team="North", complete=False)
        first = refresh_carried(store, current)
        first[0].outcome = Outcome.CARRIED
        saved(store, session("team-reflection", date(2026, 10, 1), team="North", actions=("Two",)))
        again = refresh_carried(store, current)
    assert [(c.what, c.outcome) for c in again] == [
        ("One", Outcome.CARRIED),
        ("Two", Outcome.PENDING),
    ]


def test_actions_from_a_private_field_are_never_carried(tmp_path: Path) -> None:
    base = session("team-reflection", date(2026, 10, 1), team="North", actions=("Secret step",))
    steps = tuple(
        replace(
            step,
            fields=tuple(replace(f, private=True) if f.id == "actions" else f for f in step.fields),
        )
        for step in base.template.steps
    )
    assert all(isinstance(s, Step) for s in steps)
    base.template = replace(base.template, steps=steps)
    with open_store(tmp_path) as store:
        saved(store, base)
        assert candidates(store, session("team-reflection", date(2026, 11, 1), team="North")) == []
