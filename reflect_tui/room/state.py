"""What the room server knows, in plain Python: the join token, the open field,
the facilitator's tray of incoming items, the follow-along list and the dot vote.

Everything here lives in memory only and is anonymous by construction: an item
is its text and a random id, nothing else. A participant is a random id held in
a browser cookie; it is used for the caps (how many people, how fast) and for
counting each person's dots, and is forgotten when the room stops or its link
is rotated. No name, device id or IP address is ever passed in.

The server and the app run on the same asyncio loop, so there is no locking:
handlers and the app call these methods in turn. Listeners are told what
changed ("tray" for the facilitator's tray, "public" for what phones see).
"""

from __future__ import annotations

import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from reflect_tui.domain.votes import VoteTally

Change = Literal["tray", "public", "closed"]
Listener = Callable[[Change], None]


@dataclass(frozen=True)
class RoomLimits:
    """The caps that keep one phone (or one stranger) from flooding the room."""

    max_participants: int = 40
    max_item_chars: int = 280
    items_per_minute: int = 10
    max_items_each: int = 60
    max_pending: int = 300
    max_body_bytes: int = 4096
    max_streams_each: int = 3
    votes_each: int = 3


class RoomRefused(Exception):
    """A participant's request was refused; ``message`` is safe to show them."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Submission:
    """One item in the tray: its text and a random id, nothing about who sent it."""

    id: str
    text: str
    field_id: str


@dataclass(frozen=True)
class RoomView:
    """What the join page shows: the step, the open field's prompt and help."""

    step_title: str = ""
    field_id: str | None = None
    prompt: str = ""
    help: str = ""


@dataclass
class _Participant:
    sent: deque[float] = field(default_factory=deque)
    total: int = 0
    streams: int = 0
    dots: dict[int, int] = field(default_factory=dict)


@dataclass
class Vote:
    options: tuple[str, ...]
    votes_each: int
    field_id: str


def clean_text(text: str) -> str:
    """One line of plain text: control characters gone, runs of space collapsed."""
    kept = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(kept.split())


def new_token() -> str:
    """An unguessable join token (128 random bits, URL-safe)."""
    return secrets.token_urlsafe(16)


class RoomState:
    def __init__(
        self,
        limits: RoomLimits | None = None,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        token_factory: Callable[[], str] = new_token,
    ) -> None:
        self.limits = limits or RoomLimits()
        self._monotonic = monotonic
        self._token_factory = token_factory
        self.token = token_factory()
        self.view = RoomView()
        self.accepted: tuple[str, ...] = ()
        self.pending: list[Submission] = []
        self.vote: Vote | None = None
        self.closed = False
        self._participants: dict[str, _Participant] = {}
        self._listeners: list[Listener] = []

    # -- listeners ------------------------------------------------------------

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` on every change; returns a function that stops it."""
        self._listeners.append(listener)

        def stop() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return stop

    def _tell(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)

    # -- token and participants ----------------------------------------------

    def token_matches(self, candidate: str) -> bool:
        return not self.closed and secrets.compare_digest(
            candidate.encode("utf-8", "replace"), self.token.encode()
        )

    def rotate_token(self) -> str:
        """A new join link: the old one stops working and everyone must join again.

        Ballots are per participant, so a vote in progress starts again from zero.
        """
        self.token = self._token_factory()
        self._participants.clear()
        if self.vote is not None:
            self.vote = Vote(self.vote.options, self.vote.votes_each, self.vote.field_id)
        self._tell("closed")  # streams on the old link end
        self._tell("public")
        return self.token

    @property
    def participant_count(self) -> int:
        return len(self._participants)

    def is_participant(self, pid: str | None) -> bool:
        return pid is not None and pid in self._participants

    def join(self, pid: str | None) -> str:
        """The participant id for a browser (a new one when it has none we know)."""
        if self.closed:
            raise RoomRefused("closed", "This room has closed.", 410)
        if pid is not None and pid in self._participants:
            return pid
        if len(self._participants) >= self.limits.max_participants:
            raise RoomRefused(
                "full", "The room is full. Ask the facilitator to make space for you.", 503
            )
        new = secrets.token_urlsafe(16)
        self._participants[new] = _Participant()
        self._tell("tray")
        return new

    def _participant(self, pid: str | None) -> _Participant:
        if self.closed:
            raise RoomRefused("closed", "This room has closed.", 410)
        found = self._participants.get(pid or "")
        if found is None:
            raise RoomRefused("rejoin", "Open the join page again first.", 403)
        return found

    # -- streams (follow-along connections) -----------------------------------

    def open_stream(self, pid: str | None) -> None:
        person = self._participant(pid)
        if person.streams >= self.limits.max_streams_each:
            raise RoomRefused("streams", "Too many open pages for one browser.", 429)
        person.streams += 1

    def close_stream(self, pid: str | None) -> None:
        person = self._participants.get(pid or "")
        if person is not None and person.streams > 0:
            person.streams -= 1

    # -- the facilitator's side ------------------------------------------------

    def set_view(self, view: RoomView) -> None:
        if view != self.view:
            self.view = view
            self._tell("public")

    def set_accepted(self, texts: list[str] | tuple[str, ...]) -> None:
        """The open field's items as they now stand (what phones follow along with)."""
        shown = tuple(t for t in (clean_text(x) for x in texts) if t)
        if shown != self.accepted:
            self.accepted = shown
            self._tell("public")

    def take(self, submission_id: str) -> Submission | None:
        """Remove one item from the tray (to accept or discard it)."""
        for n, item in enumerate(self.pending):
            if item.id == submission_id:
                del self.pending[n]
                self._tell("tray")
                return item
        return None

    def merge(self, submission_ids: list[str]) -> Submission | None:
        """Join several tray items into one, where the first of them stood."""
        chosen = [s for s in self.pending if s.id in submission_ids]
        if len(chosen) < 2:
            return None
        texts: list[str] = []
        for s in chosen:
            if s.text.casefold() not in {t.casefold() for t in texts}:
                texts.append(s.text)
        merged = Submission(secrets.token_hex(6), " / ".join(texts), chosen[0].field_id)
        at = self.pending.index(chosen[0])
        self.pending = [s for s in self.pending if s.id not in submission_ids]
        self.pending.insert(min(at, len(self.pending)), merged)
        self._tell("tray")
        return merged

    def open_vote(self, options: list[str], votes_each: int | None = None) -> Vote:
        field_id = self.view.field_id or ""
        self.vote = Vote(
            tuple(t for t in (clean_text(o) for o in options) if t),
            votes_each or self.limits.votes_each,
            field_id,
        )
        for person in self._participants.values():
            person.dots.clear()
        self._tell("public")
        self._tell("tray")
        return self.vote

    def tally(self) -> list[VoteTally]:
        if self.vote is None:
            return []
        counts = [0] * len(self.vote.options)
        for person in self._participants.values():
            for index, dots in person.dots.items():
                if 0 <= index < len(counts):
                    counts[index] += dots
        return [VoteTally(t, c) for t, c in zip(self.vote.options, counts, strict=True)]

    def close_vote(self) -> tuple[Vote, list[VoteTally]] | None:
        if self.vote is None:
            return None
        vote, tally = self.vote, self.tally()
        self.vote = None
        for person in self._participants.values():
            person.dots.clear()
        self._tell("public")
        self._tell("tray")
        return vote, tally

    def end_streams(self) -> None:
        """Tell every open page its connection ends (the server moves elsewhere)."""
        self._tell("closed")

    def close(self) -> None:
        """The room stops: every participant is forgotten and every stream ends."""
        if self.closed:
            return
        self.closed = True
        self._participants.clear()
        self._tell("closed")

    # -- the participant's side ------------------------------------------------

    def submit(self, pid: str | None, text: str) -> Submission:
        person = self._participant(pid)
        cleaned = clean_text(text)
        if not cleaned:
            raise RoomRefused("empty", "Type something first.")
        if len(cleaned) > self.limits.max_item_chars:
            raise RoomRefused(
                "long", f"That is longer than {self.limits.max_item_chars} characters.", 413
            )
        if self.view.field_id is None:
            raise RoomRefused("nothing-open", "Nothing is open for items right now.", 409)
        now = self._monotonic()
        while person.sent and now - person.sent[0] >= 60.0:
            person.sent.popleft()
        if len(person.sent) >= self.limits.items_per_minute or (
            person.total >= self.limits.max_items_each
        ):
            raise RoomRefused("slow", "That is a lot at once: wait a minute, then send more.", 429)
        if len(self.pending) >= self.limits.max_pending:
            raise RoomRefused(
                "busy", "The facilitator has many items waiting: try again soon.", 503
            )
        person.sent.append(now)
        person.total += 1
        item = Submission(secrets.token_hex(6), cleaned, self.view.field_id)
        self.pending.append(item)
        self._tell("tray")
        return item

    def dots_left(self, pid: str | None) -> int:
        if self.vote is None:
            return 0
        person = self._participants.get(pid or "")
        used = sum(person.dots.values()) if person else 0
        return max(0, self.vote.votes_each - used)

    def my_dots(self, pid: str | None) -> dict[int, int]:
        person = self._participants.get(pid or "")
        return dict(person.dots) if person and self.vote else {}

    def cast(self, pid: str | None, option: int, change: int) -> None:
        """Put a dot on (``change=1``) or take one off (``-1``) option ``option``."""
        person = self._participant(pid)
        vote = self.vote
        if vote is None:
            raise RoomRefused("no-vote", "There is no vote open right now.", 409)
        if not 0 <= option < len(vote.options) or change not in (1, -1):
            raise RoomRefused("bad-vote", "That is not one of the items in the vote.")
        have = person.dots.get(option, 0)
        if change > 0:
            if self.dots_left(pid) <= 0:
                raise RoomRefused("no-dots", "You have used all your dots.", 409)
            person.dots[option] = have + 1
        else:
            if have <= 0:
                raise RoomRefused("no-dot", "You have no dot on that item.", 409)
            if have == 1:
                del person.dots[option]
            else:
                person.dots[option] = have - 1
        self._tell("tray")
        self._tell("public")
