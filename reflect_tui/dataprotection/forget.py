"""Forgetting a person: their name goes from the roster and is replaced everywhere else.

``plan(store, name)`` says what would change (the preview); ``forget(store,
name)`` does it. The roster entry is removed (and anyone whose line manager
they were loses that line); in every session, live or in the bin, the name is
replaced by a neutral label wherever it is held: subject, facilitator,
attendees and apologies, action owners, people fields, and mentions of the full
name in any answer, note, carried action or earlier version. The same change is
made to every backup, every file ``reflect restore`` set aside, every autosave
journal and the store's settings (the do-not-share list); minutes files in the
minutes folder are written again from the changed records, and subject-access
bundles made for the person are removed. The audit log records that a person
was forgotten, by roster id only (it never held the name).

Sessions stay (they may be about other people too); to erase a session they
were the subject of, delete it with ``--purge`` as well.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reflect_tui.domain.people import Person
from reflect_tui.errors import UserError
from reflect_tui.followup.people import name_key
from reflect_tui.store import Store, erasure, schema
from reflect_tui.store.actions import raw_actions, rebuild_actions
from reflect_tui.store.erasure import PurgeReport
from reflect_tui.store.files import remove_durably

LABEL = "(name removed)"
_KEEP_META = frozenset({schema.SCHEMA_KEY, "journal_folded", erasure.ERASED_KEY})


@dataclass
class SessionChange:
    id: str
    title: str
    date: str
    roles: list[str]
    in_bin: bool = False

    def line(self) -> str:
        where = " (in the bin)" if self.in_bin else ""
        return f"“{self.title or 'Untitled'}” ({self.date}){where}: {', '.join(self.roles)}"


@dataclass
class ForgetPlan:
    name: str
    roster: list[Person] = field(default_factory=list)
    managed: list[str] = field(default_factory=list)
    sessions: list[SessionChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.roster or self.managed or self.sessions)

    def lines(self, limit: int | None = None) -> list[str]:
        out: list[str] = []
        for p in self.roster:
            extra = ", ".join(x for x in (p.role, p.team) if x)
            out.append(f"Roster: remove {p.name}{f' ({extra})' if extra else ''}.")
        if self.managed:
            out.append(
                f"Roster: {len(self.managed)} person(s) lose them as line manager: "
                f"{', '.join(self.managed)}."
            )
        shown = self.sessions if limit is None else self.sessions[:limit]
        if self.sessions:
            out.append(f"{len(self.sessions)} session(s): the name becomes “{LABEL}”:")
            out.extend(f"  {s.line()}" for s in shown)
            if len(shown) < len(self.sessions):
                out.append(f"  … and {len(self.sessions) - len(shown)} more")
        return out


def _pattern(name: str) -> re.Pattern[str]:
    words = name.split()
    return re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.I)


class _Replacer:
    def __init__(self, name: str, label: str) -> None:
        self.key = name_key(name)
        self.pattern = _pattern(name)
        self.label = label

    def text(self, value: str) -> str:
        if name_key(value) == self.key:
            return self.label
        return self.pattern.sub(self.label, value)

    def walk(self, value: Any) -> tuple[Any, int]:
        """A copy of ``value`` with the name replaced in every string, and how many changed."""
        if isinstance(value, str):
            new = self.text(value)
            return new, int(new != value)
        if isinstance(value, list):
            count = 0
            items = []
            for item in value:
                new_item, n = self.walk(item)
                items.append(new_item)
                count += n
            return items, count
        if isinstance(value, dict):
            count = 0
            out = {}
            for k, v in value.items():
                if k == "template":  # the template snapshot names no one
                    out[k] = v
                    continue
                out[k], n = self.walk(v)
                count += n
            return out, count
        return value, 0

    def record(self, record: dict[str, Any]) -> bool:
        new, count = self.walk(record)
        if count:
            record.clear()
            record.update(new)
        return bool(count)

    def tables(self, tables: schema.Tables) -> None:
        for doc in tables.get("sessions", {}).values():
            self.record(doc)
        for doc in tables.get(erasure.BIN_TABLE, {}).values():
            if isinstance(doc.get("session"), dict):
                self.record(doc["session"])
        people = tables.setdefault("people", {})
        for key in [k for k, p in people.items() if name_key(str(p.get("name", ""))) == self.key]:
            del people[key]
        for p in people.values():
            if name_key(str(p.get("line_manager", ""))) == self.key:
                p["line_manager"] = ""
        for doc in tables.get("meta", {}).values():
            if doc.get("key") not in _KEEP_META and "value" in doc:
                value, n = self.walk(doc["value"])
                if n:
                    doc["value"] = value
        tables["actions"] = rebuild_actions(tables.get("sessions", {}))


def _roles(record: dict[str, Any], key: str, replacer: _Replacer) -> list[str]:
    roles: list[str] = []
    if name_key(str(record.get("subject", ""))) == key:
        roles.append("subject")
    if name_key(str(record.get("facilitator", ""))) == key:
        roles.append("facilitator")
    if any(name_key(str(p)) == key for p in record.get("participants", [])):
        roles.append("took part")
    if any(name_key(str(p)) == key for p in record.get("apologies", [])):
        roles.append("sent apologies")
    owners = [a for a in raw_actions(record) if name_key(str(a.get("owner", ""))) == key]
    if owners:
        roles.append(f"owns {len(owners)} action(s)")
    header = ("subject", "facilitator", "participants", "apologies")
    _, count = replacer.walk({k: v for k, v in record.items() if k not in header})
    mentions = count - len(owners)  # the owners were counted in the answers too
    if mentions > 0:
        roles.append(f"named in {mentions} answer(s) or note(s)")
    return roles


def plan(store: Store, name: str) -> ForgetPlan:
    """What forgetting ``name`` would change (nothing is changed)."""
    if not name.strip():
        raise UserError("Give the person's name as it is on the roster or in the sessions.")
    key = name_key(name)
    replacer = _Replacer(name, LABEL)
    people = store.people()
    result = ForgetPlan(name=" ".join(name.split()))
    result.roster = [p for p in people if name_key(p.name) == key]
    result.managed = [p.name for p in people if name_key(p.line_manager) == key]
    binned = erasure.binned_ids(store)
    for record in erasure.records(store):
        roles = _roles(record, key, replacer)
        if roles:
            result.sessions.append(
                SessionChange(
                    id=str(record["id"]),
                    title=str(record.get("title", "")),
                    date=str(record.get("date", "")),
                    roles=roles,
                    in_bin=str(record["id"]) in binned,
                )
            )
    result.sessions.sort(key=lambda s: (s.date, s.id))
    return result


def forget(store: Store, name: str, *, label: str = LABEL) -> PurgeReport:
    """Remove ``name`` from the roster and replace it everywhere else (see the module doc)."""
    from reflect_tui.dataprotection.erase import rewrite_minutes_of

    preview = plan(store, name)
    if preview.empty:
        raise UserError(
            f"Nobody called {name!r} is on the roster or named in any session; nothing changed."
        )
    replacer = _Replacer(name, label)
    report = erasure.rewrite_everywhere(store, replacer.tables, replacer.record)
    rewrite_minutes_of(store, report.changed_sessions, report)
    for path in subject_access_files(store, name):
        remove_durably(path)
        report.removed.append(path)
    ids: list[str | None] = [p.id for p in preview.roster] or [None]
    for pid in ids:
        store.audit("person-forget", pid, f"sessions={len(preview.sessions)}")
    return report


def subject_access_files(store: Store, name: str) -> list[Path]:
    """Subject-access bundles made for ``name`` in the app's export folder."""
    from reflect_tui.dataprotection.subject_access import bundle_stem

    folder = store.minutes_dir
    if not folder.is_dir():
        return []
    stem = bundle_stem(name)
    return sorted(p for p in folder.iterdir() if p.is_file() and p.stem == stem)
