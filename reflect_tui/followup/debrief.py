"""Plan and debrief: a post-visit debrief started from a pre-visit risk analysis.

The debrief lists each control from the plan's risk register as a checklist
entry ("did it work?"), after the template's own items, and keeps the plan's id
in ``Session.plan_id`` so each can be found from the other. A debrief of a
confidential plan is confidential (``domain.confidential.derived_confidentiality``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from reflect_tui.domain.answers import ChecklistEntry, risk_rows, text_of
from reflect_tui.domain.confidential import derived_confidentiality, field_shown
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import FieldKind, Template
from reflect_tui.errors import UserError
from reflect_tui.store.summary import SessionSummary

PLAN_TEMPLATE_ID = "pre-visit-risk"
DEBRIEF_TEMPLATE_ID = "post-visit-debrief"
CONTROLS_FIELD = "controls-worked"
VISIT_FIELD = "visit-when"
RISKS_FIELD = "risks"


def is_plan(session: Session | SessionSummary) -> bool:
    tid = session.template.id if isinstance(session, Session) else session.template_id
    return tid == PLAN_TEMPLATE_ID


def plan_controls(plan: Session) -> list[str]:
    """One line per risk row that has controls: "hazard: controls"."""
    lines: list[str] = []
    for f in plan.template.all_fields():
        if f.kind is not FieldKind.RISKS or not field_shown(f):
            continue
        for row in risk_rows(plan.answers.get(f.id)):
            controls = " ".join(row.controls.split())
            if not controls:
                continue
            hazard = " ".join(row.hazard.split())
            lines.append(f"{hazard}: {controls}" if hazard else controls)
    return list(dict.fromkeys(lines))


def start_debrief(plan: Session, template: Template, when: datetime) -> Session:
    """A new debrief draft linked to ``plan``, with the plan's controls to check."""
    if not is_plan(plan):
        raise UserError(
            f"{plan.title!r} is not a pre-visit risk analysis; a post-visit debrief "
            "starts from one."
        )
    if not plan.is_complete:
        raise UserError(
            f"The plan {plan.title!r} is still a draft. Finish it before debriefing the visit."
        )
    if template.field_by_id(CONTROLS_FIELD) is None:
        raise UserError(
            f"The template {template.id!r} has no {CONTROLS_FIELD!r} checklist, so it cannot "
            "list the plan's controls."
        )
    title = plan.title.split(": ", 1)[-1] if ": " in plan.title else plan.title
    session = Session.start(
        template,
        f"{template.title}: {title}",
        when,
        facilitator=plan.facilitator,
        participants=list(plan.participants),
        team=plan.team,
        subject=plan.subject,
        # A debrief of a confidential plan is confidential (domain.confidential).
        confidentiality=derived_confidentiality(plan),
    )
    session.plan_id = plan.id
    field = template.field_by_id(CONTROLS_FIELD)
    assert field is not None
    entries = [ChecklistEntry(item=o) for o in field.options]
    entries += [ChecklistEntry(item=c) for c in plan_controls(plan) if c not in field.options]
    session.answers[CONTROLS_FIELD] = entries
    visit = template.field_by_id(VISIT_FIELD)
    planned = plan.answers.get(VISIT_FIELD)
    if visit is not None and visit.kind is FieldKind.DATETIME and isinstance(planned, str):
        session.answers[VISIT_FIELD] = text_of(planned)
    return session


def plan_of(session: Session) -> str:
    return session.plan_id


def debriefs_of(plan_id: str, sessions: Iterable[Session]) -> list[Session]:
    return [s for s in sessions if plan_of(s) == plan_id]
