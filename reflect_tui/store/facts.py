"""Home facts: what home's panels need, kept by the store so home never reads the whole index.

Two documents beside the index shards, written in the same commit and listed
in the same manifest (generation, size, SHA-256), checked like a shard before
they are used and rebuilt from the shards when they do not match:

- ``index/home-facts.json`` (part ``facts``), all that home reads: who is due
  (per person and session type, the newest finished session), retention (per
  template id and kind, how many sessions fall on each date), the number of
  confidential drafts and finished sessions, the "due soon" panel (the
  PANEL_KEEP earliest-due open actions, and how many open actions fall due on
  each date), and the drafts that are not in reflect.json's "home" table (id
  and date: kept here, in the small file, because every new or finished draft
  changes them);
- ``index/home-actions.json`` (part ``actions``), read only by the writer (on
  its first change) and by ``reflect verify``: every open action in its
  current state (as in the newest session holding it, exactly as
  ``Store.actions()`` works it out), with its session and origin, a Bloom
  filter of every action id the index holds (to tell a brand-new action from
  one another session may hold). A big store can hold thousands of open actions:
  parsing them would hold the interpreter lock while home settles.

They are kept up to date from the old and new index entry of each changed
session (``Facts.apply``) where the outcome is certain; where it is not (a
session holding the newest copy of an action loses it, a date moved back, a
newest finished session deleted) the part is marked stale and worked out again
from every index entry by the writer, before the commit. See docs/storage.md.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reflect_tui.domain.answers import ActionItem

Doc = dict[str, Any]

FACTS_FORMAT = "reflect-facts"
PARTS = ("facts", "actions")
FILE_NAMES = {"facts": "home-facts", "actions": "home-actions"}
SEP = "\x1f"  # between the two halves of a key (never in a name key or a template id)
BLOOM_HASHES = 6
BLOOM_MIN_BITS = 8192
BLOOM_BITS_PER_ID = 16
# The shape of the bodies: a facts file of another shape (an earlier version's) is
# worked out again quietly, as for a folder that has none.
SHAPE = 2
PANEL_KEEP = 20  # earliest-due open actions kept for the panel, of all and of shared ones


class EarlierFacts(ValueError):
    """A facts body written by an earlier version (another SHAPE)."""


# ---------------------------------------------------------------- the typed view


@dataclass(frozen=True)
class OpenAction:
    """An open action as home's panel and room mode need it."""

    action: ActionItem
    session_id: str  # the newest session holding it (its copy is current)
    # The session that created it (``followup.carry.origin_id``), and whether that session
    # exists and is confidential (room mode). Its title and date are not kept: every title
    # edit would rewrite the open actions; the Actions screen reads them with everything.
    origin_id: str
    origin_confidential: bool


@dataclass(frozen=True)
class LastSession:
    """A person's newest finished session of one type (``followup.due.latest``)."""

    date: date
    confidential: bool


@dataclass(frozen=True)
class ActionDue:
    """What home's "due soon" panel shows of an open action with a due date."""

    due: date
    what: str
    owner: str
    origin_confidential: bool


@dataclass(frozen=True)
class HomeFacts:
    # (name key of the subject, session type value) -> the newest finished session
    last_sessions: Mapping[tuple[str, str], LastSession]
    # (template id, kind value) -> {session date: how many sessions}
    retention: Mapping[tuple[str, str], Mapping[date, int]]
    confidential_drafts: int
    confidential_done: int
    # The earliest-due open actions (PANEL_KEEP of all, and PANEL_KEEP of those whose
    # origin is not confidential), soonest first; and per due date, how many open
    # actions fall due then and how many of those come from confidential sessions.
    soon_first: tuple[ActionDue, ...] = ()
    soon_counts: tuple[tuple[date, int, int], ...] = ()

    def due_soon(self, horizon: date, *, room: bool = False) -> tuple[list[ActionDue], int, int]:
        """Open actions due on or before ``horizon`` (overdue too), soonest first.

        Returns (at most PANEL_KEEP of them, how many there are, how many a
        room-safe screen leaves out); with ``room``, actions from confidential
        sessions are neither listed nor counted.
        """
        rows = [
            a for a in self.soon_first if a.due <= horizon and not (room and a.origin_confidential)
        ]
        every = hidden = 0
        for due, n, secret in self.soon_counts:
            if due > horizon:
                break
            every += n
            hidden += secret
        if room:
            return rows[:PANEL_KEEP], every - hidden, hidden
        return rows[:PANEL_KEEP], every, 0

    @property
    def confidential(self) -> int:
        return self.confidential_drafts + self.confidential_done

    def retention_due(self, rules: Mapping[str, int | None], today: date) -> int:
        """How many sessions are past their period (``retention.due``, counted)."""
        from datetime import timedelta

        count = 0
        for (template_id, kind), dates in self.retention.items():
            days = rules[template_id] if template_id in rules else rules.get(kind)
            if days is None:
                continue
            limit = today - timedelta(days=days)
            count += sum(n for day, n in dates.items() if day <= limit)
        return count


# ---------------------------------------------------------------- derivations


def _rank(entry: Doc) -> list[str]:
    """Newest last: session date, last save, id (``layout.sort_key``)."""
    summary = entry["summary"]
    return [str(summary["date"]), str(summary.get("updated_at") or ""), str(entry["id"])]


def _confidential(entry: Doc) -> bool:
    return bool(entry["summary"].get("confidentiality") == "confidential")


def _counted(entry: Doc) -> tuple[str, str, bool, bool]:
    """What the retention and confidential counts take from an entry."""
    summary = entry["summary"]
    draft = summary["status"] == "draft"
    return (retention_key(entry), str(summary["date"]), _confidential(entry), draft)


def _is_open(action: Doc) -> bool:
    return str(action.get("status") or "open") == "open"


def due_key(entry: Doc) -> str | None:
    """The who-is-due key of a finished session about someone, else None."""
    from reflect_tui.domain.people import name_key
    from reflect_tui.domain.session import Status
    from reflect_tui.domain.session_type import session_type_of
    from reflect_tui.domain.template import SessionKind

    summary = entry["summary"]
    if summary.get("status") != Status.COMPLETE.value or not str(summary["subject"]).strip():
        return None
    kind = session_type_of(str(summary["template_id"]), SessionKind(summary["kind"]))
    if kind is None:
        return None
    return f"{name_key(str(summary['subject']))}{SEP}{kind.value}"


def retention_key(entry: Doc) -> str:
    summary = entry["summary"]
    return f"{summary['template_id']}{SEP}{summary['kind']}"


def _origin_part(origin: Doc | None) -> Doc:
    return {"origin_confidential": origin is not None and _confidential(origin)}


def _open_doc(action: Doc, entry: Doc, origin_id: str, origin: Doc | None) -> Doc:
    return {
        "holder": str(entry["id"]),
        "date": str(entry["summary"]["date"]),
        "action": action,
        "origin": origin_id,
        **_origin_part(origin),
    }


def best_holders(entries: Iterable[Doc]) -> tuple[dict[str, tuple[Doc, Doc]], dict[str, set[str]]]:
    """Action id -> (its copy in the newest session holding it, that entry); and every holder."""
    best: dict[str, tuple[list[str], Doc, Doc]] = {}
    seen: dict[str, set[str]] = {}
    for entry in entries:
        rank = _rank(entry)
        for action in entry.get("actions", []):
            aid = str(action["id"])
            seen.setdefault(aid, set()).add(str(entry["id"]))
            if aid not in best or rank > best[aid][0]:
                best[aid] = (rank, action, entry)
    return {aid: (a, e) for aid, (_, a, e) in best.items()}, seen


def _newer(entry: Doc, current: Doc, entry_of: Callable[[str], Doc | None]) -> bool:
    """Whether ``entry`` is newer than the session holding the current copy ``current``."""
    day = str(entry["summary"]["date"])
    if day != current["date"]:
        return day > str(current["date"])
    holder = entry_of(str(current["holder"]))
    return holder is None or _rank(entry) > _rank(holder)


class Bloom:
    """A Bloom filter of action ids: "certainly never held" or "maybe held"."""

    def __init__(self, bits: int, data: bytes | None = None, count: int = 0) -> None:
        self.bits = max(BLOOM_MIN_BITS, bits)
        self.data = bytearray(data if data is not None else (self.bits + 7) // 8)
        self.count = count

    @classmethod
    def sized(cls, ids: Iterable[str], count: int) -> Bloom:
        bloom = cls(count * BLOOM_BITS_PER_ID * 2)
        for aid in ids:
            bloom.add(aid)
        return bloom

    def _positions(self, aid: str) -> list[int]:
        digest = hashlib.blake2b(aid.encode(), digest_size=8 * BLOOM_HASHES // 2).digest()
        h1 = int.from_bytes(digest[:8], "little")
        h2 = int.from_bytes(digest[8:16], "little") | 1
        return [(h1 + i * h2) % self.bits for i in range(BLOOM_HASHES)]

    def __contains__(self, aid: str) -> bool:
        return all(self.data[p >> 3] & (1 << (p & 7)) for p in self._positions(aid))

    def add(self, aid: str) -> None:
        if aid in self:
            return
        for p in self._positions(aid):
            self.data[p >> 3] |= 1 << (p & 7)
        self.count += 1

    @property
    def full(self) -> bool:
        return self.count * BLOOM_BITS_PER_ID > self.bits

    def to_json(self) -> Doc:
        return {
            "bits": self.bits,
            "count": self.count,
            "data": base64.b64encode(bytes(self.data)).decode("ascii"),
        }

    @classmethod
    def from_json(cls, doc: Doc) -> Bloom:
        bits = int(doc["bits"])
        data = base64.b64decode(str(doc["data"]), validate=True)
        if len(data) != (bits + 7) // 8 or bits < BLOOM_MIN_BITS:
            raise ValueError("the action-id filter has the wrong size")
        return cls(bits, data, int(doc["count"]))


def compute_due(entries: Iterable[Doc]) -> dict[str, list[Any]]:
    due: dict[str, list[Any]] = {}
    for entry in entries:
        key = due_key(entry)
        if key is None:
            continue
        rank = _rank(entry)
        if key not in due or rank > due[key][:3]:
            due[key] = [*rank, _confidential(entry)]
    return due


def compute_actions(entries: list[Doc]) -> tuple[dict[str, Doc], Bloom]:
    best, seen = best_holders(entries)
    by_id = {str(e["id"]): e for e in entries}
    found: dict[str, Doc] = {}
    for aid, (action, entry) in best.items():
        if not _is_open(action):
            continue
        origin = str(action.get("created_in") or "") or min(seen[aid])
        found[aid] = _open_doc(action, entry, origin, by_id.get(origin))
    return found, Bloom.sized(seen, len(seen))


def soon_body(open_docs: Iterable[Doc]) -> Doc:
    """The "due soon" part of the facts, from every open action (stored form)."""
    dated: list[tuple[str, str, str, bool]] = []
    for doc in open_docs:
        action = doc["action"]
        due = action.get("due")
        if isinstance(due, str) and due:
            what, owner = str(action.get("what") or ""), str(action.get("owner") or "")
            dated.append((due, what, owner, bool(doc["origin_confidential"])))
    dated.sort()
    first = dated[:PANEL_KEEP]
    shared = sum(1 for row in first if not row[3])
    if shared < PANEL_KEEP:  # and the earliest shared ones a room-safe screen lists
        later = (row for row in dated[PANEL_KEEP:] if not row[3])
        first += heapq.nsmallest(PANEL_KEEP - shared, later)
    counts: dict[str, list[int]] = {}
    for due, _, _, secret in dated:
        count = counts.setdefault(due, [0, 0])
        count[0] += 1
        count[1] += int(secret)
    return {
        "first": [list(row) for row in sorted(first)],
        "by_due": [[due, *counts[due]] for due in sorted(counts)],
    }


def home_view(small: Doc) -> HomeFacts:
    """The typed view home reads, from the facts part's body alone.

    EarlierFacts for another version's body; ValueError/KeyError/TypeError if damaged.
    """
    if small.get("shape") != SHAPE:
        raise EarlierFacts("the facts were written by an earlier version")
    last: dict[tuple[str, str], LastSession] = {}
    for key, value in dict(small["due"]).items():
        if len(value) != 4 or SEP not in key:
            raise ValueError(f"the due entry {key!r} is not readable")
        person, kind = str(key).split(SEP, 1)
        last[(person, kind)] = LastSession(date.fromisoformat(str(value[0])), bool(value[3]))
    retention: dict[tuple[str, str], dict[date, int]] = {}
    for key, dates in dict(small["retention"]).items():
        template_id, kind = str(key).split(SEP, 1)
        retention[(template_id, kind)] = {
            date.fromisoformat(str(d)): int(n) for d, n in dict(dates).items()
        }
    confidential = [int(n) for n in small["confidential"]]
    if len(confidential) != 2:
        raise ValueError("the confidential counts are not two numbers")
    soon = dict(small["soon"])
    first = tuple(
        ActionDue(date.fromisoformat(str(due)), str(what), str(owner), bool(secret))
        for due, what, owner, secret in soon["first"]
    )
    counts = tuple(
        (date.fromisoformat(str(due)), int(n), int(secret)) for due, n, secret in soon["by_due"]
    )
    if any(b[0] <= a[0] for a, b in pairwise(counts)):
        raise ValueError("the due dates of open actions are not in order")
    return HomeFacts(
        last_sessions=last,
        retention=retention,
        confidential_drafts=confidential[0],
        confidential_done=confidential[1],
        soon_first=first,
        soon_counts=counts,
    )


@dataclass
class Facts:
    """The facts in their stored (JSON) form, and which parts must be worked out again."""

    due: dict[str, list[Any]] = field(default_factory=dict)
    retention: dict[str, dict[str, int]] = field(default_factory=dict)
    confidential: list[int] = field(default_factory=lambda: [0, 0])  # drafts, finished
    older_drafts: dict[str, str] = field(default_factory=dict)  # id -> date
    open: dict[str, Doc] = field(default_factory=dict)
    bloom: Bloom = field(default_factory=lambda: Bloom(BLOOM_MIN_BITS))
    stale: set[str] = field(default_factory=set)  # "due", "actions", "all"
    changed: set[str] = field(default_factory=set)  # parts that may differ from their file
    written: dict[str, str] = field(default_factory=dict)  # SHA-256 of each part's body on disk
    # The "due soon" body as last worked out from ``open`` (valid while "actions" is not
    # in ``changed``: every change to ``open`` marks it, until the commit writes it).
    soon: Doc | None = None

    @classmethod
    def compute(cls, entries: list[Doc], home_drafts: set[str]) -> Facts:
        """Every fact from every index entry (``home_drafts``: the drafts "home" keeps)."""
        facts = cls()
        for entry in entries:
            facts._count(entry, 1)
            if entry["summary"]["status"] == "draft" and str(entry["id"]) not in home_drafts:
                facts.older_drafts[str(entry["id"])] = str(entry["summary"]["date"])
        facts.due = compute_due(entries)
        facts.open, facts.bloom = compute_actions(entries)
        return facts

    def recompute(self, entries: list[Doc], home_drafts: set[str]) -> None:
        """Work the stale parts out again from every index entry."""
        if "all" in self.stale:
            fresh = Facts.compute(entries, home_drafts)
            self.due, self.retention, self.confidential = (
                fresh.due,
                fresh.retention,
                fresh.confidential,
            )
            self.older_drafts, self.open, self.bloom = fresh.older_drafts, fresh.open, fresh.bloom
            self.changed.update(PARTS)
        if "due" in self.stale:
            self.due = compute_due(entries)
            self.changed.add("facts")
        if "actions" in self.stale:
            self.open, self.bloom = compute_actions(entries)
            self.changed.add("actions")
        self.stale.clear()

    def _count(self, entry: Doc, sign: int) -> None:
        summary = entry["summary"]
        key = retention_key(entry)
        day = str(summary["date"])
        dates = self.retention.setdefault(key, {})
        dates[day] = dates.get(day, 0) + sign
        if dates[day] <= 0:
            del dates[day]
        if not dates:
            del self.retention[key]
        if _confidential(entry):
            self.confidential[0 if summary["status"] == "draft" else 1] += sign

    # -- incremental

    def apply(
        self, old: Doc | None, new: Doc | None, entry_of: Callable[[str], Doc | None]
    ) -> None:
        """Follow one session's index entry from ``old`` to ``new`` (None: absent)."""
        if old is None or new is None or _counted(old) != _counted(new):
            if old is not None:
                self._count(old, -1)
            if new is not None:
                self._count(new, 1)
            self.changed.add("facts")
        self._apply_due(old, new)
        if "actions" not in self.stale:
            self._apply_actions(old, new, entry_of)
        if self.bloom.full:
            self.stale.add("actions")

    def _apply_due(self, old: Doc | None, new: Doc | None) -> None:
        if "due" in self.stale:
            return
        old_key = due_key(old) if old is not None else None
        new_key = due_key(new) if new is not None else None
        if old is not None and old_key is not None:
            current = self.due.get(old_key)
            if current is not None and current[2] == str(old["id"]):
                if new is not None and new_key == old_key and _rank(new) >= _rank(old):
                    self._set_due(old_key, new)
                    return
                self.stale.add("due")  # the newest went: which one is newest now is not known
                return
        if new is not None and new_key is not None:
            current = self.due.get(new_key)
            if current is None or _rank(new) > current[:3]:
                self._set_due(new_key, new)

    def _set_due(self, key: str, entry: Doc) -> None:
        value = [*_rank(entry), _confidential(entry)]
        if self.due.get(key) != value:
            self.due[key] = value
            self.changed.add("facts")

    def _apply_actions(
        self, old: Doc | None, new: Doc | None, entry_of: Callable[[str], Doc | None]
    ) -> None:
        sid = str((new or old or {})["id"])
        olds = {str(a["id"]): a for a in (old or {}).get("actions", [])}
        news = {str(a["id"]): a for a in (new or {}).get("actions", [])}
        rises = new is not None and (old is None or _rank(new) >= _rank(old))
        for aid in sorted(olds.keys() | news.keys()):
            held, holds = olds.get(aid), news.get(aid)
            current = self.open.get(aid)
            if current is not None and current["holder"] == sid:
                if holds is None or not rises:
                    self.stale.add("actions")  # the newest copy went back or away
                    return
                self._take(aid, holds, new, entry_of)
            elif current is not None:
                if holds is not None and new is not None and _newer(new, current, entry_of):
                    self._take(aid, holds, new, entry_of)
                elif not current["action"].get("created_in") and (held is None) != (holds is None):
                    self.stale.add("actions")  # its origin is its first holder, which moved
                    return
            elif held is not None:
                # Not open now: closed in its newest copy (this one or another's).
                if holds is None or not rises or _is_open(holds):
                    self.stale.add("actions")
                    return
            elif holds is not None:
                if aid in self.bloom:
                    if _is_open(holds):
                        self.stale.add("actions")  # another session may hold a newer copy
                        return
                elif _is_open(holds):
                    assert new is not None
                    self._take(aid, holds, new, entry_of)
            if holds is not None and aid not in self.bloom:
                self.bloom.add(aid)
                self.changed.add("actions")
        if old is None or new is None or _origin_part(old) != _origin_part(new):
            part = _origin_part(new)
            for doc in self.open.values():
                if doc["origin"] == sid and any(doc.get(k) != v for k, v in part.items()):
                    doc.update(part)
                    self.changed.add("actions")

    def _take(
        self, aid: str, action: Doc, entry: Doc | None, entry_of: Callable[[str], Doc | None]
    ) -> None:
        """``entry``'s copy of ``aid`` is now the current one."""
        assert entry is not None
        if not _is_open(action):
            if self.open.pop(aid, None) is not None:
                self.changed.add("actions")
            return
        origin = str(action.get("created_in") or "")
        if not origin:
            self.stale.add("actions")
            return
        found = entry if origin == str(entry["id"]) else entry_of(origin)
        doc = _open_doc(action, entry, origin, found)
        if self.open.get(aid) != doc:
            self.open[aid] = doc
            self.changed.add("actions")

    # -- stored form

    def bodies(self, parts: Iterable[str] = PARTS) -> dict[str, Doc]:
        wanted = set(parts)
        every = self._bodies()
        return {part: every[part]() for part in PARTS if part in wanted}

    def soon_now(self) -> Doc:
        if self.soon is None or "actions" in self.changed:
            self.soon = soon_body(self.open.values())
        return self.soon

    def _bodies(self) -> dict[str, Callable[[], Doc]]:
        return {
            "facts": lambda: {
                "shape": SHAPE,
                "due": dict(sorted(self.due.items())),
                "retention": {
                    k: dict(sorted(v.items())) for k, v in sorted(self.retention.items())
                },
                "confidential": list(self.confidential),
                "older_drafts": dict(sorted(self.older_drafts.items())),
                "soon": self.soon_now(),
            },
            "actions": lambda: {
                "shape": SHAPE,
                "open": dict(sorted(self.open.items())),
                "ids": self.bloom.to_json(),
            },
        }

    @classmethod
    def from_bodies(cls, bodies: Mapping[str, Doc]) -> Facts:
        """EarlierFacts, or ValueError/KeyError/TypeError, if a body is not what ``bodies`` made."""
        small, acts = bodies["facts"], bodies["actions"]
        if small.get("shape") != SHAPE or acts.get("shape") != SHAPE:
            raise EarlierFacts("the facts were written by an earlier version")
        facts = cls(
            due={str(k): list(v) for k, v in dict(small["due"]).items()},
            retention={
                str(k): {str(d): int(n) for d, n in dict(v).items()}
                for k, v in dict(small["retention"]).items()
            },
            confidential=[int(n) for n in small["confidential"]],
            older_drafts={str(k): str(v) for k, v in dict(small["older_drafts"]).items()},
            open={str(k): dict(v) for k, v in dict(acts["open"]).items()},
            bloom=Bloom.from_json(dict(acts["ids"])),
            soon=dict(small["soon"]),
        )
        home_view(small)  # the same checks as home's
        for aid, doc in facts.open.items():
            action = doc["action"]
            if action.get("id") != aid or not isinstance(doc["holder"], str):
                raise ValueError(f"the open action {aid!r} is not readable")
            if not isinstance(action.get("due") or "", str) or not isinstance(doc["date"], str):
                raise ValueError(f"the open action {aid!r} is not readable")
        return facts

    def view(self) -> HomeFacts:
        """The typed view home reads (raises ValueError/KeyError on a bad value)."""
        return home_view(self.bodies(["facts"])["facts"])

    def open_actions(self) -> list[OpenAction]:
        """Every open action the writer keeps, typed, by id (read by tests)."""
        from reflect_tui.domain.answers import ActionItem

        return [
            OpenAction(
                action=ActionItem.from_json(dict(doc["action"])),
                session_id=str(doc["holder"]),
                origin_id=str(doc["origin"]),
                origin_confidential=bool(doc["origin_confidential"]),
            )
            for _, doc in sorted(self.open.items())
        ]
