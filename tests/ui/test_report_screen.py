"""Pilot: the Report screen shows the same safe figures as the Markdown report.

A user opens it from home with ``r``, changes k and the period with keys, and
exports Markdown or HTML into the data folder; an existing file is replaced
only after a yes.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

from harness import build_app, new_clock
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton

from reflect_tui.domain.session import Session
from reflect_tui.report import (
    build_report,
    default_period,
    render_html,
    render_markdown,
    report_sessions,
    vocabulary,
)
from reflect_tui.store import Store
from reflect_tui.store.demo import load_demo
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.dialogs.choice import ChoiceScreen
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.parts import Banner
from reflect_tui.ui.screens.report import ExportReportDialog, ReportScreen

SIZE = (120, 40)


def demo_store(data: Path, sessions: int = 500) -> list[Session]:
    with Store.open(data, new_clock()) as store:
        load_demo(store, TemplateLibrary.from_dirs([]), new_clock(), sessions=sessions)
        return list(store.iter_sessions())


def expected_report(data: Path, k: int = 5) -> Any:
    with Store.open(data, new_clock(), read_only=True) as store:
        period = default_period(new_clock().now().date())
        return build_report(
            [report_sessions(store, period)],
            period,
            vocabulary=vocabulary.load(store),
            min_count=k,
            generated=new_clock().now().date(),
        )


def shown_text(app: Any) -> str:
    """Everything the report pane draws, as plain text."""
    screen = app.screen
    assert isinstance(screen, ReportScreen)
    view = screen.query_one("#report-view")
    lines = view.render_lines(Region(0, 0, view.size.width, view.size.height))
    return "\n".join("".join(seg.text for seg in line) for line in lines)


async def open_report(pilot: Pilot[Any]) -> ReportScreen:
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReportScreen)
    return screen


async def test_r_on_home_shows_the_same_figures_as_the_markdown_report(tmp_path: Path) -> None:
    data = tmp_path / "data"
    demo_store(data)
    expected = expected_report(data)
    app = build_app(data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        assert screen.report == expected  # default: last 12 months from the clock, k = 5
        assert screen.query_one("#report-since", Input).value == expected.period.since.isoformat()
        assert screen.query_one("#report-until", Input).value == "2026-03-02"
        text = shown_text(app)
    markdown = render_markdown(expected)
    for row in expected.rows:
        line = next(li for li in text.splitlines() if li.strip().startswith(row.theme))
        # The theme's line carries its figures in the Markdown's words, and a bar only
        # when the count itself is shown.
        for cell in (row.people, row.sessions, row.people_before, row.people_change):
            assert cell.text in line
            assert cell.text in markdown
        assert ("█" in line) == row.people.is_exact


async def test_no_name_title_or_typed_text_reaches_the_screen(tmp_path: Path) -> None:
    data = tmp_path / "data"
    sessions = demo_store(data)
    app = build_app(data)
    async with app.run_test(size=SIZE) as pilot:
        await open_report(pilot)
        text = shown_text(app)
        people = [p.name for p in app.store.people()]
    names = {n for s in sessions for n in [s.facilitator, s.subject, s.team, *s.participants] if n}
    names |= set(people)
    assert names, "the demo data names people"
    for name in names:
        assert name not in text
    titles = {s.title for s in sessions if len(s.title) > 12}
    for title in titles:
        assert title not in text


async def test_k_changes_with_keys_and_never_goes_below_three(tmp_path: Path) -> None:
    data = tmp_path / "data"
    demo_store(data)
    app = build_app(data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        await pilot.press("minus", "minus", "minus")
        await pilot.pause()
        assert screen.min_count == 3
        assert screen.report is not None and screen.report.min_count == 3
        assert screen.query_one("#report-k", Input).value == "3"
        assert screen.report == expected_report(data, k=3)
        # Typing a k below 3 is refused with a message; the report stays at 3.
        box = screen.query_one("#report-k", Input)
        box.focus()
        box.value = "2"
        await pilot.press("enter")
        await pilot.pause()
        banner = screen.query_one(Banner)
        assert banner.has_class("-shown") and "never below 3" in str(banner.render())
        assert screen.report.min_count == 3
        box.value = "7"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.report.min_count == 7
        assert not banner.has_class("-shown")


async def test_the_period_moves_by_a_year_or_is_typed(tmp_path: Path) -> None:
    data = tmp_path / "data"
    demo_store(data)
    app = build_app(data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.report is not None
        assert screen.report.period.label() == "2024-03-03 to 2025-03-02"
        await pilot.press("p")  # the From box
        assert screen.focused is screen.query_one("#report-since", Input)
        screen.query_one("#report-since", Input).value = "2026-01-01"
        screen.query_one("#report-until", Input).value = "2025-01-01"
        await pilot.press("enter")
        await pilot.pause()
        assert "ends before it starts" in str(screen.query_one(Banner).render())
        assert screen.report.period.label() == "2024-03-03 to 2025-03-02"
        screen.query_one("#report-until", Input).value = "2026-02-28"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.report.period.label() == "2026-01-01 to 2026-02-28"
        await pilot.press("escape")  # out of the report, back home
        await pilot.pause()
        assert not isinstance(app.screen, ReportScreen)


async def test_export_writes_owner_only_files_and_asks_before_replacing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    demo_store(data, sessions=120)
    app = build_app(data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        # The preview's twelve months ending today are not a whole calendar period:
        # exporting is a release, and is refused with the reason.
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert "whole calendar period" in str(screen.query_one(Banner).render())
        screen.query_one("#report-since", Input).value = "2025-01-01"
        screen.query_one("#report-until", Input).value = "2025-12-31"
        screen.query_one("#report-since", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        report = screen.report
        assert report is not None and report.period.label() == "2025-01-01 to 2025-12-31"
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ExportReportDialog)
        dialog.query_one("#fmt-html", RadioButton).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        html = data / "reports" / "thematic-report-2025-01-01-to-2025-12-31.html"
        assert html.read_text(encoding="utf-8") == render_html(report)
        assert stat.S_IMODE(html.stat().st_mode) == 0o600
        assert stat.S_IMODE(html.parent.stat().st_mode) == 0o700

        # Markdown to a path the user types; then the same path again: asked, kept on "no".
        target = tmp_path / "out.md"
        target.write_text("mine", encoding="utf-8")
        for answer, expected in (("n", "mine"), ("y", render_markdown(report))):
            await pilot.press("ctrl+e")
            await pilot.pause()
            path_box = app.screen.query_one("#export-path", Input)
            path_box.value = str(target)
            path_box.focus()
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press(answer)
            await pilot.pause()
            await pilot.pause()
            assert target.read_text(encoding="utf-8") == expected
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        assert isinstance(app.screen, ReportScreen)


async def test_the_command_palette_offers_the_report_everywhere(tmp_path: Path) -> None:
    app = build_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Thematic report" in titles
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Thematic report"
        )
        command.callback()
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        # An empty store: every count is hidden, and the screen says so in the report's words.
        assert "fewer than 5" in shown_text(app)
        assert "█" not in shown_text(app)
        assert "No count per theme can be shown" in " ".join(shown_text(app).split())
        assert not isinstance(app.screen, ChoiceScreen)


async def test_f1_lists_the_report_keys_the_docs_describe(tmp_path: Path) -> None:
    from reflect_tui.ui.screens.help import describe_keys

    app = build_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        listed = dict(describe_keys(screen))
    docs = (Path(__file__).parents[2] / "docs" / "keys.md").read_text(encoding="utf-8")
    for key, words in (("^e", "Export"), ("p", "Period"), ("[", "Year before"), ("esc", "Back")):
        assert listed.get(key) == words
    for binding_id in ("report.export", "report.period", "report.earlier", "report.k_down"):
        assert f"`{binding_id}`" in docs


async def test_a_big_store_is_read_off_the_ui_thread_with_the_same_result(
    tmp_path: Path, monkeypatch: Any
) -> None:
    from reflect_tui.ui.screens import report as report_screen

    data = tmp_path / "data"
    demo_store(data, sessions=120)
    expected = expected_report(data)
    monkeypatch.setattr(report_screen, "READ_IN_BACKGROUND_FROM", 1)  # this store counts as big
    app = build_app(data)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_report(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert screen.report == expected
        assert "workload" in shown_text(app)
        await pilot.press("left_square_bracket")  # another period: read again, in the background
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert screen.report is not None
        assert screen.report.period.label() == "2024-03-03 to 2025-03-02"
