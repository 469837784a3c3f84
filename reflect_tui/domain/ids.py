"""Record ids: short random hex, the same for sessions, actions, people and rows."""

from __future__ import annotations

import uuid


def new_id() -> str:
    return uuid.uuid4().hex[:12]
