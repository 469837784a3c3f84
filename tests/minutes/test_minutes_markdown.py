"""Markdown and HTML minutes: structure, front matter, escaping of hostile text, confidentiality.

The hostile-text tests push each string of ``HOSTILE`` through every field kind
(and the title, header and action table) and check what a reader would see:
the same headings and table rows as for plain text, the same visible words,
and no HTML, links, code or quotes that the person did not intend.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token
from minutes_fixtures import CANARY, every_kind_session

from reflect_tui.domain.answers import text_of
from reflect_tui.domain.template import Confidentiality
from reflect_tui.minutes import ConfidentialExportRefused, escape, render_html, render_markdown
from reflect_tui.minutes.html import markdown_parser

HOSTILE = [
    "a | b | c",
    "| x | y |\n|---|---|\n| 1 | 2 |",
    "# not a heading",
    "## also not #",
    "---",
    "text\n---\nmore",
    "setext\n===",
    "***",
    "___",
    "```\ncode block\n```",
    "~~~\nfence",
    "`tick` and ``double``",
    "<script>alert(1)</script>",
    "<b>bold</b> <img src=x onerror=alert(1)> <!-- comment -->",
    "<http://example.org> and <a@b.c>",
    "[link](javascript:alert(1)) ![img](x.png) [ref]: /url",
    "&amp; &lt;script&gt; &#60; &#x3C; & alone",
    "* star\n- dash\n+ plus\n1. one\n2) two",
    "1986. A year to remember",
    "> quoted\n>> nested",
    "    indented code\n\tand a tab",
    "trailing backslash\\\nnext line",
    "hard break  \nnext",
    "\\| already escaped \\* and \\\\",
    "*emphasis* _under_ **strong** ~~strike~~",
    "x" * 3000,
    " ".join(["long line with words"] * 300),
    "Ελληνικά, русский, 中文, العربية, עברית, हिन्दी",
    "emoji 😀 👩‍👩‍👧 🇬🇧 ❤️",
    "control \x00 nul \x1b[31m ansi \x7f del \x85 nel",
    "line\u2028separator and \u202e right-to-left override",
    "YAML: \"quoted\" 'single' # comment",
    "key: value\n- item\n... end",
    "&anchor *alias !tag %directive @at `back",
    "null",
    "yes",
    "2026-01-01",
    "   ",
    "",
]


def tokens_of(markdown: str) -> list[Token]:
    return markdown_parser().parse(markdown)


def body_of(markdown: str) -> str:
    assert markdown.startswith("---\n")
    return markdown.split("\n---\n", 1)[1]


def front_matter_of(markdown: str) -> dict[str, Any]:
    assert markdown.startswith("---\n")
    data = yaml.safe_load(markdown[4:].split("\n---\n", 1)[0])
    assert isinstance(data, dict)
    return data


def structure(tokens: list[Token]) -> list[str]:
    """Headings (with level) and table rows, in order: what must not change."""
    return [t.tag for t in tokens if t.type in ("heading_open", "tr_open")]


def visible_text(tokens: list[Token]) -> str:
    parts: list[str] = []
    for t in tokens:
        for child in t.children or []:
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        parts.append(" ")
    return " ".join("".join(parts).split())


def normalise(text: str) -> str:
    """What a reader should see of ``text``: control characters gone, spaces collapsed."""
    text = "".join(c for c in text if c in "\n\t\r" or unicodedata.category(c) != "Cc")
    return " ".join(text.split())


# Token types user text must never produce.
FORBIDDEN = {
    "html_block", "html_inline", "code_block", "fence", "code_inline", "link_open", "image",
    "hr", "ordered_list_open", "s_open",
}  # fmt: skip


def test_plain_session_has_the_expected_outline() -> None:
    md = render_markdown(every_kind_session("Plain words."))
    headings = [
        (t.tag, tokens_of(md)[i + 1].content)
        for i, t in enumerate(tokens_of(md))
        if t.type == "heading_open"
    ]
    # The empty "Welcome" step, the actions-only step and the private step get no section;
    # a field whose label repeats its step's title gets no sub-heading.
    assert headings == [
        ("h1", "Title Plain words."),
        ("h2", "What happened"),
        ("h3", "The story"),
        ("h2", "Learning"),
        ("h3", "What we learnt"),
        ("h2", "Mood"),
        ("h2", "Boundaries"),
        ("h3", "Boundaries check"),
        ("h2", "Risks"),
        ("h3", "Risk register"),
        ("h2", "Decision"),
        ("h3", "When"),
        ("h3", "Who"),
        ("h2", "Actions"),
        ("h2", "Next session"),
    ]
    # risk table: header + 2 hazards; actions table: header + 3 actions
    assert structure(tokens_of(md)).count("tr") == 3 + 4


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_keeps_structure_and_visible_text(text: str) -> None:
    plain = tokens_of(body_of(render_markdown(every_kind_session("Plain words."))))
    md = render_markdown(every_kind_session(text))
    tokens = tokens_of(body_of(md))

    assert structure(tokens) == structure(plain)
    assert [t.tag for t in tokens if t.type == "blockquote_open"] == []
    used = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert used & FORBIDDEN == set()

    seen = visible_text(tokens)
    wanted = normalise(text)
    assert f"Title {wanted}".strip() in seen
    assert wanted in seen
    for prefix in ("Item", "Hazard", "Control", "Do", "Ann", "Note", "Second paragraph"):
        assert f"{prefix} {wanted}".strip() in seen


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_front_matter_reads_back_exactly_with_a_yaml_parser(text: str) -> None:
    session = every_kind_session(text)
    data = front_matter_of(render_markdown(session))
    assert data["reflect"]["title"] == f"Title {text}"  # the exact title
    # `title` is Markdown (pandoc renders it): it shows exactly what was typed, nothing more
    assert visible_text(tokens_of(data["title"])) == normalise(f"Title {text}")
    author = escape.pandoc_inline(text)
    assert data["author"] == ([author] if author else [])
    assert data["lang"] == "en-GB"
    assert "subject" not in data
    assert data["facilitator"] == text
    assert data["attendees"] == [f"Ann {text}", "Bo"]
    assert data["apologies"] == [f"Cy {text}"]
    assert data["team"] == f"Team {text}"
    assert data["themes"] == list(dict.fromkeys([text, f"theme {text}"]))
    assert str(data["date"]) == "2026-11-20"
    assert (data["start"], data["end"]) == ("10:00", "11:30")
    assert data["template"] == "every-kind"
    assert data["template_version"] == "1"
    assert data["confidentiality"] == "shared"
    assert data["session"] == session.id


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.update(name for name, _ in attrs)


# Everything the renderer itself writes; any other tag would have come from user text.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "dl", "dt", "dd",
    "h1", "h2", "h3", "p", "strong", "em", "ul", "li", "br",
    "table", "thead", "tbody", "tr", "th", "td", "blockquote",
}  # fmt: skip
ALLOWED_ATTRS = {"lang", "charset", "name", "content", "class"}


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_html_has_no_script_and_no_raw_html(text: str) -> None:
    page = render_html(every_kind_session(text))
    assert "<script" not in page.lower()
    parser = _Tags()
    parser.feed(page)
    assert parser.tags <= ALLOWED_TAGS
    assert parser.attrs <= ALLOWED_ATTRS
    assert "template_version:" not in page  # the front matter is not shown as text


def test_html_is_one_self_contained_printable_page() -> None:
    page = render_html(every_kind_session())
    assert page.startswith("<!DOCTYPE html>")
    assert "size: A4" in page
    assert '<h2 class="major">Actions</h2>' in page  # room above it when printed
    # No forced page breaks (they left pages of two lines); printed pages are numbered.
    assert "break-before: page" not in page and "page-break-before: always" not in page
    assert 'counter(page) " of " counter(pages)' in page
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", page)  # nothing to fetch
    assert '<header class="record">' in page
    assert "every-kind" in page.split("</header>")[0]


def test_a_printed_confidential_record_says_so_on_every_page() -> None:
    from reflect_tui.domain.template import Confidentiality

    session = every_kind_session()
    session.confidentiality = Confidentiality.CONFIDENTIAL
    page = render_html(session, confirmed_confidential=True)
    assert "@bottom-center" in page and "CONFIDENTIAL: stays with the facilitator" in page
    assert "counter(page)" in page


def test_private_fields_never_reach_any_export() -> None:
    session = every_kind_session()
    for output in (render_markdown(session), render_html(session)):
        assert CANARY not in output
    assert text_of(session.answers["private-note"]).startswith(CANARY)  # it was there to leak


def test_confidential_session_needs_confirmation_and_carries_a_banner() -> None:
    session = every_kind_session(confidentiality=Confidentiality.CONFIDENTIAL)
    with pytest.raises(ConfidentialExportRefused, match="--confidential"):
        render_markdown(session)
    with pytest.raises(ConfidentialExportRefused):
        render_html(session)

    md = render_markdown(session, confirmed_confidential=True)
    quotes = [t for t in tokens_of(body_of(md)) if t.type == "blockquote_open"]
    assert len(quotes) == 1
    assert "Confidential." in visible_text(tokens_of(body_of(md)))
    assert front_matter_of(md)["confidentiality"] == "confidential"
    assert CANARY not in md
    page = render_html(session, confirmed_confidential=True)
    assert "<blockquote>" in page and CANARY not in page


def test_draft_is_marked_and_missing_answers_say_so() -> None:
    session = every_kind_session()
    session.status = session.status.DRAFT
    session.answers["story-text"] = ""
    session.answers["learning-list"] = []
    session.next_session = ""
    text = visible_text(tokens_of(body_of(render_markdown(session))))
    assert "Draft: this session was not finished" in text
    assert "The story Nothing recorded." in text
    assert "Next session Not arranged." in text


def test_unknown_risk_is_never_shown_as_low() -> None:
    session = every_kind_session()
    text = visible_text(tokens_of(body_of(render_markdown(session))))
    assert "? × 3 ? Unknown (needs attention)" in text


MARKDOWN_ALPHABET = st.sampled_from(
    [*"#|-_*`~<>[]()!&;\\=+.:0123456789 \t\nabcXYZ", "\r\n", "---", "```", "<script>", "é", "😀"]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=60), st.lists(MARKDOWN_ALPHABET, max_size=40).map("".join)))
def test_any_text_keeps_structure_and_visible_text(text: str) -> None:
    plain = tokens_of(body_of(render_markdown(every_kind_session("Plain words."))))
    md = render_markdown(every_kind_session(text))
    tokens = tokens_of(body_of(md))
    assert structure(tokens) == structure(plain)
    used = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert used & (FORBIDDEN | {"blockquote_open"}) == set()
    seen = visible_text(tokens)
    wanted = normalise(text)
    for prefix in ("Title", "Item", "Hazard", "Control", "Do", "Ann", "Note"):
        assert f"{prefix} {wanted}".strip() in seen
    assert front_matter_of(md)["reflect"]["title"] == f"Title {text}"
