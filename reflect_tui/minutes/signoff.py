"""The "Agreed" section of a supervision record's minutes: who agreed it, when, comments.

Read from ``session.extra["agreed"]`` (``{"by", "at", "comments"}``, written by
``dataprotection.history.sign_off``); nothing is shown when there is none.
"""

from __future__ import annotations

from datetime import datetime

from reflect_tui.domain.session import Session
from reflect_tui.minutes import escape

AGREED_KEY = "agreed"


def sign_off_blocks(session: Session) -> list[str]:
    raw = session.extra.get(AGREED_KEY)
    if not isinstance(raw, dict) or not str(raw.get("by", "")).strip():
        return []
    try:
        at = datetime.fromisoformat(str(raw.get("at")))
        when = f" on {at:%d %B %Y} at {at:%H:%M}"
    except ValueError:
        when = ""
    blocks = ["## Agreed", f"Agreed by {escape.inline(str(raw['by']))}{when}."]
    comments = str(raw.get("comments", "")).strip()
    if comments:
        blocks.append("Comments: " + escape.inline(comments))
    return blocks
