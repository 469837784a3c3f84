"""The "Follow-up" section of the minutes: actions carried in, and what became of ours.

Read from ``Session.carried`` and ``Session.followed_up`` (see ``domain.followup``):
a later session lists the earlier actions it reviewed and the outcome of each; the session that
created an action lists what later happened to it. Follow-ups for actions
that are not exportable (private fields) are left out.
"""

from __future__ import annotations

from reflect_tui.domain.confidential import (
    CONFIDENTIAL_CARRIED_TEXT,
    CONFIDENTIAL_FOLLOW_UP_TEXT,
    carried_detail_shown,
    follow_up_detail_shown,
)
from reflect_tui.domain.followup import CarriedAction, Outcome
from reflect_tui.domain.session import Session
from reflect_tui.minutes import escape, formatting, rules

FOLLOW_UP_TITLE = "Follow-up"


def shown_carried(session: Session) -> tuple[list[CarriedAction], int]:
    """The carried actions the minutes may describe, and how many they may only count."""
    shown: list[CarriedAction] = []
    hidden = 0
    for c in session.carried:
        if carried_detail_shown(c, into_confidential=session.is_confidential):
            shown.append(c)
        else:
            hidden += 1
    return shown, hidden


def follow_up_blocks(session: Session) -> list[str]:
    """Markdown blocks for the section, or none when there is nothing to say."""
    blocks: list[str] = []
    carried, hidden = shown_carried(session)
    if hidden:
        text = CONFIDENTIAL_CARRIED_TEXT
        if hidden > 1:
            text = f"{hidden} actions from confidential sessions were reviewed."
        blocks.append(f"*{escape.inline(text)}*")
    if carried:
        lines = [
            "**Actions carried forward from earlier sessions**",
            "",
            "| Action | Owner | From | Outcome | Notes |",
            "|---|---|---|---|---|",
        ]
        for c in carried:
            source = escape.cell(c.from_title) or "An earlier session"
            if c.from_date:
                source += f" ({formatting.long_date(c.from_date)})"
            outcome = c.outcome.value.capitalize()
            if c.outcome is Outcome.PENDING:
                outcome = "Not reviewed"
            lines.append(
                f"| {escape.cell(c.what) or '(no description)'} | "
                f"{escape.cell(c.owner) or 'Unassigned'} | {source} | {outcome} | "
                f"{escape.cell(c.note)} |"
            )
        blocks.append("\n".join(lines))
    ours = {a.id for a in rules.exportable_actions(session)}
    later = [f for f in session.followed_up if f.id in ours]
    if later:
        items = ["**What happened to these actions later**", ""]
        for f in later:
            status = escape.inline(f.status)
            if not follow_up_detail_shown(f):  # decided in a confidential session
                items.append(
                    f"- {escape.inline(f.what)}: {status} ({CONFIDENTIAL_FOLLOW_UP_TEXT})."
                )
                continue
            where = f" at {escape.inline(f.in_title)}" if f.in_title else " in a later session"
            if not f.in_session:
                where = " from the actions list"
            text = f"{escape.inline(f.what)}: {status} on {formatting.long_date(f.on)}{where}."
            if f.note:
                text += f" {escape.inline(f.note)}"
            items.append(f"- {text}")
        blocks.append("\n".join(items))
    if not blocks:
        return []
    return [f"## {FOLLOW_UP_TITLE}", *blocks]


def follow_up_texts(session: Session) -> list[tuple[str, str, str]]:
    """(text, key, where) for every piece of user text the Follow-up section carries.

    The privacy check scans these like any exported field.
    """
    out: list[tuple[str, str, str]] = []
    for n, c in enumerate(shown_carried(session)[0], start=1):
        where = f"{FOLLOW_UP_TITLE} › carried action {n}"
        for part, text in (
            ("what", c.what),
            ("owner", c.owner),
            ("note", c.note),
            ("from", c.from_title),
        ):
            if text.strip():
                out.append((text, f"carried.{part}", f"{where} ({part})"))
    ours = {a.id for a in rules.exportable_actions(session)}
    for n, f in enumerate((f for f in session.followed_up if f.id in ours), start=1):
        where = f"{FOLLOW_UP_TITLE} › later change {n}"
        if not follow_up_detail_shown(f):
            continue
        for part, text in (("note", f.note), ("session", f.in_title)):
            if text.strip():
                out.append((text, f"followed_up.{part}", f"{where} ({part})"))
    return out
