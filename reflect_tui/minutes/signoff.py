"""The "Agreed" section of a supervision record's minutes: who agreed it, when, comments.

Read from ``Session.agreed`` (written by ``dataprotection.history.sign_off``);
nothing is shown when there is none.
"""

from __future__ import annotations

from reflect_tui.domain.session import Session
from reflect_tui.minutes import escape


def sign_off_blocks(session: Session) -> list[str]:
    agreed = session.agreed
    if agreed is None or not agreed.agreed_by.strip():
        return []
    when = f" on {agreed.at:%d %B %Y} at {agreed.at:%H:%M}"
    blocks = ["## Agreed", f"Agreed by {escape.inline(agreed.agreed_by)}{when}."]
    comments = agreed.comments.strip()
    if comments:
        blocks.append("Comments: " + escape.inline(comments))
    return blocks
