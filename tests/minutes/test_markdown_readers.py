"""Minutes are safe in every common Markdown reader: hostile answers rendered by pandoc's
original-Markdown, pandoc-Markdown and GFM readers produce no live HTML (no <script>, no
event handlers, no javascript: links), and read back as the text that was typed."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from minutes_fixtures import every_kind_session

from reflect_tui.minutes import render_markdown
from reflect_tui.minutes.markdown import build_document

HOSTILE = (
    '<script>alert(1)</script> <img src=x onerror="alert(2)"> '
    "[click](javascript:alert(3)) <a href='javascript:alert(4)'>x</a> "
    "&lt;script&gt; &amp;lt; <javascript:alert(5)> *bold* _u_ `code` | a | ~~s~~ \\< \\&"
)
READERS = ("markdown_strict", "markdown", "gfm", "commonmark")

needs_pandoc = pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")


def render(markdown: str, reader: str) -> str:
    done = subprocess.run(
        ["pandoc", "-f", reader, "-t", "html"],
        input=markdown,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


class _Tags(HTMLParser):
    """Every live tag and attribute in a page (text that only looks like HTML is not one)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "iframe", "object", "embed", "style", "svg"):
            self.live.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.live.append(f"{tag} {name}=")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.live.append(f"{tag} {name}=javascript:")


def live_html(html: str) -> list[str]:
    parser = _Tags()
    parser.feed(html)
    return parser.live


@needs_pandoc
@pytest.mark.parametrize("reader", READERS)
def test_hostile_answers_render_as_text_in_every_reader(reader: str) -> None:
    session = every_kind_session(HOSTILE)
    body = build_document(session).body  # the body: what every reader parses as Markdown
    html = render(body, reader)
    assert live_html(html) == []
    # The reader sees what was typed, not markup.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@needs_pandoc
@pytest.mark.parametrize("reader", ("markdown", "gfm"))
def test_the_whole_file_with_front_matter_is_safe_too(reader: str) -> None:
    session = every_kind_session(HOSTILE)
    html = render(render_markdown(session), reader)
    assert live_html(html) == []
