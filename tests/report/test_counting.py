"""Who and what a report counts: people not sessions, consent, teams, private tags."""

from __future__ import annotations

from datetime import date

from report_factory import DECOMPRESSION, SUPERVISION, TEAM, session

from reflect_tui.domain.session import Session
from reflect_tui.domain.themes import DEFAULT_THEMES
from reflect_tui.report import Period, Report, build_report

PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))
K = 3


def report(sessions: list[Session]) -> Report:
    return build_report([sessions], PERIOD, min_count=K)


def people_text(rep: Report, theme: str) -> str:
    return next(r.people.text for r in rep.rows if r.theme == theme)


def crowd(n: int, themes: list[str], day: date = date(2026, 6, 1)) -> list[Session]:
    """``n`` different people, each with one supervision session raising ``themes``."""
    prefix = "+".join(themes) or "none"
    return [session(SUPERVISION, day, themes, subject=f"{prefix} worker {i}") for i in range(n)]


def test_a_person_raising_a_theme_in_many_sessions_counts_once() -> None:
    sessions = crowd(4, ["workload"]) + crowd(6, [])
    sessions += [
        session(SUPERVISION, date(2026, 2, d), ["workload"], subject="workload worker 0")
        for d in range(1, 6)
    ]
    rep = report(sessions)
    row = rep.rows[0]
    assert (row.theme, row.people.text, row.sessions.text) == ("workload", "4", "9")
    assert rep.people.text == "10"


def test_decompression_themes_count_only_with_consent() -> None:
    base = crowd(3, ["workload"]) + crowd(5, [])
    agreed = [session(DECOMPRESSION, date(2026, 5, 1), ["workload"], subject="A", consent="yes")]
    refused = [
        session(DECOMPRESSION, date(2026, 5, 1), ["workload"], subject=name, consent=answer)
        for name, answer in (("B", "no"), ("C", None), ("D", "not asked yet"))
    ]
    rep = report(base + agreed + refused)
    assert people_text(rep, "workload") == "4"
    assert rep.people.text == "9"  # B, C and D are not counted at all


def test_a_decompression_record_without_the_consent_field_never_counts() -> None:
    from dataclasses import replace

    from reflect_tui.domain.template import Step

    no_field = replace(
        DECOMPRESSION, steps=(Step("main", "Main", fields=tuple(SUPERVISION.all_fields()[:1])),)
    )
    sessions = crowd(8, [])
    sessions += [
        session(no_field, date(2026, 5, 1), ["workload"], subject=f"X{i}") for i in range(5)
    ]
    rep = report(sessions)
    assert people_text(rep, "workload") == "fewer than 3"
    assert rep.people.text == "8"


def test_drafts_and_sessions_outside_the_period_do_not_count() -> None:
    sessions = crowd(3, ["workload"]) + crowd(5, [])
    sessions += [session(SUPERVISION, date(2026, 5, 1), ["workload"], subject="D", complete=False)]
    sessions += [session(SUPERVISION, date(2027, 1, 1), ["workload"], subject="Later")]
    sessions += [session(SUPERVISION, date(2025, 12, 31), ["workload"], subject="Earlier")]
    rep = report(sessions)
    assert people_text(rep, "workload") == "3"
    assert rep.people.text == "8"


def test_team_sessions_count_teams_not_their_participants() -> None:
    team_sessions = [
        session(
            TEAM,
            date(2026, 4, d),
            ["workload"],
            team=f"Team {d % 4}",
            participants=[f"Member {d}-{i}" for i in range(8)],
        )
        for d in range(1, 9)
    ]
    rep = report(crowd(6, []) + team_sessions)
    row = rep.rows[0]
    # Every team and every team session discussed it: the dominance rule hides both.
    assert (row.teams.text, row.team_sessions.text) == ("not shown", "all or nearly all")
    assert row.people.text == "fewer than 3"
    assert rep.people.text == "6"
    assert rep.teams.text == "4"


def test_private_fields_count_as_tags() -> None:
    sessions = crowd(6, [])
    sessions += [
        session(
            SUPERVISION, date(2026, 5, 1), [], subject=f"P{i}", private_themes=["physical health"]
        )
        for i in range(4)
    ]
    rep = report(sessions)
    assert people_text(rep, "physical health") == "4"


def test_tags_outside_the_vocabulary_are_not_reported_and_case_does_not_matter() -> None:
    sessions = crowd(6, [])
    sessions += [
        session(SUPERVISION, date(2026, 5, 1), ["  WorkLoad ", "Sam's divorce"], subject=f"P{i}")
        for i in range(4)
    ]
    rep = report(sessions)
    assert rep.themes == list(DEFAULT_THEMES)
    assert people_text(rep, "workload") == "4"


def test_the_same_name_spelt_differently_in_case_or_spacing_is_one_person() -> None:
    sessions = crowd(6, [])
    sessions += [
        session(SUPERVISION, date(2026, 5, d), ["workload"], subject=name)
        for d, name in enumerate(["Ann Lee", "ann  lee", "ANN LEE"], start=1)
    ]
    sessions += [
        session(SUPERVISION, date(2026, 5, 9), ["workload"], subject=f"Q{i}") for i in range(3)
    ]
    rep = report(sessions)
    assert people_text(rep, "workload") == "4"


def test_only_the_yes_answer_of_the_built_in_decompression_template_counts() -> None:
    from reflect_tui.report.counting import consent_given
    from reflect_tui.templates import TemplateLibrary

    built_in = TemplateLibrary.from_dirs([]).get("decompression")
    consent = built_in.field_by_id("theme-consent")
    assert consent is not None and len(consent.options) >= 2
    answers = {}
    for option in (*consent.options, None):
        s = session(built_in, date(2026, 5, 1), [], subject="P", consent=None)
        s.answers["theme-consent"] = option
        answers[option] = consent_given(s)
    yes = [o for o in consent.options if o.casefold().startswith("yes")]
    assert len(yes) == 1
    assert answers == {o: o in yes for o in (*consent.options, None)}
