"""A session's life: start it, complete it, reopen it, sign it off, discard or delete it.

Every change that is saved goes through ``_save_change``: it takes a restore
point of the session first, and if the store refuses the write, puts every
field back as it was and raises ``NotSaved`` with the store's message. So a
screen that holds the session never shows a half-made change (a completed
session whose save failed is a draft again with no finish time; a reopened
one is complete again with its original finish time and history).
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.settings import Settings
from reflect_tui.errors import UserError
from reflect_tui.services.errors import NotSaved

if TYPE_CHECKING:
    from reflect_tui.store import Store
    from reflect_tui.store.erasure import PurgeReport
    from reflect_tui.templates import TemplateLibrary


class _RestorePoint:
    """Every field of a session but its (immutable) template snapshot, deep-copied."""

    def __init__(self, session: Session) -> None:
        self._values = {
            f.name: copy.deepcopy(getattr(session, f.name))
            for f in fields(session)
            if f.name != "template"
        }

    def restore(self, session: Session) -> None:
        for name, value in self._values.items():
            setattr(session, name, value)


def _save_change(store: Store, session: Session, change: Callable[[], object]) -> None:
    """Apply ``change`` to ``session`` and save it; on any failure the session is as it was."""
    point = _RestorePoint(session)
    try:
        change()
        store.save_session(session)
    except UserError as err:
        point.restore(session)
        raise NotSaved(str(err), err.exit_code) from err
    except BaseException:
        point.restore(session)
        raise


# -- start -------------------------------------------------------------------


def start(store: Store, session: Session) -> None:
    """Save a session that was just made from a template (the header form, a debrief)."""
    _save_change(store, session, lambda: None)


def start_debrief(store: Store, library: TemplateLibrary, plan: Session, now: datetime) -> Session:
    """A post-visit debrief linked to the finished pre-visit ``plan``, saved."""
    from reflect_tui.followup.debrief import DEBRIEF_TEMPLATE_ID
    from reflect_tui.followup.debrief import start_debrief as make_debrief

    try:
        template = library.get(DEBRIEF_TEMPLATE_ID)
    except KeyError as err:
        raise NotSaved(f"the debrief template is missing ({err})") from err
    debrief = make_debrief(plan, template, now)
    start(store, debrief)
    return debrief


# -- complete ----------------------------------------------------------------


def unanswered_required(session: Session) -> list[str]:
    """'Question (step)' for every required field still empty, in step order."""
    from reflect_tui.domain.answers import is_empty

    return [
        f"{f.label} ({step.title})"
        for step in session.template.steps
        for f in step.fields
        if f.required and is_empty(f.kind, session.answers.get(f.id))
    ]


@dataclass(frozen=True)
class Completed:
    """A session marked complete and saved; the minutes file, or why it was not written."""

    minutes_path: Path | None
    minutes_problem: str | None = None

    def message(self) -> str:
        if self.minutes_problem is not None:
            return f"Session complete, but the minutes file was not written: {self.minutes_problem}"
        if self.minutes_path is not None:
            return f"Session complete. Minutes saved to {self.minutes_path}"
        return "Session complete."


def answer_consent(session: Session, given: bool, now: datetime) -> None:
    """The person's answer about the thematic report, asked before finishing.

    Kept in the session (in memory: its autosave or ``complete`` saves it) even if
    the person then goes back, like any other answer.
    """
    from reflect_tui.domain.confidential import record_consent

    record_consent(session, given)
    session.updated_at = now


def complete(store: Store, session: Session, now: datetime) -> Completed:
    """Mark the session complete at ``now`` and save it, then write its minutes (shared only).

    If the save fails the session is a draft again, exactly as before (``NotSaved``);
    a minutes file that cannot be written is reported in ``Completed.minutes_problem``
    (the session is complete all the same).
    """

    def change() -> None:
        session.status = Status.COMPLETE
        session.finished_at = now

    _save_change(store, session, change)
    from reflect_tui import minutes

    try:
        return Completed(minutes.save_minutes_on_finish(store, session))
    except UserError as err:
        return Completed(None, str(err))


# -- reopen and sign off -----------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    """A change saved; ``audit_problem`` says if the audit log could not be written."""

    audit_problem: str | None = None


def reopen(store: Store, session: Session, now: datetime, by: str) -> Recorded:
    """Make a completed session a draft again; its finished version and time are kept.

    The finished version (with its ``finished_at``) goes into the record's history
    (``dataprotection.history``), so ``history.first_finished`` still gives the
    original finish time. If the save fails, nothing changed.
    """
    from reflect_tui.dataprotection import accountability, history

    _save_change(store, session, lambda: history.reopen(session, now, by))
    return Recorded(accountability.record(store, "reopen", session.id))


def sign_off(
    store: Store, session: Session, agreed_by: str, now: datetime, comments: str
) -> Recorded:
    """Record who agreed a supervision record, when, with their comments."""
    from reflect_tui.dataprotection import accountability, history

    _save_change(store, session, lambda: history.sign_off(session, agreed_by, now, comments))
    return Recorded(accountability.record(store, "sign-off", session.id))


# -- discard and delete ------------------------------------------------------


@dataclass(frozen=True)
class Deleted:
    """A session gone from every list: in the bin until ``erased_on``, or erased for good."""

    session_id: str
    erased_on: date | None  # None: erased for good now
    problems: tuple[str, ...] = ()


def bin_erase_day(store: Store, now: datetime) -> date:
    """The day a session moved to the bin ``now`` is erased for good."""

    return (now + timedelta(days=Settings.load(store).bin_days)).date()


def move_to_bin(store: Store, session_id: str) -> Deleted:
    """Discard a draft or delete a record: it leaves every list and can be put back for a while."""
    from reflect_tui.dataprotection import erase

    entry = erase.delete(store, session_id)
    return Deleted(entry.id, entry.expires(Settings.load(store).bin_days).date())


def erase_for_good(store: Store, session_ids: list[str]) -> PurgeReport:
    """Erase sessions from the store, every copy of it and the minutes folder, now."""
    from reflect_tui.dataprotection import erase

    return erase.purge(store, session_ids)
