"""The visit card: what the colleague holding the check-in needs, and nothing else."""

from __future__ import annotations

import dataclasses

import pytest
from minutes_builtin_sessions import built_in_session, built_in_templates
from minutes_fixtures import every_kind_session

from reflect_tui.domain.answers import ChecklistEntry, ListItem, RiskRow, risk_rows
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Confidentiality
from reflect_tui.minutes import ConfidentialExportRefused, NoVisitCard, render_visit_card
from reflect_tui.minutes.card import CARD_FIELD_IDS
from reflect_tui.minutes.html import markdown_parser

TEMPLATES = {t.id: t for t in built_in_templates()}


def pre_visit() -> Session:
    return built_in_session(TEMPLATES["pre-visit-risk"])


def body(card: str) -> str:
    return card.split("\n---\n", 1)[1]


def test_card_carries_the_check_in_essentials() -> None:
    session = pre_visit()
    card = body(render_visit_card(session))
    for fid in sorted(CARD_FIELD_IDS - {"visit-when", "expected-finish", "decision"}):
        assert str(session.answers[fid]).rstrip(".") in card, fid
    assert "Friday 20 November 2026, 10:30" in card  # arrival
    assert "Friday 20 November 2026, 11:15" in card  # expected finish
    assert "go with controls" in card
    for row in risk_rows(session.answers["risks"]):
        assert row.controls in card  # key controls


def test_card_carries_nothing_else_from_the_analysis() -> None:
    session = pre_visit()
    card = body(render_visit_card(session))
    for f in session.template.all_fields():
        if f.id in CARD_FIELD_IDS:
            continue
        value = session.answers[f.id]
        texts: list[str] = []
        if isinstance(value, str):
            texts.append(value)
        for row in value if isinstance(value, list) else []:
            if isinstance(row, ListItem):
                texts.append(row.text)
            elif isinstance(row, ChecklistEntry):
                texts += [row.item, row.note]
            elif isinstance(row, RiskRow):
                texts.append(row.hazard)  # hazards and scores stay off; controls are on
            elif hasattr(row, "what"):
                texts.append(row.what)
        for text in texts:
            if len(text) > 3 and not text.startswith("20"):
                assert text not in card, (f.id, text)
    assert "Moderate" not in card and "×" not in card  # no scores or bands


def test_card_shows_gaps_instead_of_hiding_them() -> None:
    session = pre_visit()
    session.answers["code-word"] = ""
    assert "**Code word:** *Not set*" in body(render_visit_card(session))


def test_private_card_field_stays_off_the_card() -> None:
    session = pre_visit()
    template = session.template
    steps = tuple(
        dataclasses.replace(
            step,
            fields=tuple(
                dataclasses.replace(f, private=True) if f.id == "code-word" else f
                for f in step.fields
            ),
        )
        for step in template.steps
    )
    session.template = dataclasses.replace(template, steps=steps)
    card = body(render_visit_card(session))
    assert "Code word" not in card and "blue folder" not in card


def test_card_only_for_a_pre_visit_analysis() -> None:
    with pytest.raises(NoVisitCard, match="leave out --card"):
        render_visit_card(every_kind_session())


def test_confidential_card_needs_confirmation() -> None:
    session = pre_visit()
    session.confidentiality = Confidentiality.CONFIDENTIAL
    with pytest.raises(ConfidentialExportRefused):
        render_visit_card(session)
    assert "Confidential." in render_visit_card(session, confirmed_confidential=True)


def test_html_card_is_one_printable_page_without_html_from_users() -> None:
    session = pre_visit()
    session.answers["code-word"] = "<script>alert('x')</script> | # ---"
    page = render_visit_card(session, fmt="html")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "&lt;script&gt;alert('x')&lt;/script&gt; | # ---" in page
    assert "size: A4" in page and "break-before: page" not in page


def test_card_markdown_structure() -> None:
    tokens = markdown_parser().parse(body(render_visit_card(pre_visit())))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "Visit card: Home visit, case ref NT-0412",
        "Where and when",
        "Check-ins",
        "Safety",
    ]
