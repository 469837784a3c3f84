"""Follow-through kept in a session: carried actions, later outcomes, links.

These are typed fields of ``Session`` (their stored form is ``domain.stored``):

- ``Session.carried`` in the *later* session: the open actions it reviewed, each
  with its outcome and note there (``CarriedAction``). The decision is owned here.
- ``Session.followed_up`` in the *earlier* session: what later happened to the
  actions it created (``FollowUp``), one line per action and deciding session
  (derived from the decision by ``followup.status``; a later edit replaces it).
- ``Session.plan_id``: in a post-visit debrief, the id of its pre-visit plan.
- ``Session.line_manager_override``: why a decompression session went ahead
  with the person's line manager facilitating (``LineOverride``).

Every item knows the confidentiality of where it came from (``confidential``),
and ``domain.confidential`` decides what may be shown of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class Outcome(StrEnum):
    """What a later session decided about a carried action."""

    PENDING = "not reviewed yet"
    CARRIED = "carried on"
    DONE = "done"
    DROPPED = "dropped"


@dataclass
class CarriedAction:
    """An open action from an earlier session, as brought into a later one.

    ``what``, ``owner`` and ``due`` are what the action said when it was reviewed
    here (the minutes of this session record what was reviewed); the action itself
    is owned by its origin session. ``outcome`` and ``note`` are this session's
    decision, and owned here.
    """

    id: str
    what: str
    owner: str = ""
    due: date | None = None
    from_session: str = ""
    from_title: str = ""
    from_date: date | None = None
    outcome: Outcome = Outcome.PENDING
    note: str = ""
    # Came from a confidential session: shared minutes show none of it unless
    # the person confirmed (``disclosed``). See ``domain.confidential``.
    confidential: bool = False
    disclosed: bool = False


@dataclass
class FollowUp:
    """In the session that created an action: a later change of its status.

    ``in_session`` is empty when the change was made from the Actions list
    rather than during a session.
    """

    id: str
    what: str
    status: str
    on: date
    note: str = ""
    in_session: str = ""
    in_title: str = ""
    # Decided in a confidential session: its note, date and title stay there.
    confidential: bool = False


@dataclass(frozen=True)
class LineOverride:
    """Why a decompression session went ahead with the line manager facilitating."""

    reason: str
    facilitator: str = ""
    at: datetime | None = None
