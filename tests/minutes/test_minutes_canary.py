"""A canary in a private field, or in a confidential session, never reaches any export
made without confirmation: Markdown, HTML, visit card, files, minutes saved on finish."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest
from minutes_builtin_sessions import built_in_session, built_in_templates
from minutes_fixtures import CANARY, FINISHED

from reflect_tui.domain.answers import ListItem
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Confidentiality, Field, FieldKind, Step
from reflect_tui.minutes import (
    ConfidentialExportRefused,
    export_session,
    render_html,
    render_markdown,
    render_visit_card,
    save_minutes_on_finish,
)
from reflect_tui.store import Store


def with_private_canary() -> Session:
    """A pre-visit analysis with an extra private step holding the canary everywhere."""
    session = built_in_session({t.id: t for t in built_in_templates()}["pre-visit-risk"])
    secret = Step(
        "secret",
        f"Private {CANARY}",
        fields=(
            Field("secret-text", FieldKind.TEXT, "Private", private=True),
            Field("secret-list", FieldKind.LIST, "Private list", private=True, themes=True),
        ),
    )
    session.template = dataclasses.replace(
        session.template, steps=(*session.template.steps, secret)
    )
    session.answers["secret-text"] = CANARY
    session.answers["secret-list"] = [ListItem(CANARY, themes=[CANARY])]
    return session


Export = Callable[[Session, Path], str]
EXPORTS: dict[str, Export] = {
    "markdown": lambda s, _: render_markdown(s),
    "html": lambda s, _: render_html(s),
    "card": lambda s, _: render_visit_card(s),
    "card-html": lambda s, _: render_visit_card(s, fmt="html"),
    "file-md": lambda s, d: export_session(s, directory=d).read_text(encoding="utf-8"),
    "file-html": lambda s, d: export_session(s, d, fmt="html").read_text(encoding="utf-8"),
    "file-card": lambda s, d: export_session(s, d, card=True).read_text(encoding="utf-8"),
}


@pytest.mark.parametrize("kind", EXPORTS)
def test_private_canary_never_exported(kind: str, tmp_path: Path) -> None:
    assert CANARY not in EXPORTS[kind](with_private_canary(), tmp_path)


def test_private_canary_not_in_saved_minutes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "data", FixedClock(FINISHED)) as store:
        path = save_minutes_on_finish(store, with_private_canary())
    assert path is not None and CANARY not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", EXPORTS)
def test_confidential_session_exports_nothing_unconfirmed(kind: str, tmp_path: Path) -> None:
    session = with_private_canary()
    session.confidentiality = Confidentiality.CONFIDENTIAL
    session.answers["visit-where"] = f"{CANARY} shared field of a confidential session"
    with pytest.raises(ConfidentialExportRefused):
        EXPORTS[kind](session, tmp_path)
    assert list(tmp_path.iterdir()) == []
    with Store.open(tmp_path / "data", FixedClock(FINISHED)) as store:
        assert save_minutes_on_finish(store, session) is None
        assert not store.minutes_dir.exists()
