"""Completion for boxes that hold a comma-separated list (theme tags, names)."""

from __future__ import annotations

from collections.abc import Iterable

from textual.suggester import Suggester


class CommaListSuggester(Suggester):
    """Completes the entry after the last comma from ``known``, skipping entries already given.

    Matching ignores case; the suggestion uses the known spelling. Shared by any
    box where people type "a, b, c" (theme tags here; participants elsewhere).
    """

    def __init__(self, known: Iterable[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = list(known)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, current = value.rpartition(",")
        stem = current.lstrip()
        if not stem:
            return None
        used = {entry.strip().casefold() for entry in head.split(",")}
        for candidate in self.known:
            folded = candidate.casefold()
            if folded.startswith(stem.casefold()) and folded not in used:
                return value[: len(value) - len(stem)] + candidate
        return None
