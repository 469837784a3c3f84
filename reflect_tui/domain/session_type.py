"""Which cadence a session counts towards (one definition for the due list and the facts)."""

from __future__ import annotations

from enum import StrEnum

from reflect_tui.domain.kinds import SessionKind

DECOMPRESSION_ID = "decompression"


class SessionType(StrEnum):
    DECOMPRESSION = "decompression"
    SUPERVISION = "supervision"


def session_type_of(template_id: str, kind: SessionKind) -> SessionType | None:
    """Decompression (user copies such as ``decompression-short`` too), supervision, or None."""
    if template_id == DECOMPRESSION_ID or template_id.startswith(DECOMPRESSION_ID + "-"):
        return SessionType.DECOMPRESSION
    if kind is SessionKind.ONE_TO_ONE:
        return SessionType.SUPERVISION
    return None
