"""Dot votes taken in the room, kept in ``Session.room_votes`` as counts only.

A vote is held on the items of one list field. What is kept is each item's
text as it stood when the vote closed and how many dots it got: never who
voted, how many people took part, or in what order the dots arrived.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reflect_tui.domain.session import Session


@dataclass(frozen=True)
class VoteTally:
    text: str
    votes: int


@dataclass(frozen=True)
class VoteResult:
    field_id: str
    votes_each: int
    tally: tuple[VoteTally, ...]

    def ranked(self) -> list[VoteTally]:
        """Most dots first; ties keep the list's order."""
        return sorted(self.tally, key=lambda t: -t.votes)


def votes_for(session: Session, field_id: str) -> list[VoteResult]:
    """The votes held on ``field_id``, oldest first."""
    return [r for r in session.room_votes if r.field_id == field_id]


def record_vote(session: Session, result: VoteResult) -> None:
    session.room_votes.append(result)
