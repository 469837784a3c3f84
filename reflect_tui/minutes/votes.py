"""Dot votes in the minutes: each item with its count, most dots first. Counts only."""

from __future__ import annotations

from reflect_tui.domain.confidential import field_shown
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Field
from reflect_tui.domain.votes import votes_for
from reflect_tui.minutes import escape


def vote_blocks(session: Session, f: Field) -> list[str]:
    """A Markdown block per vote held on ``f`` (none for private fields)."""
    if not field_shown(f):
        return []
    blocks: list[str] = []
    for result in votes_for(session, f.id):
        lines = [f"**Dot vote** ({result.votes_each} dots each)", ""]
        lines.append("| Item | Dots |")
        lines.append("|---|---:|")
        for row in result.ranked():
            lines.append(f"| {escape.cell(row.text) or '(blank)'} | {row.votes} |")
        blocks.append("\n".join(lines))
    return blocks
