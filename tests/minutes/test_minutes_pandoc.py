"""Minutes through pandoc, as a person pastes them into a case system via Word.

`reflect export ID -o - | pandoc -f markdown -t docx`: the Word file's core
properties name the facilitator as author and nobody else; a hostile title
stays text in pandoc's HTML. Needs pandoc (Debian's; .ci/run installs it).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from minutes_builtin_sessions import TEAM, built_in_session, built_in_templates

from reflect_tui.domain.session import Session
from reflect_tui.domain.template import Template
from reflect_tui.minutes import render_markdown, render_visit_card

PANDOC = shutil.which("pandoc")
pytestmark = pytest.mark.skipif(PANDOC is None, reason="pandoc is not installed")
HOSTILE = '<img src=x onerror="alert(1)"> *not bold* $x$ @cite <script>alert(2)</script>'


def _docx_properties(markdown: str, tmp_path: Path) -> tuple[str, str]:
    out = tmp_path / "minutes.docx"
    assert PANDOC is not None
    subprocess.run(
        [PANDOC, "-f", "markdown", "-t", "docx", "-o", str(out)],
        input=markdown.encode("utf-8"),
        check=True,
        timeout=60,
    )
    with zipfile.ZipFile(out) as docx:
        core = docx.read("docProps/core.xml").decode("utf-8")
        names = docx.namelist()
        custom = docx.read("docProps/custom.xml").decode() if "docProps/custom.xml" in names else ""
    return core, custom


def _pandoc_html(markdown: str) -> str:
    assert PANDOC is not None
    done = subprocess.run(
        [PANDOC, "-f", "markdown", "-t", "html", "-s"],
        input=markdown.encode("utf-8"),
        check=True,
        capture_output=True,
        timeout=60,
    )
    return done.stdout.decode("utf-8")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += [name for name, _ in attrs]
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


@pytest.mark.parametrize("template", built_in_templates(), ids=lambda t: t.id)
def test_word_core_properties_hold_no_name_but_the_author(
    template: Template, tmp_path: Path
) -> None:
    session = built_in_session(template)
    core, custom = _docx_properties(render_markdown(session, confirmed_confidential=True), tmp_path)
    if session.facilitator:
        assert f"<dc:creator>{session.facilitator}</dc:creator>" in core
    assert "<dc:language>en-GB</dc:language>" in core
    assert "<dc:subject>" not in core
    others = {*TEAM, *session.participants, *session.apologies, session.subject}
    for name in others - {session.facilitator, ""}:
        assert name not in core, f"{name} is in the Word file's core properties"
    if session.subject and session.subject != session.facilitator:
        assert session.subject not in custom, "the person a session is for is in custom.xml"


def test_the_visit_card_in_word_does_not_name_the_worker_in_hidden_properties(
    tmp_path: Path,
) -> None:
    template = next(t for t in built_in_templates() if t.id == "pre-visit-risk")
    session = built_in_session(template)
    core, custom = _docx_properties(render_visit_card(session, fmt="md"), tmp_path)
    assert session.subject and session.subject not in core + custom


def _hostile_session() -> Session:
    template = next(t for t in built_in_templates() if t.id == "team-reflection")
    session = built_in_session(template)
    session.title = f"Title {HOSTILE}"
    session.facilitator = f"Eve {HOSTILE}"
    return session


def test_a_hostile_title_is_text_in_pandocs_html() -> None:
    page = _pandoc_html(render_markdown(_hostile_session()))
    # what pandoc makes of the front matter: <title> in the head, the title block in the body
    head = page.split("</head>", 1)[0]
    block = page.split('<header id="title-block-header">', 1)[1].split("</header>", 1)[0]
    tags = _Tags()
    tags.feed(head + block)
    assert "img" not in tags.tags and "script" not in tags.tags
    assert not [a for a in tags.attributes if a.startswith("on")]
    assert "<em>" not in block and 'class="math' not in block and "citation" not in block
    # what the reader sees is what was typed
    assert tags.title.startswith("Title <img src=x onerror=")
    assert "@cite" in tags.title and "$x$" in tags.title
