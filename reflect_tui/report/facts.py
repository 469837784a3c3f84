"""SessionFacts: the little of a finished session the thematic report reads.

A report over years of sessions must not hold every decoded session in memory:
each session is decoded, reduced to these facts (its date, whether it is a team
session, the team or the person it is for, who was present, its theme tags and
whether consent allows them to count) and dropped. The facts hold no text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from reflect_tui.domain import confidential, stored
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Field, FieldKind, SessionKind
from reflect_tui.store.summary import SessionSummary


@dataclass(frozen=True, slots=True)
class SessionFacts:
    date: date
    is_complete: bool
    team_session: bool
    team: str
    subject: str
    participants: tuple[str, ...]
    themes: tuple[str, ...]  # tags on list items, private fields included
    consent: bool  # the session's themes may feed the report

    @classmethod
    def of(cls, session: Session) -> SessionFacts:
        return cls(
            date=session.date,
            is_complete=session.is_complete,
            team_session=session.template.kind is SessionKind.TEAM,
            team=session.team,
            subject=session.subject,
            participants=tuple(session.participants),
            themes=tuple(session.themes(True)),
            consent=confidential.consent_given(session),
        )

    @classmethod
    def from_record(cls, record: Mapping[str, object]) -> SessionFacts:
        """The facts of a stored record the store has checked (``Store.stream_records``).

        Only what the facts read is decoded (``stored.session_for_counting``: a few
        header fields, the template, list fields and the consent answer), with the
        same strict readers as a whole session, so the facts are those ``of`` gives
        for the session decoded whole. ``decoding.DecodeError`` names a bad field.
        """
        return cls.of(stored.session_for_counting(record, _counted))

    @classmethod
    def from_entry(
        cls, summary: SessionSummary, entry: Mapping[str, object]
    ) -> SessionFacts | None:
        """The facts of a session from its checked index entry alone (no session file read).

        The summary gives the date, status, kind, team, subject and who was there;
        the entry's "report" part (``store.layout.report_facts``, derived from the
        decoded Session when it was saved) the theme tags and the consent. None when
        the entry has no such part (written by an older version) or it is not one:
        the session's record is then read instead (``from_record``).
        """
        part = entry.get("report")
        if not isinstance(part, dict):
            return None
        consent = part.get("consent")
        themes = part.get("themes", [])
        if not isinstance(consent, bool) or not isinstance(themes, list):
            return None
        if not all(isinstance(t, str) for t in themes):
            return None
        return cls(
            date=summary.date,
            is_complete=summary.status is Status.COMPLETE,
            team_session=summary.kind is SessionKind.TEAM,
            team=summary.team,
            subject=summary.subject,
            participants=summary.participants,
            themes=tuple(themes),
            consent=consent,
        )


def _counted(f: Field) -> bool:
    """The answers the facts read: theme tags (list fields) and the consent question."""
    return f.kind is FieldKind.LIST or f.id == confidential.CONSENT_FIELD


Countable = Session | SessionFacts


def facts_of(session: Countable) -> SessionFacts:
    """The facts of a session (a session already reduced is returned as it is)."""
    return session if isinstance(session, SessionFacts) else SessionFacts.of(session)
