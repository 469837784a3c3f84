"""Sessions for report tests, built from small templates like the built-in ones."""

from __future__ import annotations

from datetime import date, datetime

from reflect_tui.domain.answers import ListItem
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import (
    Confidentiality,
    Field,
    FieldKind,
    SessionKind,
    Step,
    Template,
)


def template(template_id: str, kind: SessionKind, consent_field: bool = False) -> Template:
    fields = [
        Field("themes", FieldKind.LIST, "Organisational themes", themes=True),
        Field("private-notes", FieldKind.LIST, "Private notes", private=True, themes=True),
    ]
    if consent_field:
        fields.insert(
            0,
            Field(
                "theme-consent",
                FieldKind.CHOICE,
                "Themes may feed the anonymised report",
                options=("yes", "no"),
            ),
        )
    return Template(
        id=template_id,
        title=template_id.replace("-", " ").title(),
        description="",
        kind=kind,
        confidentiality=Confidentiality.CONFIDENTIAL,
        duration_minutes=60,
        version="1",
        steps=(Step("main", "Main", fields=tuple(fields)),),
    )


DECOMPRESSION = template("decompression", SessionKind.INDIVIDUAL, consent_field=True)
SUPERVISION = template("supervision", SessionKind.ONE_TO_ONE)
TEAM = template("team-reflection", SessionKind.TEAM)


def session(
    tmpl: Template,
    day: date,
    themes: list[str],
    *,
    subject: str = "",
    team: str = "",
    participants: list[str] | None = None,
    consent: str | None = "yes",
    text: str = "a note",
    private_themes: list[str] | None = None,
    private_text: str = "a private note",
    complete: bool = True,
) -> Session:
    s = Session.start(
        tmpl,
        f"{tmpl.title} with {subject or team}",
        datetime.combine(day, datetime.min.time()),
        subject=subject,
        team=team,
        # A team session counts only with at least three people present (minimum team size).
        participants=list(
            participants
            if participants is not None
            else (["Ann", "Ben", "Cas"] if tmpl.kind is SessionKind.TEAM else [])
        ),
    )
    s.answers["themes"] = [ListItem(text, list(themes))] if themes else []
    if private_themes is not None:
        s.answers["private-notes"] = [ListItem(private_text, list(private_themes))]
    if tmpl.field_by_id("theme-consent") is not None:
        s.answers["theme-consent"] = consent
    s.status = Status.COMPLETE if complete else Status.DRAFT
    return s
