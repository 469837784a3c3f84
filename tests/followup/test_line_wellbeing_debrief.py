"""The line-manager warning, one person's wellbeing trend, and the plan/debrief link."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from followup_samples import ROSTER, open_store, saved, session, template

from reflect_tui.domain.answers import Answer, RiskRow, checklist_entries
from reflect_tui.domain.session import Session, Status
from reflect_tui.errors import UserError
from reflect_tui.followup.debrief import plan_controls, start_debrief
from reflect_tui.followup.line import line_manager_warning, override_reason, record_override
from reflect_tui.followup.wellbeing import describe, sparkline, trend
from reflect_tui.minutes import render_markdown

WHEN = datetime(2026, 11, 20, 15, 0)


def test_a_line_manager_facilitating_decompression_is_warned_about() -> None:
    decompression = template("decompression")
    warning = line_manager_warning(decompression, ROSTER, "alex rowe", "Bo Lind")
    assert warning is not None and "Alex Rowe is Bo Lind's line manager" in warning
    assert line_manager_warning(decompression, ROSTER, "Eve Stone", "Bo Lind") is None
    supervision = template("supervision-one-to-one")
    assert line_manager_warning(supervision, ROSTER, "Alex Rowe", "Bo Lind") is None


def test_going_ahead_needs_a_reason_that_is_kept_with_the_session(tmp_path: Path) -> None:
    s = session("decompression", date(2026, 11, 20), subject="Bo Lind", facilitator="Alex Rowe")
    with pytest.raises(UserError, match="needs a reason"):
        record_override(s, "   ", WHEN)
    record_override(s, "No other facilitator for six weeks; Bo asked to go ahead.", WHEN)
    with open_store(tmp_path) as store:
        saved(store, s)
        kept = store.get_session(s.id)
    assert override_reason(kept) == "No other facilitator for six weeks; Bo asked to go ahead."
    assert kept.line_manager_override is not None
    assert kept.line_manager_override.facilitator == "Alex Rowe"


def test_wellbeing_trend_uses_only_that_persons_own_sessions(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        saved(
            store,
            session("decompression", date(2026, 5, 1), subject="Bo Lind", answers={"wellbeing": 4}),
            session(
                "supervision-one-to-one",
                date(2026, 3, 1),
                subject="Bo Lind",
                answers={"wellbeing": 2},
            ),
            session("decompression", date(2026, 8, 1), subject="Bo Lind", answers={"wellbeing": 9}),
            session(
                "decompression", date(2026, 6, 1), subject="Cy Marsh", answers={"wellbeing": 1}
            ),
            session("decompression", date(2026, 9, 1), subject="Bo Lind"),  # not rated
        )
        points = trend(store, "Bo Lind")
    assert [(p.day, p.rating) for p in points] == [
        (date(2026, 3, 1), 2),
        (date(2026, 5, 1), 4),
        (date(2026, 8, 1), 9),
    ]
    line = sparkline(points)
    assert len(line) == 3 and line[0] < line[1] < line[2]
    assert describe(points) == "3 ratings from 2026-03-01 to 2026-08-01: first 2, latest 9 (of 10)."


def _plan() -> Session:
    rows = [
        RiskRow("Dog at the property", 3, 2, controls="Ask for the dog to be shut away"),
        RiskRow("Poor signal", 2, 2, controls="Check in from the car park"),
        RiskRow("Unknown visitor", None, 3),
    ]
    return session(
        "pre-visit-risk",
        date(2026, 11, 18),
        subject="Bo Lind",
        title="Pre-visit risk analysis: Flat 4",
        answers={"risks": rows, "visit-when": "2026-11-19T10:00"},
    )


def test_a_debrief_from_a_plan_asks_about_each_control_and_keeps_the_link(tmp_path: Path) -> None:
    plan = _plan()
    debrief = start_debrief(plan, template("post-visit-debrief"), WHEN)
    assert debrief.plan_id == plan.id
    assert (debrief.subject, debrief.title) == ("Bo Lind", "Post-visit debrief: Flat 4")
    assert debrief.answers["visit-when"] == "2026-11-19T10:00"
    items = [e.item for e in checklist_entries(debrief.answers["controls-worked"])]
    assert items == [
        "The plan was followed as agreed",
        "Dog at the property: Ask for the dog to be shut away",
        "Poor signal: Check in from the car park",
    ]
    checklist_entries(debrief.answers["controls-worked"])[1].answer = Answer.NO
    debrief.answers["near-miss"] = "Yes"
    with open_store(tmp_path) as store:
        saved(store, plan, debrief)
        kept = store.get_session(debrief.id)
    assert kept.plan_id == plan.id
    minutes = render_markdown(kept)
    assert "Dog at the property: Ask for the dog to be shut away" in minutes
    assert "Was there a near miss?" in minutes


def test_a_debrief_needs_a_finished_pre_visit_plan() -> None:
    plan = _plan()
    plan.status = Status.DRAFT
    with pytest.raises(UserError, match="still a draft"):
        start_debrief(plan, template("post-visit-debrief"), WHEN)
    other = session("team-reflection", date(2026, 11, 1), team="North")
    with pytest.raises(UserError, match="not a pre-visit risk analysis"):
        start_debrief(other, template("post-visit-debrief"), WHEN)
    assert plan_controls(other) == []
