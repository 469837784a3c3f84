"""The one-page visit card from a pre-visit risk analysis.

It is for the colleague who holds the check-in, so it carries only what they
need: who is visiting whom, where, when, the check-in times, what to do and
whom to call when a check-in is missed, the code word, the exit plan, the time
limit, the decision and the key controls from the risk register. Nothing else
from the analysis (no hazards, scores, notes or reflections) is on it.

A template has a card when it has the visit fields (ids below); the built-in
``pre-visit-risk`` template does. Private fields stay off the card as well.
"""

from __future__ import annotations

from typing import Literal

from reflect_tui.domain import answers
from reflect_tui.domain.answers import RiskRow, Value
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Field, FieldKind
from reflect_tui.errors import UserError
from reflect_tui.minutes import escape, formatting, html, markdown, rules

# (section, [(field id, label on the card)])
CARD_SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Where and when",
        (
            ("visit-who", "Visiting"),
            ("visit-where", "Where"),
            ("visit-when", "Arrival"),
            ("expected-finish", "Expected finish"),
            ("time-limit", "Time limit"),
        ),
    ),
    (
        "Check-ins",
        (
            ("checkin-times", "Check-in times"),
            ("who-knows", "Who knows where the worker is"),
            ("missed-checkin", "If a check-in is missed"),
            ("escalation", "Whom to call"),
            ("code-word", "Code word"),
        ),
    ),
    ("Safety", (("exit-plan", "Exit plan"), ("decision", "Decision"))),
)
CARD_FIELD_IDS = frozenset(fid for _, rows in CARD_SECTIONS for fid, _ in rows)
# A template needs these to have a card at all.
REQUIRED_FOR_CARD = ("visit-where", "missed-checkin")
NOT_SET = "*Not set*"

CARD_CSS = """
body { font-family: "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  font-size: 12pt; line-height: 1.4; max-width: 40rem; margin: 1.5rem auto; padding: 0 1rem;
  color: #111; overflow-wrap: anywhere; }
h1 { font-size: 1.5em; margin: 0 0 0.3em; }
h2 { font-size: 1.1em; margin: 1em 0 0.3em; border-bottom: 1px solid #999; }
ul { margin: 0.2em 0; padding-left: 1.2em; }
li { margin: 0.15em 0; }
blockquote { margin: 0.6em 0; padding: 0.4em 0.7em; border: 2px solid #b00020; }
@page { size: A4; margin: 14mm; }
@media print { body { max-width: none; margin: 0; padding: 0; }
  h2, li { break-inside: avoid; page-break-inside: avoid; } }
"""


class NoVisitCard(UserError):
    def __init__(self, session: Session) -> None:
        super().__init__(
            f"session {session.id} uses the template {session.template.id!r}, which has no visit "
            "card: cards come from a pre-visit risk analysis (fields "
            + ", ".join(REQUIRED_FOR_CARD)
            + "). Export the minutes instead (leave out --card)."
        )


def has_visit_card(session: Session) -> bool:
    return all(session.template.field_by_id(fid) is not None for fid in REQUIRED_FOR_CARD)


def render_visit_card(
    session: Session,
    *,
    fmt: Literal["md", "html"] = "md",
    confirmed_confidential: bool = False,
) -> str:
    """The visit card as Markdown (with a small front matter) or a one-page HTML file."""
    rules.ensure_export_allowed(session, confirmed_confidential=confirmed_confidential)
    if not has_visit_card(session):
        raise NoVisitCard(session)
    body = card_body(session)
    if fmt == "html":
        title = f"Visit card — {escape.one_line(session.title) or 'visit'}"
        return html.page(title, html.body_html(body), CARD_CSS)
    if fmt != "md":
        raise UserError(f"unknown card format {fmt!r}: use md or html")
    front: markdown.FrontMatter = {
        "title": escape.pandoc_inline(session.title),  # Markdown, as pandoc reads it
        "lang": markdown.LANG,
        "document": "visit card",
        "template": session.template.id,
        "template_version": session.template.version,
        "date": session.date,
        "confidentiality": session.confidentiality.value,
        "session": session.id,
        markdown.NAMESPACE: {"title": session.title, "worker": session.subject},
    }
    return f"---\n{markdown.yaml_block(front)}---\n\n{body}"


def card_fields(session: Session) -> list[Field]:
    """The exportable fields the card shows (visit fields and risk registers)."""
    out: list[Field] = []
    for _step, fields in rules.exportable_steps(session):
        out.extend(f for f in fields if f.id in CARD_FIELD_IDS or f.kind is FieldKind.RISKS)
    return out


def card_body(session: Session) -> str:
    shown = {f.id: f for f in card_fields(session)}
    title = escape.heading(session.title) or "Visit"
    blocks = [f"# Visit card: {title}"]
    if session.is_confidential:
        blocks.append(f"> **{escape.inline(rules.BANNER)}**")
    who = escape.inline(session.subject) or "*worker not named*"
    blocks.append(f"**Worker:** {who} · planned on {formatting.long_date(session.date)}")
    for section, rows in CARD_SECTIONS:
        lines = []
        for fid, label in rows:
            f = shown.get(fid)
            if f is not None:
                lines.append(f"- **{label}:** {_value(f, session.answers.get(fid))}")
        if section == "Safety":
            lines.append("- **Key controls:**" + _controls(session, shown))
        if lines:
            blocks.append(f"## {section}")
            blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def _value(f: Field, value: Value) -> str:
    if value in (None, "", []):
        return NOT_SET
    if f.kind is FieldKind.DATETIME:
        return escape.inline(formatting.when(answers.text_of(value))) or NOT_SET
    if f.kind is FieldKind.CHOICE:
        return f"**{escape.inline(answers.choice_of(value) or '')}**"
    if f.kind is FieldKind.RATING:
        return formatting.rating(answers.rating_of(value), f.scale)
    if f.kind is FieldKind.PEOPLE:
        return ", ".join(escape.inline(p) for p in answers.people_of(value)) or NOT_SET
    if f.kind is FieldKind.LIST:
        items = answers.list_items(value)
        return "; ".join(escape.inline(i.text) for i in items if i.text.strip()) or NOT_SET
    if f.kind is FieldKind.TEXT:
        return escape.list_item(answers.text_of(value)) or NOT_SET
    return NOT_SET  # other kinds have no place on a card


def _controls(session: Session, shown: dict[str, Field]) -> str:
    rows: list[RiskRow] = []
    for f in shown.values():
        if f.kind is FieldKind.RISKS:
            rows.extend(answers.risk_rows(session.answers.get(f.id)))
    rows.sort(key=lambda r: -r.band.rank)  # controls for the worst risks first
    controls = [escape.list_item(r.controls, "    ") for r in rows if r.controls.strip()]
    if not controls:
        return f" {NOT_SET}"
    return "".join(f"\n  - {c}" for c in controls)
