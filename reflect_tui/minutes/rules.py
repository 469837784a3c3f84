"""The confidentiality rules for every export, kept in one place.

1. A private field never leaves: not in Markdown, HTML, the visit card, the
   front matter's themes, or the text the privacy check is run on.
2. A confidential session (decompression, the personal parts of supervision)
   is exported only when the person has confirmed it (``--confidential`` on the
   command line, a confirm dialog in the app), and its minutes then carry a
   visible confidentiality banner.
3. Minutes are saved automatically on finishing only for shared sessions.

Every renderer asks this module which fields it may show and whether it may
run at all, so a new export format cannot forget a rule.
"""

from __future__ import annotations

from reflect_tui.domain.answers import ActionItem, action_items
from reflect_tui.domain.confidential import field_shown, shareable_themes
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Field, FieldKind, Step
from reflect_tui.errors import UserError

BANNER = (
    "Confidential. This record is from a confidential session. Keep it only where the people "
    "in the session agreed it would be kept, and do not forward or copy it."
)


class ConfidentialExportRefused(UserError):
    """A confidential session was about to be exported without a confirmation."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            f"session {session.id} ({session.title!r}) is confidential, so it is not exported "
            "unless you confirm it: check who will see the file, then run the export again "
            "with --confidential (or confirm in the app)."
        )
        self.session = session


def ensure_export_allowed(session: Session, *, confirmed_confidential: bool) -> None:
    """Raise ``ConfidentialExportRefused`` unless the session may be exported now."""
    if session.is_confidential and not confirmed_confidential:
        raise ConfidentialExportRefused(session)


def exportable(field: Field) -> bool:
    return field_shown(field)


def exportable_steps(session: Session) -> list[tuple[Step, list[Field]]]:
    """Steps that have at least one exportable field, each with those fields in order."""
    out: list[tuple[Step, list[Field]]] = []
    for step in session.template.steps:
        fields = [f for f in step.fields if exportable(f)]
        if fields:
            out.append((step, fields))
    return out


def exportable_themes(session: Session) -> list[str]:
    """Never a private field's tags; none from a session without consent to use its themes."""
    return shareable_themes(session)


def saved_on_finish(session: Session) -> bool:
    """Whether finishing the session writes its minutes to the store's minutes folder."""
    return not session.is_confidential


def exportable_actions(session: Session) -> list[ActionItem]:
    """Actions from exportable action fields only (``Session.actions`` includes private ones)."""
    found: list[ActionItem] = []
    for _step, fields in exportable_steps(session):
        for f in fields:
            if f.kind is FieldKind.ACTIONS:
                found.extend(action_items(session.answers.get(f.id)))
    return found
