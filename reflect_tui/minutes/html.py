"""Minutes as one self-contained HTML page, for e-mail or printing.

The page is rendered from the Markdown minutes by markdown-it-py with raw HTML
switched off, so nothing a person typed can become a tag. The YAML front
matter is not shown as text: its facts become a small header block. Print CSS
targets A4 and starts each major section (a risk register, the agreed actions)
on a new page.
"""

from __future__ import annotations

from datetime import date
from html import escape as html_escape

from markdown_it import MarkdownIt

from reflect_tui.domain.session import Session
from reflect_tui.minutes import escape, markdown

CSS = """
:root { color-scheme: light; }
body {
  font-family: "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  font-size: 11pt; line-height: 1.45; color: #1a1a1a; background: #fff;
  max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
  overflow-wrap: anywhere;
}
h1 { font-size: 1.7em; margin: 0.4em 0; }
h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #bbb; padding-bottom: 0.15em; }
h3 { font-size: 1.05em; margin-top: 1.2em; color: #333; }
h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; font-size: 0.95em; }
th, td { border: 1px solid #999; padding: 0.3em 0.45em; text-align: left; vertical-align: top; }
th { background: #eee; overflow-wrap: normal; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
blockquote {
  margin: 1em 0; padding: 0.6em 0.9em; border: 2px solid #b00020; background: #fdecee;
  color: #5a0010;
}
header.record {
  font-size: 0.9em; color: #444; border-bottom: 2px solid #444; margin-bottom: 1em;
  padding-bottom: 0.4em;
}
header.record dl {
  display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; margin: 0;
}
header.record dt { font-weight: 600; }
header.record dd { margin: 0; }
@page {
  size: A4; margin: 18mm 16mm 20mm 16mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 9pt; }
}
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  /* No forced page breaks: they left pages holding two lines. A major section
     (risks, actions) starts with room above it and is not split from its first lines. */
  h2.major { margin-top: 2.2em; break-before: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  p, li { orphans: 3; widows: 3; }
  table, blockquote { break-inside: auto; }
  a { color: inherit; text-decoration: none; }
}
"""

CONFIDENTIAL_PAGE_CSS = """
@page {
  @bottom-center {
    content: "CONFIDENTIAL: stays with the facilitator"; color: #b00020; font-size: 9pt;
  }
}
"""


def markdown_parser() -> MarkdownIt:
    """CommonMark with tables, raw HTML off: the one parser both export and tests use."""
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
        "table"
    )


def render_html(session: Session, *, confirmed_confidential: bool = False) -> str:
    """The minutes as a self-contained HTML page (same rules as ``render_markdown``)."""
    doc = markdown.build_document(session, confirmed_confidential=confirmed_confidential)
    title = f"{escape.one_line(session.title) or 'Untitled session'} — minutes"
    header = header_block(doc.front_matter)
    css = CSS + (CONFIDENTIAL_PAGE_CSS if session.is_confidential else "")
    return page(title, header + body_html(doc.body, doc.major_sections), css)


def body_html(body_markdown: str, major_sections: frozenset[int] = frozenset()) -> str:
    """HTML for a Markdown body; the ``##`` sections numbered in ``major_sections`` get
    ``class="major"`` (a new printed page)."""
    md = markdown_parser()
    tokens = md.parse(body_markdown)
    h2 = 0
    for token in tokens:
        if token.type == "heading_open" and token.tag == "h2":
            if h2 in major_sections:
                token.attrSet("class", "major")
            h2 += 1
    html: str = md.renderer.render(tokens, md.options, {})
    return html


def page(title: str, content: str, css: str) -> str:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="reflect-tui">\n'
        f"<title>{html_escape(title)}</title>\n<style>{css}</style>\n</head>\n"
        f"<body>\n{content}</body>\n</html>\n"
    )


_HEADER_LABELS = {
    "template_title": "Session type",
    "template_version": "Template version",
    "date": "Date",
    "start": "Started",
    "end": "Finished",
    "confidentiality": "Confidentiality",
    "status": "Status",
    "themes": "Themes",
    "session": "Record",
}


def header_block(front_matter: markdown.FrontMatter) -> str:
    """The front matter's record-keeping facts as a definition list (people are in the body)."""
    rows: list[str] = []
    for key, label in _HEADER_LABELS.items():
        value = front_matter.get(key)
        if isinstance(value, dict):
            continue
        if isinstance(value, list):
            text = ", ".join(value)
        elif isinstance(value, date):
            text = value.isoformat()
        else:
            text = str(value or "")
        if key == "template_title":
            text += f" ({front_matter.get('template', '')})"
        if text:
            text = escape.one_line(text)
            rows.append(f"<dt>{html_escape(label)}</dt><dd>{html_escape(text)}</dd>")
    return '<header class="record">\n<dl>\n' + "\n".join(rows) + "\n</dl>\n</header>\n"
