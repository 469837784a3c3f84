"""Safe default file names for exports: ``YYYY-MM-DD-template-title.md``.

A title is user text, so it is reduced to lower-case letters, digits and
hyphens (any script, no path separators, no dots, no ``..``), and shortened.
"""

from __future__ import annotations

import re
import unicodedata

from reflect_tui.domain.session import Session

MAX_SLUG = 60
_NOT_WORD = re.compile(r"[\W_]+")


def slug(text: str, limit: int = MAX_SLUG) -> str:
    """Lower-case words joined by hyphens; letters of any script are kept."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _NOT_WORD.sub("-", text).strip("-")
    if len(text) > limit:
        text = text[:limit].rstrip("-")
    return text


def default_filename(session: Session, ext: str, *, card: bool = False) -> str:
    """``2026-11-20-team-reflection-title.md`` (``-visit-card`` before the extension for cards)."""
    ext = slug(ext.lstrip("."), 10) or "md"
    parts = [session.date.isoformat(), slug(session.template.id, 40) or "session"]
    title = slug(session.title)
    if title:
        parts.append(title)
    if card:
        parts.append("visit-card")
    return "-".join(parts) + "." + ext
