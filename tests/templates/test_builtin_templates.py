"""Every built-in template is complete enough to run a real session, and keeps the field ids
that the minutes, visit card, store and report code rely on (docs/templates.md lists them)."""

from __future__ import annotations

import pytest
from template_files import BUILT_IN_IDS, SESSION_IDS, SESSIONS

from reflect_tui.domain.template import Confidentiality, FieldKind, SessionKind, Template
from reflect_tui.templates import TemplateLibrary, load_template_file


@pytest.fixture(scope="module")
def built_ins() -> dict[str, Template]:
    return {t.id: t for t in TemplateLibrary.from_dirs([]).templates()}


def test_every_file_in_sessions_loads_and_is_shipped_as_a_built_in(
    built_ins: dict[str, Template],
) -> None:
    from_files = {p.stem: load_template_file(p).id for p in SESSIONS.glob("*.md")}
    assert all(stem == template_id for stem, template_id in from_files.items())
    assert set(from_files.values()) == set(built_ins) == set(SESSION_IDS)
    assert set(BUILT_IN_IDS) <= set(built_ins)


@pytest.mark.parametrize("template_id", SESSION_IDS)
def test_each_built_in_can_run_a_session(built_ins: dict[str, Template], template_id: str) -> None:
    template = built_ins[template_id]
    assert template.description and template.title
    assert len(template.steps) >= 3
    assert all(step.fields for step in template.steps)
    assert any(step.guidance.strip() for step in template.steps)
    assert all(step.guidance.strip() for step in template.steps), (
        "every step guides the facilitator"
    )
    timeboxes = [s.timebox_minutes or 0 for s in template.steps]
    assert sum(timeboxes) <= template.duration_minutes


def test_together_the_built_ins_use_every_field_kind(built_ins: dict[str, Template]) -> None:
    used = {f.kind for t in built_ins.values() for f in t.all_fields()}
    assert used == set(FieldKind)


def test_every_template_that_agrees_actions_has_an_actions_field(
    built_ins: dict[str, Template],
) -> None:
    for template in built_ins.values():
        actions = template.field_by_id("actions")
        assert actions is not None and actions.kind is FieldKind.ACTIONS, template.id


@pytest.mark.parametrize(
    "template_id", ["supervision-one-to-one", "supervision-group", "decompression"]
)
def test_supervision_and_decompression_ask_for_the_next_session(
    built_ins: dict[str, Template], template_id: str
) -> None:
    field = built_ins[template_id].field_by_id("next-session")
    assert field is not None and field.kind is FieldKind.DATETIME


def test_decompression_is_a_long_confidential_individual_session(
    built_ins: dict[str, Template],
) -> None:
    template = built_ins["decompression"]
    assert template.kind is SessionKind.INDIVIDUAL
    assert template.confidentiality is Confidentiality.CONFIDENTIAL
    assert template.duration_minutes == 120
    assert template.steps[0].id == "agreement"
    consent = template.field_by_id("theme-consent")
    assert consent is not None and consent.kind is FieldKind.CHOICE and len(consent.options) >= 2
    themes = template.field_by_id("themes")
    assert themes is not None and themes.kind is FieldKind.LIST and themes.themes
    wellbeing = template.field_by_id("wellbeing")
    assert wellbeing is not None and wellbeing.scale is not None
    assert (wellbeing.scale.minimum, wellbeing.scale.maximum) == (1, 10)
    risk_fields = [f for f in template.all_fields() if f.id.startswith("risk")]
    assert risk_fields and all(f.private for f in risk_fields)
    assert not consent.private and not themes.private


def test_pre_visit_risk_keeps_the_visit_card_field_ids(built_ins: dict[str, Template]) -> None:
    template = built_ins["pre-visit-risk"]
    expected = {
        "visit-when": FieldKind.DATETIME,
        "visit-where": FieldKind.TEXT,
        "visit-who": FieldKind.TEXT,
        "indicators": FieldKind.CHECKLIST,
        "environment": FieldKind.CHECKLIST,
        "risks": FieldKind.RISKS,
        "checkin-times": FieldKind.TEXT,
        "expected-finish": FieldKind.DATETIME,
        "code-word": FieldKind.TEXT,
        "missed-checkin": FieldKind.TEXT,
        "exit-plan": FieldKind.TEXT,
        "time-limit": FieldKind.TEXT,
        "who-knows": FieldKind.TEXT,
        "escalation": FieldKind.TEXT,
        "decision": FieldKind.CHOICE,
        "review-date": FieldKind.DATETIME,
    }
    kinds = {f.id: f.kind for f in template.all_fields()}
    assert {fid: kinds.get(fid) for fid in expected} == expected
    decision = template.field_by_id("decision")
    assert decision is not None and decision.options == ("go", "go with controls", "do not go")


def test_pre_visit_indicators_cover_history_and_the_environment(
    built_ins: dict[str, Template],
) -> None:
    template = built_ins["pre-visit-risk"]
    indicators = template.field_by_id("indicators")
    environment = template.field_by_id("environment")
    assert indicators is not None and environment is not None
    words = " ".join(environment.options).lower()
    for topic in ("access", "exit", "signal", "animals", "occupants"):
        assert topic in words


def test_one_to_one_supervision_checks_the_five_professional_boundaries(
    built_ins: dict[str, Template],
) -> None:
    boundaries = built_ins["supervision-one-to-one"].field_by_id("boundaries")
    assert boundaries is not None and boundaries.kind is FieldKind.CHECKLIST
    text = " ".join(boundaries.options).lower()
    for topic in (
        "service-user focus",
        "self-disclosure",
        "dual relationships",
        "within competence",
        "looking after myself",
    ):
        assert topic in text


def test_team_reflection_looks_at_what_went_well_not_only_failures(
    built_ins: dict[str, Template],
) -> None:
    step_ids = [s.id for s in built_ins["team-reflection"].steps]
    assert "went-well" in step_ids
    assert step_ids.index("what") < step_ids.index("so-what") < step_ids.index("now-what")


def test_the_post_incident_review_records_support_privately(
    built_ins: dict[str, Template],
) -> None:
    support = built_ins["post-incident-review"].field_by_id("support")
    assert support is not None and support.private
