"""Nothing but themes and counts leaves: no names, no text, no dates finer than the period."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from report_factory import DECOMPRESSION, SUPERVISION, TEAM, session

from reflect_tui.domain.session import Session
from reflect_tui.errors import UserError
from reflect_tui.report import Period, build_report, render_html, render_markdown

PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))
CANARIES = [
    "Zebedee Quaglino",  # subject
    "Team Canary Wharf",  # team name
    "Ottoline Fairweather",  # participant
    "Canary item text about the boiler",  # list item text
    "Canary private note about a diagnosis",  # private field text
    "Canary Title",
    "canary-only-tag",  # a tag that is not in the vocabulary
]


def canary_store() -> list[Session]:
    sessions: list[Session] = []
    for i in range(30):
        day = date(2026, 1, 1) + timedelta(days=11 * i)
        subject = "Zebedee Quaglino" if i % 3 == 0 else f"Person {i}"
        tmpl = DECOMPRESSION if i % 2 else SUPERVISION
        s = session(
            tmpl,
            day,
            ["workload", "canary-only-tag"],
            subject=subject,
            text="Canary item text about the boiler",
            private_themes=["physical health"],
            private_text="Canary private note about a diagnosis",
        )
        s.title = "Canary Title"
        s.facilitator = "Ottoline Fairweather"
        sessions.append(s)
    for i in range(8):
        sessions.append(
            session(
                TEAM,
                date(2026, 3, 1 + i),
                ["team relationships"],
                team="Team Canary Wharf" if i < 4 else f"Team {i}",
                participants=["Ottoline Fairweather", "Zebedee Quaglino"],
                text="Canary item text about the boiler",
            )
        )
    return sessions


@pytest.mark.parametrize("render", [render_markdown, render_html])
def test_canary_names_and_text_are_absent(render: object) -> None:
    report = build_report([canary_store()], PERIOD, min_count=3)
    out = render(report)  # type: ignore[operator]
    assert "workload" in out  # the report is really about these sessions
    lowered = out.casefold()
    for canary in CANARIES:
        assert canary.casefold() not in lowered
    for word in ("zebedee", "quaglino", "ottoline", "boiler", "diagnosis", "wharf"):
        assert word not in lowered


@pytest.mark.parametrize("render", [render_markdown, render_html])
def test_no_date_finer_than_the_period_appears(render: object) -> None:
    report = build_report([canary_store()], PERIOD, min_count=3, generated=date(2026, 12, 31))
    out = render(report)  # type: ignore[operator]
    allowed = {"2026-01-01", "2026-12-31", "2025-01-01", "2025-12-31"}
    assert set(re.findall(r"\d{4}-\d{2}-\d{2}", out)) <= allowed
    session_days = {s.date for s in canary_store()} - {PERIOD.since, PERIOD.until}
    for day in session_days:
        assert f"{day.day} {day:%B %Y}" not in out


@pytest.mark.parametrize("k", [2, 1, 0, -5])
def test_a_threshold_below_three_is_refused_with_a_clear_message(k: int) -> None:
    with pytest.raises(UserError, match=r"--min-count .* too low.*3 or more"):
        build_report([canary_store()], PERIOD, min_count=k)


def test_every_exact_count_of_people_or_teams_is_at_least_k() -> None:
    for k in (3, 4, 5, 8):
        report = build_report([canary_store()], PERIOD, min_count=k)
        for row in report.rows:
            for cell in (row.people, row.people_before, row.teams, row.team_sessions):
                assert cell.value is None or cell.value >= k
