"""The per-store theme vocabulary, kept in the store setting ``"themes"``.

Only themes in the vocabulary are reported, so a tag someone typed that
happens to name a person or a case can never reach a report.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from reflect_tui.domain.themes import normalise_theme
from reflect_tui.errors import UserError

MAX_LENGTH = 60


class Settings(Protocol):
    def get_setting(self, key: str, default: Any = None) -> Any: ...

    def set_setting(self, key: str, value: Any) -> None: ...


def load(store: Settings) -> list[str]:
    """The store's vocabulary, or the defaults when it has never been edited."""
    from reflect_tui.domain.settings import Settings as StoreSettings

    settings = StoreSettings.load(store)
    if settings.themes_problem is not None:
        raise UserError(settings.themes_problem)
    return settings.vocabulary


def save(store: Settings, themes: Iterable[str]) -> None:
    """Keep ``themes`` as the store's vocabulary (only this key is written)."""
    from dataclasses import replace

    from reflect_tui.domain.settings import Settings as StoreSettings
    from reflect_tui.domain.settings import save as save_settings

    save_settings(store, replace(StoreSettings.load(store), themes=tuple(themes)))


def _clean(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise UserError("a theme needs a name: give some words, e.g. reflect themes add 'rota'")
    if len(cleaned) > MAX_LENGTH:
        raise UserError(
            f"the theme {cleaned[:20]!r}... is {len(cleaned)} characters long; "
            f"keep theme names to {MAX_LENGTH} characters"
        )
    if any(not ch.isprintable() for ch in cleaned):
        raise UserError(f"the theme {cleaned!r} contains control characters; type plain words")
    return cleaned


def added(current: list[str], names: Iterable[str]) -> tuple[list[str], list[str]]:
    """The vocabulary with ``names`` appended, and which of them were new."""
    result = list(current)
    known = {normalise_theme(t) for t in result}
    new: list[str] = []
    for name in names:
        cleaned = _clean(name)
        if normalise_theme(cleaned) not in known:
            known.add(normalise_theme(cleaned))
            result.append(cleaned)
            new.append(cleaned)
    return result, new


def removed(current: list[str], names: Iterable[str]) -> tuple[list[str], list[str]]:
    """The vocabulary without ``names``; every name must be in it."""
    wanted = {normalise_theme(n): n for n in names}
    missing = [n for key, n in wanted.items() if key not in {normalise_theme(t) for t in current}]
    if missing:
        raise UserError(
            f"no theme called {', '.join(repr(m) for m in missing)} in this store; "
            "`reflect themes list` shows the themes there are"
        )
    kept = [t for t in current if normalise_theme(t) not in wanted]
    gone = [t for t in current if normalise_theme(t) in wanted]
    return kept, gone
