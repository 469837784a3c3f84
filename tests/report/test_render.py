"""The report reads well as Markdown and as a self-contained HTML page with charts."""

from __future__ import annotations

from datetime import date

import yaml
from markdown_it import MarkdownIt
from report_factory import SUPERVISION, TEAM, session

from reflect_tui.domain.session import Session
from reflect_tui.domain.themes import DEFAULT_THEMES
from reflect_tui.report import Period, build_report, render_html, render_markdown

PERIOD = Period(date(2026, 1, 1), date(2026, 12, 31))
HOSTILE = "a | b <script>alert(1)</script> # `x` ---"


def store() -> list[Session]:
    sessions = [
        session(
            SUPERVISION, date(2026, 4, 1), ["workload"] if i < 7 else [HOSTILE], subject=f"P{i}"
        )
        for i in range(20)
    ]
    sessions += [session(TEAM, date(2026, 4, 2), ["workload"], team=f"T{i}") for i in range(6)]
    # Six more teams that did not: "6 of 6 teams" would be "all or nearly all".
    sessions += [session(TEAM, date(2026, 4, 2), [], team=f"U{i}") for i in range(6)]
    return sessions


def report_for(vocabulary: list[str]) -> str:
    return render_markdown(build_report([store()], PERIOD, vocabulary=vocabulary, min_count=5))


def test_front_matter_is_yaml_a_parser_reads() -> None:
    text = report_for(list(DEFAULT_THEMES))
    assert text.startswith("---\n")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["type"] == "thematic-report"
    assert front["period"] == {"since": date(2026, 1, 1), "until": date(2026, 12, 31)}
    assert front["previous_period"] == {"since": date(2025, 1, 1), "until": date(2025, 12, 31)}
    assert front["min_count"] == 5
    assert front["themes"] == list(DEFAULT_THEMES)


def test_markdown_has_one_title_and_a_table_row_per_theme_even_for_a_hostile_theme() -> None:
    vocabulary = ["workload", HOSTILE]
    text = report_for(vocabulary)
    body = text.split("---\n", 2)[2]
    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    h1 = [t for t in tokens if t.type == "heading_open" and t.tag == "h1"]
    tables = [t for t in tokens if t.type == "table_open"]
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(h1) == 1 and len(tables) == 2
    assert len(rows) == 2 * (1 + len(vocabulary))
    assert "<script>" not in body
    first_cells = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "td_open"]
    assert "workload" in first_cells
    html = MarkdownIt("commonmark").enable("table").render(body)
    assert "<script>" not in html


def test_markdown_shows_exact_counts_with_text_bars() -> None:
    text = report_for(["workload"])
    assert "| workload | 7 | 7 |" in text
    assert "████" in text
    assert "| workload | 6 | 6 | fewer than 5 | not shown |" in text


def test_html_is_self_contained_with_a_bar_per_shown_count() -> None:
    html = render_html(build_report([store()], PERIOD, vocabulary=["workload", HOSTILE]))
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html.casefold()
    for remote in ("http://", "https://", "src=", "@import", "url("):
        assert remote not in html
    # people for both themes, teams for workload (no team raised the other)
    assert html.count('class="bar now"') == 3
    assert 'class="hidden">fewer than 5<' in html
    assert "a | b &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "default-src 'none'" in html


def test_front_matter_keeps_unusual_theme_names_exactly() -> None:
    vocabulary = ["workload", HOSTILE, 'quote " and colon: yes', "émotions ✨"]
    text = report_for(vocabulary)
    assert yaml.safe_load(text.split("---\n")[1])["themes"] == vocabulary
