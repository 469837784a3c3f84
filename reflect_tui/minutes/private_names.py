"""The store's do-not-share list and its own case-reference patterns (settings).

``do_not_share``: service users' and third parties' names, and case references,
that the privacy check always flags (matching: any case, initials with the
surname, first name or surname alone when capitalised, possessives).
``reference_patterns``: extra regular expressions for the store's own case
numbers (a capture group, if any, is what is flagged).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Protocol

from reflect_tui.domain import settings
from reflect_tui.domain.settings import Settings as StoreSettings
from reflect_tui.domain.settings import save as save_settings
from reflect_tui.errors import UserError

DO_NOT_SHARE_SETTING = settings.DO_NOT_SHARE
MAX_ENTRY = 200


class Settings(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


def _strings(value: Any) -> list[str]:
    return [" ".join(str(v).split()) for v in value or [] if str(v).strip()]


def do_not_share(store: Settings) -> list[str]:
    return list(StoreSettings.load(store).do_not_share)


def reference_patterns(store: Settings) -> list[str]:
    return list(StoreSettings.load(store).reference_patterns)


def _save(
    store: Settings, *, names: list[str] | None = None, patterns: list[str] | None = None
) -> None:
    current = StoreSettings.load(store)
    save_settings(
        store,
        replace(
            current,
            do_not_share=current.do_not_share if names is None else tuple(names),
            reference_patterns=current.reference_patterns if patterns is None else tuple(patterns),
        ),
    )


def _clean(entry: str) -> str:
    cleaned = " ".join(entry.split())
    if not cleaned:
        raise UserError("An empty name cannot go on the do-not-share list: type the name.")
    if len(cleaned) > MAX_ENTRY:
        raise UserError(f"{cleaned[:40]!r}… is longer than {MAX_ENTRY} characters; shorten it.")
    return cleaned


def add_names(store: Settings, entries: list[str]) -> list[str]:
    """Add entries (case and spacing ignored when comparing); returns those that were new."""
    current = do_not_share(store)
    known = {c.casefold() for c in current}
    added: list[str] = []
    for raw in entries:
        entry = _clean(raw)
        if entry.casefold() not in known:
            current.append(entry)
            known.add(entry.casefold())
            added.append(entry)
    if added:
        _save(store, names=current)
    return added


def remove_names(store: Settings, entries: list[str]) -> list[str]:
    current = do_not_share(store)
    gone = {" ".join(e.split()).casefold() for e in entries}
    kept = [c for c in current if c.casefold() not in gone]
    removed = [c for c in current if c.casefold() in gone]
    if removed:
        _save(store, names=kept)
    return removed


def set_names(store: Settings, entries: list[str]) -> list[str]:
    """Replace the whole list (the app's editor); blank lines are dropped, duplicates merged."""
    seen: dict[str, str] = {}
    for raw in entries:
        if raw.strip():
            entry = _clean(raw)
            seen.setdefault(entry.casefold(), entry)
    _save(store, names=list(seen.values()))
    return list(seen.values())


def add_pattern(store: Settings, pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as err:
        raise UserError(
            f"{pattern!r} is not a valid regular expression ({err}); nothing was saved."
        ) from None
    current = reference_patterns(store)
    if pattern not in current:
        _save(store, patterns=[*current, pattern])


def remove_pattern(store: Settings, pattern: str) -> bool:
    current = reference_patterns(store)
    if pattern not in current:
        return False
    _save(store, patterns=[p for p in current if p != pattern])
    return True
