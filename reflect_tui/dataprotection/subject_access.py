"""Subject-access export: everything the store holds about one person, in one bundle.

``gather(store, name)`` collects it; ``write_bundle(bundle, folder)`` writes
``subject-access-<name>.md``, ``.html`` and ``.json`` (owner-only, never over an
existing file unless ``force``). What goes in:

- the roster entry, and whose line manager they are;
- sessions they were the **subject** of (supervisee, decompression, visiting
  worker): every field, private fields included and labelled as private;
- **team** sessions they took part in (attended, sent apologies or
  facilitated): the shared record (private fields are about the team and left
  out, as in minutes);
- other sessions they facilitated or attended (someone else's one-to-one): the
  fact only (date, kind, role), as the content is about that other person;
- actions they own, from any session; their wellbeing ratings over time;
- any other answer or note that names them (the passage itself).

The bundle is plain text on purpose (the person asked for it): it says so at
the top, and the export is written to the audit log (by roster id, never name).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from reflect_tui.domain import stored
from reflect_tui.domain.answers import ActionItem
from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import SessionKind
from reflect_tui.errors import UserError
from reflect_tui.followup import wellbeing
from reflect_tui.followup.people import name_key
from reflect_tui.minutes import escape
from reflect_tui.minutes.markdown import actions_table, render_value
from reflect_tui.minutes.naming import slug
from reflect_tui.store import Store

PLAIN_NOTE = (
    "This file is not encrypted and holds personal data: keep it safe, share it only with "
    "the person it is about, and delete it when it has been handed over."
)


def bundle_stem(name: str) -> str:
    return f"subject-access-{slug(name) or 'person'}"


@dataclass
class Mention:
    session_id: str
    title: str
    date: str
    where: str
    text: str


@dataclass
class Bundle:
    name: str
    generated: datetime
    roster: list[Person] = field(default_factory=list)
    manages: list[str] = field(default_factory=list)
    subject_of: list[Session] = field(default_factory=list)
    team_sessions: list[tuple[Session, list[str]]] = field(default_factory=list)
    other_roles: list[tuple[Session, list[str]]] = field(default_factory=list)
    actions: list[tuple[ActionItem, Session]] = field(default_factory=list)
    ratings: list[wellbeing.WellbeingPoint] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.roster
            or self.subject_of
            or self.team_sessions
            or self.other_roles
            or self.actions
            or self.mentions
        )


def _roles(session: Session, key: str) -> list[str]:
    roles = []
    if name_key(session.facilitator) == key:
        roles.append("facilitated")
    if any(name_key(p) == key for p in session.participants):
        roles.append("took part")
    if any(name_key(p) == key for p in session.apologies):
        roles.append("sent apologies")
    return roles


def _strings(value: Any, where: str) -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(where, value)]
    if isinstance(value, list):
        return [x for v in value for x in _strings(v, where)]
    if isinstance(value, dict):
        return [x for k, v in value.items() for x in _strings(v, where) if k != "id"]
    return []


def gather(store: Store, name: str) -> Bundle:
    """Everything held about ``name`` (matched like the roster: case and spaces ignored)."""
    key = name_key(name)
    if not key:
        raise UserError("Give the person's name as it is on the roster or in the sessions.")
    from reflect_tui.dataprotection.forget import _pattern

    pattern = _pattern(name)
    people = store.people()
    bundle = Bundle(name=" ".join(name.split()), generated=store.clock.now())
    bundle.roster = [p for p in people if name_key(p.name) == key]
    bundle.manages = [p.name for p in people if name_key(p.line_manager) == key]
    for session in store.iter_sessions():
        for action in session.actions():
            if name_key(action.owner) == key:
                bundle.actions.append((action, session))
        if name_key(session.subject) == key:
            bundle.subject_of.append(session)
            continue
        roles = _roles(session, key)
        if roles and session.template.kind is SessionKind.TEAM:
            bundle.team_sessions.append((session, roles))
        elif roles:
            bundle.other_roles.append((session, roles))
        if session.template.kind is SessionKind.TEAM and roles:
            continue  # the whole shared record is in already
        for f in session.template.all_fields():
            for where, text in _strings(session.answers.get(f.id), f.label):
                if pattern.search(text):
                    bundle.mentions.append(
                        Mention(session.id, session.title, str(session.date), where, text)
                    )
    # One action carried through several sessions is one action: keep its latest copy.
    latest: dict[str, tuple[ActionItem, Session]] = {}
    for action, session in bundle.actions:
        if action.id not in latest or session.date >= latest[action.id][1].date:
            latest[action.id] = (action, session)
    bundle.actions = sorted(latest.values(), key=lambda pair: (pair[1].date, pair[0].what))
    bundle.ratings = wellbeing.trend(store, name)
    for group in (bundle.subject_of,):
        group.sort(key=lambda s: (s.date, s.id))
    bundle.team_sessions.sort(key=lambda pair: (pair[0].date, pair[0].id))
    bundle.other_roles.sort(key=lambda pair: (pair[0].date, pair[0].id))
    return bundle


# ------------------------------------------------------------------ Markdown


def _session_heading(s: Session) -> str:
    title, kind = escape.heading(s.title or "Untitled"), escape.heading(s.template.title)
    return f"### {title} — {kind}, {s.date}"


def _header(s: Session) -> list[str]:
    rows = [
        ("Facilitator", s.facilitator),
        ("Attended", ", ".join(s.participants)),
        ("Apologies", ", ".join(s.apologies)),
        ("Team", s.team),
        ("Subject", s.subject),
        ("Confidentiality", s.confidentiality.value),
        ("Status", s.status.value),
        ("Record id", s.id),
    ]
    return [f"- **{label}:** {escape.inline(value)}" for label, value in rows if value]


def _fields(s: Session, *, private: bool) -> list[str]:
    out: list[str] = []
    for step in s.template.steps:
        for f in step.fields:
            if f.private and not private:
                continue
            label = f"{step.title} — {f.label}" if f.label != step.title else f.label
            mark = " *(private field)*" if f.private else ""
            out.append(f"#### {escape.heading(label)}{mark}")
            out.append(render_value(f, s.answers.get(f.id)))
    return out


def render_markdown(bundle: Bundle) -> str:
    b = bundle
    out = [
        f"# Everything held about {escape.heading(b.name)}",
        f"Made by reflect on {b.generated:%Y-%m-%d %H:%M}. {PLAIN_NOTE}",
        "## Roster entry",
    ]
    if b.roster:
        for p in b.roster:
            facts = [
                ("Name", p.name),
                ("Role", p.role),
                ("Team", p.team),
                ("Line manager", p.line_manager),
                ("Facilitates sessions", "yes" if p.facilitator else ""),
            ]
            out.append("\n".join(f"- **{k}:** {escape.inline(v)}" for k, v in facts if v))
    else:
        out.append("Not on the roster.")
    if b.manages:
        out.append(f"Line manager of: {escape.inline(', '.join(b.manages))}.")
    out.append(f"## Sessions about them ({len(b.subject_of)})")
    if not b.subject_of:
        out.append("None.")
    for s in b.subject_of:
        out += [_session_heading(s), "\n".join(_header(s)), *_fields(s, private=True)]
    out.append(f"## Team sessions they were part of ({len(b.team_sessions)})")
    if not b.team_sessions:
        out.append("None.")
    for s, roles in b.team_sessions:
        out += [
            _session_heading(s),
            f"They {escape.inline(', '.join(roles))}.",
            "\n".join(_header(s)),
            *_fields(s, private=False),
        ]
    out.append(f"## Other sessions they had a part in ({len(b.other_roles)})")
    if b.other_roles:
        out.append(
            "These sessions are about someone else; only the fact of their part in them "
            "is given here."
        )
        out.append(
            "\n".join(
                f"- {s.date}: {escape.inline(s.template.title)} — they "
                f"{escape.inline(', '.join(roles))}"
                for s, roles in b.other_roles
            )
        )
    else:
        out.append("None.")
    out.append(f"## Actions they own ({len(b.actions)})")
    if b.actions:
        out.append(actions_table([a for a, _ in b.actions]))
        out.append(
            "\n".join(
                f"- {escape.inline(a.what)}: from “{escape.inline(s.title)}” ({s.date})"
                for a, s in b.actions
            )
        )
    else:
        out.append("None.")
    out.append(f"## Wellbeing ratings ({len(b.ratings)})")
    if b.ratings:
        out.append(
            "\n".join(
                f"- {p.day}: {p.rating} of {p.maximum} ({escape.inline(p.template_title)})"
                for p in b.ratings
            )
        )
    else:
        out.append("None.")
    out.append(f"## Other places their name appears ({len(b.mentions)})")
    if b.mentions:
        for m in b.mentions:
            out.append(
                f"- “{escape.inline(m.title)}” ({m.date}), {escape.inline(m.where)}: "
                f"{escape.inline(m.text)}"
            )
    else:
        out.append("None.")
    return "\n\n".join(out) + "\n"


def render_html(bundle: Bundle) -> str:
    from reflect_tui.minutes.html import CSS, body_html, page

    return page(f"Everything held about {bundle.name}", body_html(render_markdown(bundle)), CSS)


def to_json(bundle: Bundle) -> dict[str, Any]:
    def record(s: Session) -> dict[str, Any]:
        data = dict(s.to_dict())
        data.pop("template")
        # The export keeps its own shape: follow-through under "extra", no format marker.
        data.pop(stored.FORMAT_KEY, None)
        data["extra"] = {k: data.pop(k) for k in stored.FOLLOW_THROUGH_KEYS if k in data}
        data["template"] = {"id": s.template.id, "title": s.template.title}
        data["private_fields"] = [f.id for f in s.template.all_fields() if f.private]
        return data

    def shared(s: Session) -> dict[str, Any]:
        data = record(s)
        private = set(data.pop("private_fields"))
        data["answers"] = {k: v for k, v in data["answers"].items() if k not in private}
        data.pop("extra", None)
        return data

    return {
        "person": bundle.name,
        "generated": bundle.generated.isoformat(timespec="seconds"),
        "note": PLAIN_NOTE,
        "roster": [p.to_json() for p in bundle.roster],
        "line_manager_of": bundle.manages,
        "sessions_about_them": [record(s) for s in bundle.subject_of],
        "team_sessions": [{"roles": r, "session": shared(s)} for s, r in bundle.team_sessions],
        "other_sessions": [
            {"roles": r, "id": s.id, "date": s.date.isoformat(), "template": s.template.title}
            for s, r in bundle.other_roles
        ],
        "actions": [
            {**a.to_json(), "session": s.id, "session_title": s.title} for a, s in bundle.actions
        ],
        "wellbeing": [
            {
                "date": p.day.isoformat(),
                "rating": p.rating,
                "of": p.maximum,
                "session": p.session_id,
            }
            for p in bundle.ratings
        ],
        "mentions": [m.__dict__ for m in bundle.mentions],
    }


def write_bundle(bundle: Bundle, folder: Path, *, force: bool = False) -> list[Path]:
    """Write the .md, .html and .json files; returns their paths."""
    from reflect_tui.minutes.files import ExportExists, write_private_file

    folder = Path(folder).expanduser()
    if not folder.is_dir():
        try:
            folder.mkdir(mode=0o700, parents=True)
        except OSError as err:
            raise UserError(f"Cannot create the folder {folder}: {err.strerror or err}.") from err
    stem = bundle_stem(bundle.name)
    texts = {
        ".md": render_markdown(bundle),
        ".html": render_html(bundle),
        ".json": json.dumps(to_json(bundle), indent=2, ensure_ascii=False) + "\n",
    }
    paths = [folder / f"{stem}{ext}" for ext in texts]
    if not force:
        for path in paths:
            if path.exists():
                raise ExportExists(path)
    for path, text in zip(paths, texts.values(), strict=True):
        write_private_file(path, text, force=force)
    return paths


def export(store: Store, name: str, folder: Path, *, force: bool = False) -> list[Path]:
    bundle = gather(store, name)
    if bundle.empty:
        raise UserError(
            f"Nothing is held about {name!r}: no roster entry and no session names them."
        )
    paths = write_bundle(bundle, folder, force=force)
    ids: list[str | None] = [p.id for p in bundle.roster] or [None]
    for pid in ids:
        store.audit(
            "person-export", pid, f"sessions={len(bundle.subject_of) + len(bundle.team_sessions)}"
        )
    return paths
