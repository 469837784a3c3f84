"""Searching titles and answers: the app's search screen and ``reflect search``.

``Searcher`` reads the sessions once (on the caller's thread: the app calls it
from a worker) and answers every later query from them; ``search_store`` is
the one-off form for the CLI. Private fields are searched only when asked
(the CLI's ``--private``; the app never asks).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reflect_tui.services.errors import NothingToFind

if TYPE_CHECKING:
    from reflect_tui.domain.session import Session
    from reflect_tui.search import Hit
    from reflect_tui.store import Store


def has_words(text: str) -> bool:
    """Whether ``text`` holds anything to find (not only spaces or marks that fold away)."""
    from reflect_tui.search import normalise_query

    return bool(normalise_query(text).strip())


def check_query(text: str) -> str:
    """The query to search for; ``NothingToFind`` when it has no words."""
    if not has_words(text):
        raise NothingToFind("Say what to find: type words that appear in a title or an answer.")
    return text


class Searcher:
    """Searches one store's sessions, read on the first query."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._sessions: list[Session] | None = None

    def find(self, text: str, *, include_private: bool = False) -> list[Hit]:
        """Every hit, newest session first; ``NothingToFind`` for an empty query."""
        from reflect_tui.search import search

        query = check_query(text)
        if self._sessions is None:
            self._sessions = list(self._store.iter_sessions())
        return search(self._sessions, query, include_private=include_private)


def search_store(store: Store, text: str, *, include_private: bool = False) -> list[Hit]:
    """Search every session of ``store`` once."""
    return Searcher(store).find(text, include_private=include_private)
