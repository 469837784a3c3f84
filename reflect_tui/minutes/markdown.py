"""Session -> Markdown minutes: YAML front matter, then a readable record.

Layout: title, (confidentiality banner), (draft note), a short header with the
people present, then one ``##`` section per step that has exportable fields:
each field under its label, in the form that suits it (paragraphs, bullet
lists with themes, checklist answers, risk and action tables). Then the
follow-up of earlier actions, if any, and ``## Next session`` when the date is
set in the header (or the template has no next-session field of its own).
All user text goes through ``escape`` so it cannot change that structure.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reflect_tui.domain import answers, risk
from reflect_tui.domain.answers import ActionItem, Value
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Field, FieldKind, SessionKind, Step
from reflect_tui.minutes import escape, formatting, rules
from reflect_tui.minutes.followup import follow_up_blocks
from reflect_tui.minutes.signoff import sign_off_blocks
from reflect_tui.minutes.votes import vote_blocks

NOTHING = "*Nothing recorded.*"
NEXT_TITLE = "Next session"
NEXT_FIELD_ID = "next-session"

FrontMatter = dict[str, str | date | list[str] | dict[str, str]]
LANG = "en-GB"  # the language reflect writes its minutes in
NAMESPACE = "reflect"  # front-matter keys that only reflect reads, out of other tools' way


@dataclass(frozen=True)
class Document:
    """Minutes split the way the HTML export needs them."""

    front_matter: FrontMatter
    body: str
    # Positions (0-based, among the ``##`` headings) of the sections that start a
    # new printed page: steps with a risk register or actions.
    major_sections: frozenset[int] = frozenset()

    def markdown(self) -> str:
        return f"---\n{yaml_block(self.front_matter)}---\n\n{self.body}"


def render_markdown(session: Session, *, confirmed_confidential: bool = False) -> str:
    """The session's minutes as Markdown with YAML front matter.

    Raises ``ConfidentialExportRefused`` for a confidential session unless
    ``confirmed_confidential`` is set.
    """
    return build_document(session, confirmed_confidential=confirmed_confidential).markdown()


def build_document(session: Session, *, confirmed_confidential: bool = False) -> Document:
    rules.ensure_export_allowed(session, confirmed_confidential=confirmed_confidential)
    blocks: list[str] = [f"# {escape.heading(session.title) or 'Untitled session'}"]
    if session.is_confidential:
        blocks.append(f"> **{escape.inline(rules.BANNER)}**")
    if not session.is_complete:
        blocks.append("*Draft: this session was not finished when these minutes were made.*")
    blocks.append(_summary_line(session))
    people = _people(session)
    if people:
        blocks.append("\n".join(people))
    major: set[int] = set()
    for n, (step, fields) in enumerate(rules.exportable_steps(session)):
        if any(f.kind in (FieldKind.ACTIONS, FieldKind.RISKS) for f in fields):
            major.add(n)
        blocks.extend(_step(session, step, fields))
    blocks.extend(follow_up_blocks(session))  # carried actions and later outcomes
    blocks.extend(sign_off_blocks(session))  # "agreed by" on a supervision record
    next_field = session.template.field_by_id(NEXT_FIELD_ID)
    shown_in_step = next_field is not None and rules.exportable(next_field)
    if session.next_session or not (
        shown_in_step or session.template.kind is SessionKind.INDIVIDUAL
    ):
        blocks.append(f"## {NEXT_TITLE}")
        blocks.append(escape.inline(formatting.when(session.next_session)) or "*Not arranged.*")
    return Document(front_matter(session), "\n\n".join(blocks) + "\n", frozenset(major))


def next_session(session: Session) -> str:
    """The session header's next date, else an exportable ``next-session`` date field."""
    if session.next_session:
        return session.next_session
    f = session.template.field_by_id(NEXT_FIELD_ID)
    if f is not None and rules.exportable(f) and f.kind is FieldKind.DATETIME:
        return str(session.answers.get(f.id) or "")
    return ""


def front_matter(session: Session) -> FrontMatter:
    """What the YAML header holds (also shown as the HTML page's header block).

    ``title`` and ``author`` are Markdown (pandoc renders them), so hostile text
    in them is escaped; the exact title is ``reflect.title``. The person a
    session is for is ``reflect.person``, never ``subject``: pandoc copies
    ``subject`` into a Word file's hidden properties. See docs/minutes.md.
    """
    start = session.started_at
    end = session.finished_at
    author = escape.pandoc_inline(session.facilitator)
    return {
        "title": escape.pandoc_inline(session.title),
        "author": [author] if author else [],
        "lang": LANG,
        "template": session.template.id,
        "template_title": session.template.title,
        "template_version": session.template.version,
        "date": session.date,
        "start": formatting.clock_time(start) if start and start.date() == session.date else "",
        "end": formatting.clock_time(end) if end and start and end.date() == start.date() else "",
        "facilitator": session.facilitator,
        "attendees": _names(session.participants),
        "apologies": _names(session.apologies),
        "team": session.team,
        "confidentiality": session.confidentiality.value,
        "status": session.status.value,
        "themes": rules.exportable_themes(session),
        "tags": _tags(rules.exportable_themes(session)),
        "next_session": next_session(session),
        "session": session.id,
        NAMESPACE: {"title": session.title, "person": session.subject},
    }


def _tags(themes: list[str]) -> list[str]:
    """Themes that are safe as tags, spaces as hyphens, each once."""
    found = (escape.tag(t) for t in themes)
    return list(dict.fromkeys(t for t in found if t))


def yaml_block(data: FrontMatter) -> str:
    """YAML for the front matter. Strings are always double-quoted, dates are plain ISO dates."""
    out: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict):
            out.append(f"{key}:")
            out.extend(f"  {k}: {escape.yaml_string(v)}" for k, v in value.items())
        elif isinstance(value, list):
            if not value:
                out.append(f"{key}: []")
            else:
                out.append(f"{key}:")
                out.extend(f"  - {escape.yaml_string(v)}" for v in value)
        elif isinstance(value, date):
            out.append(f"{key}: {value.isoformat()}")
        else:
            out.append(f"{key}: {escape.yaml_string(value)}")
    return "\n".join(out) + "\n"


def _summary_line(session: Session) -> str:
    when = formatting.long_date(session.date)
    fm = front_matter(session)
    if fm["start"]:
        when += f", {fm['start']}"
        if fm["end"]:
            when += f"–{fm['end']}"
    return f"**{escape.inline(session.template.title)}** · {when}"


def _people(session: Session) -> list[str]:
    rows = [
        ("Facilitator", [session.facilitator] if session.facilitator else []),
        ("Present", _names(session.participants)),
        ("Apologies", _names(session.apologies)),
        ("Team", [session.team] if session.team else []),
        ("For", [session.subject] if session.subject else []),
    ]
    return [
        f"- **{label}:** {', '.join(escape.inline(n) for n in names)}"
        for label, names in rows
        if names
    ]


def _names(names: list[str]) -> list[str]:
    return [n for n in names if n.strip()]


def _step(session: Session, step: Step, fields: list[Field]) -> list[str]:
    blocks = [f"## {escape.heading(step.title)}"]
    for f in fields:
        if f.label.strip().casefold() != step.title.strip().casefold():
            blocks.append(f"### {escape.heading(f.label)}")
        blocks.append(render_value(f, session.answers.get(f.id)))
        blocks.extend(vote_blocks(session, f))  # dot votes taken in the room (counts only)
    return blocks


def render_value(f: Field, value: Value) -> str:
    """One field's answer as a Markdown block ("Nothing recorded." when empty)."""
    if value in (None, "", []):
        return NOTHING
    return _RENDERERS[f.kind](f, value) or NOTHING


def _text(_f: Field, value: Value) -> str:
    return "\n\n".join(escape.paragraphs(answers.text_of(value)))


def _list(_f: Field, value: Value) -> str:
    out = []
    for item in answers.list_items(value):
        text = escape.list_item(item.text)
        if not text:
            continue
        if item.themes:
            text += f" *(themes: {escape.inline(', '.join(item.themes))})*"
        out.append(f"- {text}")
    return "\n".join(out)


def _actions(_f: Field, value: Value) -> str:
    return actions_table(answers.action_items(value))


def _rating(f: Field, value: Value) -> str:
    return formatting.rating(answers.rating_of(value), f.scale)


def _checklist(_f: Field, value: Value) -> str:
    out = []
    for e in answers.checklist_entries(value):
        line = f"- {escape.inline(e.item)}: **{formatting.answer(e.answer)}**"
        note = escape.list_item(e.note)
        if note:
            line += f" — {note}"
        out.append(line)
    return "\n".join(out)


def _risks(_f: Field, value: Value) -> str:
    rows = answers.risk_rows(value)
    if not rows:
        return ""
    table = [
        "| Hazard | Likelihood × severity | Score | Band | Controls | After controls |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        ls = f"{formatting.score(r.likelihood)} × {formatting.score(r.severity)}"
        residual = (
            f"{formatting.score(r.residual_score)} ({formatting.band(r.residual_band)})"
            if r.residual_likelihood is not None or r.residual_severity is not None
            else "Not rated"
        )
        cells = [
            escape.cell(r.hazard) or "(no hazard named)",
            ls,
            formatting.score(r.score),
            formatting.band(r.band),
            escape.cell(r.controls) or "None recorded",
            residual,
        ]
        table.append("| " + " | ".join(cells) + " |")
    top = risk.highest([r.band for r in rows])
    summary = f"Highest band before controls: **{formatting.band(top)}**." if top else ""
    return "\n".join(table) + ("\n\n" + summary if summary else "")


def _choice(_f: Field, value: Value) -> str:
    return escape.inline(answers.choice_of(value) or "")


def _datetime(_f: Field, value: Value) -> str:
    return escape.inline(formatting.when(answers.text_of(value)))


def _people_value(_f: Field, value: Value) -> str:
    return ", ".join(escape.inline(p) for p in answers.people_of(value) if p.strip())


_RENDERERS: dict[FieldKind, Callable[[Field, Value], str]] = {
    FieldKind.TEXT: _text,
    FieldKind.LIST: _list,
    FieldKind.ACTIONS: _actions,
    FieldKind.RATING: _rating,
    FieldKind.CHECKLIST: _checklist,
    FieldKind.RISKS: _risks,
    FieldKind.CHOICE: _choice,
    FieldKind.DATETIME: _datetime,
    FieldKind.PEOPLE: _people_value,
}


def actions_table(actions: list[ActionItem]) -> str:
    """The actions table (what, owner, due, status; notes only when any action has one)."""
    if not actions:
        return ""
    with_notes = any(a.note.strip() for a in actions)
    header = ["Action", "Owner", "Due", "Status"] + (["Notes"] if with_notes else [])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for a in actions:
        cells = [
            escape.cell(a.what) or "(no description)",
            escape.cell(a.owner) or "Unassigned",
            formatting.long_date(a.due) if a.due else "No date",
            a.status.value.capitalize(),
        ]
        if with_notes:
            cells.append(escape.cell(a.note))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)
