"""Several stores combine into one report: only counts, suppressed after combining."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from report_factory import DECOMPRESSION, SUPERVISION, TEAM, session

from reflect_tui.domain.session import Session
from reflect_tui.report import Period, build_report, merge_vocabularies, render_markdown

PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))
THEMES = ["workload", "management support", "distressing cases"]


def team_store(name: str, seed: int) -> list[Session]:
    rng = random.Random(seed)
    sessions = []
    for _ in range(rng.randint(5, 60)):
        day = PERIOD.since + timedelta(days=rng.randint(-365, 364))
        themes = [t for t in THEMES if rng.random() < 0.4]
        if rng.random() < 0.25:
            sessions.append(session(TEAM, day, themes, team=f"{name} team {rng.randint(0, 2)}"))
        else:
            tmpl = rng.choice([DECOMPRESSION, SUPERVISION])
            who = f"{name} person {rng.randint(0, 9)}"
            sessions.append(session(tmpl, day, themes, subject=who))
    return sessions


@pytest.mark.parametrize("seed", range(20))
def test_combining_stores_equals_the_report_of_their_merged_sessions(seed: int) -> None:
    stores = [team_store(name, seed * 10 + i) for i, name in enumerate("ABCD")]
    combined = build_report(stores, PERIOD, vocabulary=THEMES, min_count=3)
    merged = build_report(
        [[s for store in stores for s in store]], PERIOD, vocabulary=THEMES, min_count=3
    )
    assert combined.rows == merged.rows
    assert (combined.people, combined.teams, combined.sessions) == (
        merged.people,
        merged.teams,
        merged.sessions,
    )
    assert combined.stores == 4


def test_small_stores_that_are_hidden_alone_can_be_shown_combined() -> None:
    def store(name: str) -> list[Session]:
        return [
            session(
                SUPERVISION, date(2026, 5, 1), ["workload"] if i < 2 else [], subject=f"{name}{i}"
            )
            for i in range(4)
        ]

    alone = build_report([store("A")], PERIOD, vocabulary=THEMES, min_count=3)
    assert not alone.rows[0].people.is_exact
    together = build_report([store(n) for n in "ABC"], PERIOD, vocabulary=THEMES, min_count=3)
    assert together.rows[0].people.text == "6"
    assert together.people.text == "12"


def test_the_same_name_in_two_stores_is_two_people() -> None:
    store = [
        session(SUPERVISION, date(2026, 5, 1), ["workload"] if i < 3 else [], subject=f"Person {i}")
        for i in range(8)
    ]
    report = build_report([store, store], PERIOD, vocabulary=THEMES, min_count=3)
    assert report.rows[0].people.text == "6"
    assert report.people.text == "16"


def test_vocabularies_are_merged_in_first_seen_order_without_duplicates() -> None:
    merged = merge_vocabularies([["Workload", "stress"], ["workload ", "rota  changes"], []])
    assert merged == ["Workload", "stress", "rota changes"]
    stores = [
        [
            session(SUPERVISION, date(2026, 5, 1), ["rota changes"], subject=f"P{i}")
            for i in range(3)
        ]
        + [session(SUPERVISION, date(2026, 5, 1), [], subject=f"Q{i}") for i in range(3)]
    ]
    text = render_markdown(build_report(stores, PERIOD, vocabulary=merged, min_count=3))
    assert "| rota changes | 3 |" in text
