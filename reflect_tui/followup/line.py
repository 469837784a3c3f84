"""Facilitation outside the line: a decompression facilitator should not be the line manager.

Decompression works because the person can speak freely; that is hard with
the person who manages them. Starting such a session warns; it may go ahead
with a reason, which is kept in the session (``Session.line_manager_override``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from reflect_tui.domain.followup import LineOverride
from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session
from reflect_tui.domain.session_type import DECOMPRESSION_ID
from reflect_tui.domain.template import Template
from reflect_tui.errors import UserError
from reflect_tui.followup.people import find_person, same_name


def is_decompression(template: Template) -> bool:
    return template.id == DECOMPRESSION_ID or template.id.startswith(DECOMPRESSION_ID + "-")


def line_manager_warning(
    template: Template, people: Sequence[Person], facilitator: str, subject: str
) -> str | None:
    """The warning to show, or None when the facilitator is outside the person's line."""
    if not is_decompression(template) or not facilitator.strip() or not subject.strip():
        return None
    person = find_person(people, subject)
    if person is None or not person.line_manager.strip():
        return None
    if not same_name(person.line_manager, facilitator):
        return None
    return (
        f"{person.line_manager} is {person.name}'s line manager. Decompression sessions work "
        "best with a facilitator from outside the line, so the person can speak freely about "
        "their work and their manager. Choose another facilitator, or go ahead and record why."
    )


def record_override(session: Session, reason: str, when: datetime) -> None:
    """Keep the reason for going ahead despite the warning (it is required)."""
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise UserError(
            "Going ahead with the line manager as facilitator needs a reason; "
            "write one sentence on why."
        )
    session.line_manager_override = LineOverride(
        reason=cleaned, facilitator=session.facilitator, at=when.replace(microsecond=0)
    )


def override_reason(session: Session) -> str:
    override = session.line_manager_override
    return override.reason if override is not None else ""
