"""The anonymised thematic report in the app: text bars, a period, k, export.

Everything drawn here comes from ``reflect_tui.report.build_report``: each
figure is an already-suppressed ``Cell`` (``cell.text``, ``cell.bar``), so the
screen can never show more than the Markdown report would. Only this store is
reported; combining teams' stores is the CLI's job (``reflect report --data``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, RadioSet, Static

from reflect_tui.errors import UserError
from reflect_tui.report import (
    DEFAULT_K,
    MINIMUM_K,
    Cell,
    Period,
    Report,
    build_report,
    render_html,
    render_markdown,
    report_sessions,
    text_bar,
    vocabulary,
)
from reflect_tui.report.facts import SessionFacts
from reflect_tui.report.markdown import long_date, who_lines
from reflect_tui.services import reports
from reflect_tui.services.errors import BadPeriod, ReportExists
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.parts import Banner, TopBar, reflect_app
from reflect_tui.ui.theme_style import themed
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.footer import KeepFooter
from reflect_tui.ui.widgets.glyphs import GlyphRadioButton

if TYPE_CHECKING:
    from reflect_tui.ui.app import ReflectApp

# From this many stored sessions, reading them for a report moves off the UI thread.
READ_IN_BACKGROUND_FROM = 1000
FORMATS = {"md": "Markdown", "html": "HTML"}


def figure(cell: Cell, largest: int, width: int) -> Text:
    """A count with its bar; a hidden count is its words, dim, with no bar."""
    text = Text(no_wrap=True)
    if cell.is_exact:
        bar = text_bar(cell, largest, width)
        text.append(f"{cell.text:>4} ", style="bold")
        text.append(bar, style=themed("$success"))
    else:
        text.append(cell.text, style="dim")
    return text


def plain(cell: Cell) -> Text:
    return Text(cell.text, style="" if cell.is_exact else "dim")


def theme_table(report: Report, *, teams: bool, bar_width: int, narrow: bool) -> Table:
    """One of the two tables: people per theme, or team sessions per theme."""
    table = Table(expand=narrow, box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("Theme", overflow="fold", ratio=1 if narrow else None, min_width=12)
    if teams:
        columns = ("Team sessions", "Teams", "Previous", "Change")
        largest = report.largest_team_sessions()
    else:
        columns = ("People", "Sessions", "Previous", "Change")
        largest = report.largest_people()
    table.add_column(columns[0], no_wrap=True)
    for name in columns[1:]:
        table.add_column(name, justify="right", no_wrap=True)
    for row in report.rows:
        if teams:
            main, cells = row.team_sessions, (row.teams, row.team_sessions_before)
            change = row.team_sessions_change
        else:
            main, cells = row.people, (row.sessions, row.people_before)
            change = row.people_change
        table.add_row(
            row.theme, figure(main, largest, bar_width), *(plain(c) for c in cells), plain(change)
        )
    return table


def report_view(report: Report, width: int) -> Group:
    """The whole report as Rich renderables, sized for ``width`` columns."""
    bar_width = 6 if width < 100 else 24
    k = report.min_count
    head = Text()
    head.append(
        f"{long_date(report.period.since)} to {long_date(report.period.until)}", style="bold"
    )
    head.append(
        f" · compared with {long_date(report.previous.since)} to "
        f"{long_date(report.previous.until)}",
        style="dim",
    )
    how = Text(
        f'How to read it: nobody is named and nothing said is quoted. "fewer than {k}" means '
        f'0 to {k - 1}; "all or nearly all" hides a count that would show who raised a theme; '
        '"not shown" hides a figure from which a hidden one could be worked out. '
        "Only finished sessions count; decompression sessions only with the person's "
        "agreement. The report counts this store only.",
        style="dim",
    )
    who = Text("\n".join(f"· {line}" for line in who_lines(report)[:2]))
    cells = [c for r in report.rows for c in (r.people, r.team_sessions)]
    if not any(c.is_exact for c in cells):
        who.append(
            "\nNo count per theme can be shown for this period: too few finished sessions "
            "with theme tags, or too few people, to show any without pointing at someone.",
            style="italic",
        )
    return Group(
        head,
        who,
        Text(""),
        Text("Individual and one-to-one sessions: people per theme", style="bold underline"),
        theme_table(report, teams=False, bar_width=bar_width, narrow=width < 100),
        Text(""),
        Text("Team sessions: team sessions per theme (teams, not people)", style="bold underline"),
        theme_table(report, teams=True, bar_width=bar_width, narrow=width < 100),
        Text(""),
        how,
    )


class ReportScreen(Screen[None]):
    """This store's thematic report; the period and k can be changed, and it can be exported."""

    DEFAULT_CSS = css_beside(__file__, "report.tcss")
    AUTO_FOCUS = "#report-body"
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+e", "export", "Export", id="report.export", priority=True),
        Binding("p", "edit_period", "Period", id="report.period"),
        Binding("left_square_bracket", "shift(-1)", "Year before", id="report.earlier", show=False),
        Binding("right_square_bracket", "shift(1)", "Year after", id="report.later", show=False),
        Binding("minus", "k(-1)", "Lower k (never below 3)", id="report.k_down", show=False),
        Binding("plus,equals_sign", "k(1)", "Raise k", id="report.k_up", show=False),
        Binding("escape", "back", "Back", id="report.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.period: Period | None = None
        self.min_count = DEFAULT_K
        self.report: Report | None = None
        self._sessions: tuple[Period, list[SessionFacts]] | None = None

    def compose(self) -> ComposeResult:
        yield TopBar("thematic report")
        yield Banner(id="banner")
        with Horizontal(id="report-controls"):
            yield Label("From", classes="report-label")
            yield Input(id="report-since", compact=True, placeholder="YYYY-MM-DD")
            yield Label("to", classes="report-label")
            yield Input(id="report-until", compact=True, placeholder="YYYY-MM-DD")
            yield Label(f"hide counts below (≥{MINIMUM_K})", classes="report-label")
            yield Input(id="report-k", compact=True, type="integer")
        yield Static(id="report-hint")
        with VerticalScroll(id="report-body", can_focus=True):
            yield Static(id="report-view")
        yield KeepFooter()

    def on_mount(self) -> None:
        app = reflect_app(self)
        app.quiet_cursor(*self.query(Input))
        self.period = reports.preview_period(app.clock.now().date())
        self.fill_controls()
        self.rebuild()

    def on_resize(self) -> None:
        self.draw()

    # -- data -----------------------------------------------------------------

    def sessions(self, period: Period) -> list[SessionFacts]:
        """This store's finished sessions in the period and the one before (cached)."""
        if self._sessions is None or self._sessions[0] != period:
            store = reflect_app(self).store
            self._sessions = (period, report_sessions(store, period))
        return self._sessions[1]

    def rebuild(self) -> bool:
        """Build the report for the current period and k; False (and a banner) if it failed.

        A big store's sessions are read on a worker thread (about a second for 5,000),
        so the screen shows and takes keys at once; the report is drawn when they arrive.
        """
        app = reflect_app(self)
        assert self.period is not None
        cached = self._sessions is not None and self._sessions[0] == self.period
        if not cached and app.store.session_count() >= READ_IN_BACKGROUND_FROM:
            self.read_in_background(self.period)
            return True
        try:
            themes = vocabulary.load(app.store)
            self.report = build_report(
                [self.sessions(self.period)],
                self.period,
                vocabulary=themes,
                min_count=self.min_count,
                generated=app.clock.now().date(),
            )
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return False
        self.query_one(Banner).clear()
        self.draw()
        return True

    def read_in_background(self, period: Period) -> None:
        app = reflect_app(self)
        store = app.store
        self.query_one("#report-view", Static).update(
            Text("Reading the finished sessions of this period…", style="dim italic")
        )

        def work() -> None:
            try:
                sessions, error = report_sessions(store, period), None
            except UserError as err:
                sessions, error = [], str(err)
            app.post_from_any_thread(self.sessions_read, period, sessions, error)

        self.run_worker(work, thread=True, group="report-read", exit_on_error=False)

    def sessions_read(
        self, period: Period, sessions: list[SessionFacts], error: str | None
    ) -> None:
        if not self.is_mounted or period != self.period:
            return  # the screen closed, or another period was asked for meanwhile
        if error is not None:
            self.problem(error)
            return
        self._sessions = (period, sessions)
        self.rebuild()

    def draw(self) -> None:
        if self.report is None or not self.is_mounted:
            return
        width = self.query_one("#report-body").size.width or self.app.size.width
        self.query_one("#report-view", Static).update(report_view(self.report, width))
        hint = Text(
            "Enter applies · [ ] a year before / after · − + change k · Ctrl+E export",
            style="dim",
            no_wrap=True,
            overflow="ellipsis",
        )
        self.query_one("#report-hint", Static).update(hint)

    def fill_controls(self) -> None:
        assert self.period is not None
        self.query_one("#report-since", Input).value = self.period.since.isoformat()
        self.query_one("#report-until", Input).value = self.period.until.isoformat()
        self.query_one("#report-k", Input).value = str(self.min_count)

    # -- changing the period and k -------------------------------------------

    def problem(self, message: str) -> None:
        self.query_one(Banner).show(message, error=True)

    def read_controls(self) -> tuple[Period, int] | None:
        """The period and k typed in the boxes, or None (and a message saying what to type)."""
        try:
            wanted = reports.read_period(
                self.query_one("#report-since", Input).value,
                self.query_one("#report-until", Input).value,
                self.query_one("#report-k", Input).value,
                reflect_app(self).clock.now().date(),
            )
        except BadPeriod as err:
            self.problem(str(err))
            return None
        return wanted.period, wanted.min_count

    @on(Input.Submitted)
    def _apply(self) -> None:
        wanted = self.read_controls()
        if wanted is None:
            return
        self.period, self.min_count = wanted
        if self.rebuild():
            self.query_one("#report-body").focus()

    def action_edit_period(self) -> None:
        self.query_one("#report-since", Input).focus()

    def action_shift(self, years: int) -> None:
        assert self.period is not None
        self.period = reports.shift_period(self.period, years)
        self.fill_controls()
        self.rebuild()

    def action_k(self, delta: int) -> None:
        k = self.min_count + delta
        if k < MINIMUM_K:
            self.notify(
                f"k is never below {MINIMUM_K}: smaller counts can identify people.",
                severity="warning",
            )
            return
        self.min_count = k
        self.fill_controls()
        self.rebuild()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):  # leave the box, put back what is applied
            self.fill_controls()
            self.query_one(Banner).clear()
            self.query_one("#report-body").focus()
            return
        self.app.pop_screen()

    # -- export ---------------------------------------------------------------

    def default_path(self, fmt: str) -> Path:
        assert self.period is not None
        store = reflect_app(self).store
        return reports.default_report_path(store, self.period, "html" if fmt == "html" else "md")

    @work
    async def action_export(self) -> None:
        if self.report is None:
            return
        app = reflect_app(self)
        report = self.report
        # What leaves is a release: a whole calendar period, checked against earlier ones.
        from reflect_tui.report import releases

        try:
            source = releases.check_store_release(
                app.store, str(app.store.data_dir), report.period, report.min_count
            )
        except UserError as err:
            self.problem(str(err))
            return
        choice = await app.push_screen_wait(
            ExportReportDialog(self.default_path("md"), self.default_path("html"))
        )
        if choice is None:
            return
        fmt, path = choice
        text = render_html(report) if fmt == "html" else render_markdown(report)
        try:
            releases.record_release(
                app.store, source, [source.id], report, app.clock.now().date().isoformat()
            )
        except UserError as err:
            self.problem(str(err))
            return
        try:
            written = reports.write_report(path, text, default_folder=self.default_path(fmt).parent)
        except ReportExists:
            replace = ConfirmScreen(
                f"{path} already exists. Replace it with this report?",
                yes="Replace",
                no="Keep it",
            )
            if not await app.push_screen_wait(replace):
                self.notify("Nothing was written.")
                return
            try:
                written = reports.write_report(
                    path, text, default_folder=self.default_path(fmt).parent, force=True
                )
            except UserError as err:
                self.problem(str(err))
                return
        except UserError as err:
            self.problem(str(err))
            return
        self.notify(f"Report written to {written}", timeout=8)
        from reflect_tui.dataprotection.accountability import record

        problem = record(app.store, "report", None, f"export format={fmt}")
        if problem:
            self.problem(problem)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Export report", "Write it as Markdown or HTML (Ctrl+E)", self.action_export
        )
        yield SystemCommand(
            "Change period", "Type the first and last day (p)", self.action_edit_period
        )
        yield SystemCommand(
            "Year before", "The same period a year earlier ([)", lambda: self.action_shift(-1)
        )


class ExportReportDialog(ModalScreen[tuple[str, Path] | None]):
    """Choose Markdown or HTML and where to write it; Esc writes nothing."""

    DEFAULT_CSS = css_beside(__file__, "report.tcss")
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+s", "export", "Export", id="report_export.go", priority=True),
        Binding("escape", "cancel", "Cancel", id="report_export.cancel"),
    ]

    def __init__(self, md_path: Path, html_path: Path) -> None:
        super().__init__()
        self.paths = {"md": md_path, "html": html_path}

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static("Export the report", id="export-title")
            with RadioSet(id="export-format"):
                yield GlyphRadioButton("Markdown (.md)", value=True, id="fmt-md")
                yield GlyphRadioButton("HTML with bar charts (.html)", id="fmt-html")
            # Two short lines: one long label was cut at 80 columns.
            yield Static(
                "Write to this file (only you can read it; nothing is replaced without asking):",
                id="export-path-label",
            )
            yield Input(str(self.paths["md"]), id="export-path", compact=True)
            with Horizontal(id="export-buttons"):
                yield Button("Export (Ctrl+S)", id="export-go", variant="primary", compact=True)
                yield Button("Cancel (Esc)", id="export-cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-format", RadioSet).focus()

    def fmt(self) -> str:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        return "html" if pressed is not None and pressed.id == "fmt-html" else "md"

    @on(RadioSet.Changed, "#export-format")
    def _format(self) -> None:
        box = self.query_one("#export-path", Input)
        fmt = self.fmt()
        if box.value in {str(p) for p in self.paths.values()}:
            box.value = str(self.paths[fmt])  # still the suggestion: follow the format
        elif box.value.endswith((".md", ".html")):
            box.value = str(Path(box.value).with_suffix(f".{fmt}"))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-go")
    def action_export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.notify("Type where to write the report.", severity="warning")
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            path = path / self.paths[self.fmt()].name
        self.dismiss((self.fmt(), path))

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


def palette_commands(app: ReflectApp) -> Iterable[SystemCommand]:
    """App-wide: the thematic report from anywhere."""
    yield SystemCommand(
        "Thematic report",
        "Anonymised themes over the last twelve months, with text bars",
        app.open_report,
    )
