"""A record's earlier finished versions and its sign-off (typed fields of ``Session``).

``Session.history`` holds a ``Version`` per reopening: when it had been finished,
when and by whom it was reopened, and the record as it was finished (its stored
form without the template snapshot and follow-through, as ``domain.stored`` wrote
it then). ``Session.agreed`` is a supervision record's sign-off. The operations
are in ``dataprotection.history``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from reflect_tui.domain.jsonvalue import JsonObject


@dataclass(frozen=True)
class Version:
    finished_at: datetime | None
    reopened_at: datetime
    reopened_by: str
    record: JsonObject = field(default_factory=dict)


@dataclass(frozen=True)
class SignOff:
    agreed_by: str
    at: datetime
    comments: str = ""
