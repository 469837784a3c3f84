"""No hidden figure in a report can be worked out from the figures shown.

For many generated stores, a suspicious reader (report_reader) brute-forces
every value each hidden figure could take given everything the rendered
report shows; more than one value must always remain possible, and the true
value must be among them (the report never misstates a figure).
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta

import pytest
from report_factory import DECOMPRESSION, SUPERVISION, TEAM, session
from report_reader import feasible_values, read

from reflect_tui.domain.session import Session
from reflect_tui.domain.template import SessionKind
from reflect_tui.report import Period, build_report, render_markdown
from reflect_tui.report.suppression import WITHHELD, Cell, Shown

THEMES = ["workload", "management support", "lone working and safety", "physical health"]
PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))


def generated_store(seed: int) -> tuple[list[Session], int]:
    """A small store whose counts often sit near the threshold (where leaks happen)."""
    rng = random.Random(seed)
    people = [f"Person {i}" for i in range(rng.randint(0, 30))]
    teams = [f"Team {i}" for i in range(rng.randint(0, 12))]
    weights = [rng.random() for _ in THEMES]
    sessions: list[Session] = []
    for _ in range(rng.randint(0, 120)):
        day = PERIOD.since + timedelta(days=rng.randint(-365, 364))
        themes = [t for t, w in zip(THEMES, weights, strict=True) if rng.random() < w]
        if teams and rng.random() < 0.3:
            sessions.append(session(TEAM, day, themes, team=rng.choice(teams)))
        elif people:
            tmpl = rng.choice([DECOMPRESSION, SUPERVISION])
            consent = rng.choice(["yes", "yes", "no", None])
            sessions.append(session(tmpl, day, themes, subject=rng.choice(people), consent=consent))
    return sessions, rng.choice([3, 4, 5])


def true_figures(sessions: list[Session]) -> dict[str, int]:
    """The exact figures, counted naively and independently of the report code."""
    figures: dict[str, int] = {}
    for side in ("people", "teams"):
        for suffix, period in (("", PERIOD), ("'", PERIOD.previous())):
            counted = [
                s
                for s in sessions
                if period.since <= s.date <= period.until
                and (s.template.id != "decompression" or s.answers.get("theme-consent") == "yes")
                and (s.template.kind is SessionKind.TEAM) == (side == "teams")
            ]

            def who(s: Session) -> str:
                return s.team if s.template.kind is SessionKind.TEAM else s.subject

            figures[f"{side}.P{suffix}"] = len({who(s) for s in counted})
            if not suffix:
                figures[f"{side}.N"] = len(counted)
            for theme in THEMES:
                raised = [s for s in counted if theme in s.themes()]
                if side == "people":
                    figures[f"people.{theme}.C{suffix}"] = len({who(s) for s in raised})
                    if not suffix:
                        figures[f"people.{theme}.S"] = len(raised)
                else:
                    figures[f"teams.{theme}.TS{suffix}"] = len(raised)
                    if not suffix:
                        figures[f"teams.{theme}.T"] = len({who(s) for s in raised})
    return figures


@pytest.mark.parametrize("seed", range(150))
def test_no_hidden_figure_can_be_worked_out(seed: int) -> None:
    sessions, k = generated_store(seed)
    markdown = render_markdown(build_report([sessions], PERIOD, vocabulary=THEMES, min_count=k))
    shown = read(markdown)
    truth = true_figures(sessions)
    bound = len(sessions) + k
    for side_name in ("people", "teams"):
        side = getattr(shown, side_name)
        exact = [side.population, side.population_before, side.sessions]
        for row in side.rows.values():
            exact += [row[0], row[1], row[2]]
        for figure in exact:
            if figure.text.isdigit():
                assert int(figure.text) == truth[figure.name], figure
                assert int(figure.text) >= k, figure
        possible = feasible_values(shown, side_name, bound)
        for name, values in possible.items():
            if name in truth:
                assert truth[name] in values, f"{name} misstated: {truth[name]} not in {values}"
            assert len(values) > 1, f"seed {seed}: {name} can only be {values}"


def test_the_reader_catches_a_change_shown_beside_a_hidden_count() -> None:
    """The brute force is not vacuous: a naive report showing "+2" next to a hidden
    count and a shown previous count gives the hidden count away, and is caught."""
    sessions = [
        session(SUPERVISION, date(2026, 3, 1), ["workload"] if i < 4 else [], subject=f"P{i}")
        for i in range(12)
    ] + [
        session(SUPERVISION, date(2025, 3, 1), ["workload"] if i < 6 else [], subject=f"P{i}")
        for i in range(12)
    ]
    report = build_report([sessions], PERIOD, vocabulary=THEMES, min_count=5)
    row = report.rows[0]
    assert row.people.shown is Shown.FEWER and row.people_before.text == "6"
    assert row.people_change is WITHHELD
    leaky = dataclasses.replace(
        report, rows=(dataclasses.replace(row, people_change=Cell(Shown.EXACT, -2, "-2")),)
    )
    possible = feasible_values(read(render_markdown(leaky)), "people", bound=40)
    assert possible["people.workload.C"] == {4}
