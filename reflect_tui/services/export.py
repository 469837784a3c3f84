"""Minutes leaving the app: the privacy check, export to a file, the text to copy.

The same for the finish and record screens, home and ``reflect export``: a
confidential session is only exported with ``confirmed_confidential`` (the
minutes package refuses otherwise), an existing file only with ``force``, and
every export or copy is written to the audit log (which record, never what it
says; a confirmed confidential export also logs the confirmation).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from reflect_tui.domain.session import Session

if TYPE_CHECKING:
    from reflect_tui.minutes.privacy import Finding
    from reflect_tui.store import Store

Format = Literal["md", "html"]


@dataclass(frozen=True)
class PrivacyCheck:
    """What the pre-export check found, and what it looked at (for a clean result)."""

    findings: list[Finding]
    texts: int
    do_not_share: int
    references: int

    def summary(self, *, short: bool = False) -> str:
        from reflect_tui.minutes.privacy import checked_summary

        return checked_summary(
            texts=self.texts,
            do_not_share=self.do_not_share,
            references=self.references,
            short=short,
        )


def privacy_check(store: Store, session: Session, *, card: bool = False) -> PrivacyCheck:
    """Check what would be exported against the roster and the do-not-share list."""
    from reflect_tui.minutes import check_session_privacy, private_names
    from reflect_tui.minutes.privacy import exported_texts

    do_not_share = private_names.do_not_share(store)
    references = private_names.reference_patterns(store)
    findings = check_session_privacy(
        session,
        do_not_share=do_not_share,
        known_people=store.people(),
        card=card,
        references=references,
    )
    return PrivacyCheck(
        findings, len(exported_texts(session, card=card)), len(do_not_share), len(references)
    )


@dataclass(frozen=True)
class Exported:
    """A file written; ``unencrypted`` when the data folder is encrypted and this copy is not."""

    path: Path
    unencrypted: bool
    audit_problem: str | None = None


def describe_format(fmt: Format, card: bool) -> str:
    return f"format={fmt}{' card' if card else ''}"


def export(
    store: Store,
    session: Session,
    dest: str | os.PathLike[str] | None = None,
    *,
    fmt: Format = "md",
    card: bool = False,
    confirmed_confidential: bool = False,
    force: bool = False,
) -> Exported:
    """Write the minutes (or the visit card) to ``dest``: a file or a folder (None: the
    current folder, as ``reflect export`` does; the app passes ``store.export_dir``).

    Raises ``minutes.ExportExists`` when the file is there and ``force`` is not given,
    ``ConfidentialExportRefused`` for an unconfirmed confidential session.
    """
    from reflect_tui.minutes import export_session

    path = export_session(
        session,
        dest,
        fmt=fmt,
        card=card,
        confirmed_confidential=confirmed_confidential,
        force=force,
    )
    problem = audit_export(store, session, describe_format(fmt, card), confirmed_confidential)
    return Exported(path, store.encrypted, problem)


def minutes_text(
    store: Store,
    session: Session,
    *,
    fmt: Format = "md",
    card: bool = False,
    confirmed_confidential: bool = False,
    event: str = "copy",
    detail: str = "clipboard",
) -> tuple[str, str | None]:
    """The minutes as text (to copy or print), audited as ``event``; (text, audit problem)."""
    from reflect_tui.minutes import render

    text = render(session, fmt=fmt, card=card, confirmed_confidential=confirmed_confidential)
    return text, audit_export(store, session, detail, confirmed_confidential, event)


def audit_export(
    store: Store, session: Session, detail: str, confirmed: bool, event: str = "export"
) -> str | None:
    """Log an export or copy, then a confirmed confidential one; the log's problem, or None."""
    from reflect_tui.dataprotection.accountability import record

    problem = record(store, event, session.id, detail)
    if session.is_confidential and confirmed:
        problem = record(store, "confidential-confirmed", session.id, event) or problem
    return problem
