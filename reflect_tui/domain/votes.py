"""Dot votes taken in the room, kept in ``Session.extra`` as counts only.

A vote is held on the items of one list field. What is kept is each item's
text as it stood when the vote closed and how many dots it got: never who
voted, how many people took part, or in what order the dots arrived.

``extra["room_votes"]`` holds a list of ``VoteResult.to_json()`` dicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

VOTES_KEY = "room_votes"


@dataclass(frozen=True)
class VoteTally:
    text: str
    votes: int

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "votes": self.votes}


@dataclass(frozen=True)
class VoteResult:
    field_id: str
    votes_each: int
    tally: tuple[VoteTally, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "field_id": self.field_id,
            "votes_each": self.votes_each,
            "tally": [t.to_json() for t in self.tally],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> VoteResult:
        return cls(
            field_id=str(data.get("field_id", "")),
            votes_each=int(data.get("votes_each", 0)),
            tally=tuple(
                VoteTally(text=str(t.get("text", "")), votes=int(t.get("votes", 0)))
                for t in data.get("tally", [])
                if isinstance(t, dict)
            ),
        )

    def ranked(self) -> list[VoteTally]:
        """Most dots first; ties keep the list's order."""
        return sorted(self.tally, key=lambda t: -t.votes)


def votes_for(extra: dict[str, Any], field_id: str) -> list[VoteResult]:
    """The votes held on ``field_id``, oldest first."""
    raw = extra.get(VOTES_KEY)
    if not isinstance(raw, list):
        return []
    results = [VoteResult.from_json(r) for r in raw if isinstance(r, dict)]
    return [r for r in results if r.field_id == field_id]


def record_vote(extra: dict[str, Any], result: VoteResult) -> None:
    raw = extra.get(VOTES_KEY)
    votes = list(raw) if isinstance(raw, list) else []
    votes.append(result.to_json())
    extra[VOTES_KEY] = votes
