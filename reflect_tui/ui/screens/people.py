"""People: the roster (add, edit), and one person's own session history.

The wellbeing chart appears only on a person's own history screen, never on
the roster or any team view.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option

from reflect_tui.domain.confidential import shown_on_screen
from reflect_tui.domain.people import Person
from reflect_tui.errors import UserError
from reflect_tui.followup import wellbeing
from reflect_tui.followup.people import name_key
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.dialogs.followup_dialogs import PersonDialog
from reflect_tui.ui.parts import Banner, TopBar, read_only_message, reflect_app, summary_line
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.fit_table import Column, cell, set_columns
from reflect_tui.ui.widgets.footer import KeepFooter
from reflect_tui.ui.widgets.fuzzy import matches

CSS = css_beside(__file__, "people.tcss")


PEOPLE_HINT = (
    "a: add · e or Enter: edit · h: their sessions · /: filter · Del: remove from roster · "
    "f: forget everywhere · x: export all held about them · Esc: back"
)

# The name is the main text; at 80 columns the others shorten (…) so all five still show.
PEOPLE_COLUMNS = (
    Column("Name", 18, 16, main=True),
    Column("Role", 30, 12, drop=3),
    Column("Team", 22, 10, drop=2),
    Column("Line manager", 18, 12, drop=1),
    Column("Facilitates", 11, 11, drop=4),
)


class PeopleScreen(Screen[None]):
    DEFAULT_CSS = CSS
    AUTO_FOCUS = "#people-table"
    BINDINGS = [  # noqa: RUF012
        Binding("a", "add", "Add person", id="people.add"),
        Binding("e", "edit", "Edit", id="people.edit"),
        Binding("h", "history", "Their sessions", id="people.history"),
        Binding("slash", "focus_filter", "Filter", id="people.filter"),
        Binding("escape", "back", "Back", id="people.back"),
        Binding("delete", "remove", "Remove from roster", id="people.remove", show=False),
        Binding("f", "forget", "Forget everywhere", id="people.forget", show=False),
        Binding("x", "export_person", "Export all about them", id="people.export", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.people: list[Person] = []

    def compose(self) -> ComposeResult:
        yield TopBar("people")
        yield Banner(id="banner")
        with Vertical(id="people-body"):
            yield Input(
                placeholder="/ to filter: part of a name, role or team (accents optional)",
                id="people-filter",
                compact=True,
            )
            table: DataTable[Text | str] = DataTable(id="people-table", cursor_type="row")
            yield table
            yield Static(PEOPLE_HINT, id="people-hint")
        yield KeepFooter()

    def on_mount(self) -> None:
        app = reflect_app(self)
        if app.store.read_only:
            self.query_one(Banner).show(read_only_message(app))
        self.reload()

    def on_resize(self) -> None:
        self.reload()

    def reload(self, select: str | None = None) -> None:
        table = self.query_one("#people-table", DataTable)
        keep = select or (self.current.id if self.current else None)
        needle = self.query_one("#people-filter", Input).value
        self.people = [
            p
            for p in reflect_app(self).store.people()
            if matches(needle, f"{p.name} {p.role} {p.team} {p.line_manager}")
        ]
        kept = set_columns(table, PEOPLE_COLUMNS)
        for p in self.people:
            cells = (
                Text(p.name, style="bold"),
                p.role,
                p.team,
                p.line_manager,
                "yes" if p.facilitator else "",
            )
            table.add_row(*(cell(cells[n]) for n in kept), key=p.id)
        hint = PEOPLE_HINT
        if not self.people:
            hint = (
                "No one matches the filter (Backspace to widen it)."
                if needle.strip()
                else "Nobody on the roster yet: press a to add someone."
            )
        self.query_one("#people-hint", Static).update(hint)
        for n, p in enumerate(self.people):
            if p.id == keep:
                table.move_cursor(row=n)

    @property
    def current(self) -> Person | None:
        table = self.query_one("#people-table", DataTable)
        if not self.people or table.cursor_row < 0 or table.cursor_row >= len(self.people):
            return None
        return self.people[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "edit", "remove", "forget") and reflect_app(self).store.read_only:
            return None
        if action in ("edit", "history", "remove", "forget", "export_person") and not self.people:
            return None
        return True

    def _saved(self, person: Person | None) -> None:
        if person is not None:
            self.reload(select=person.id)
            self.notify(f"Saved {person.name}.")

    def action_add(self) -> None:
        names = [p.name for p in self.people]
        self.app.push_screen(PersonDialog(None, names), self._saved)

    @on(DataTable.RowSelected, "#people-table")
    def action_edit(self) -> None:
        person = self.current
        if person is None or reflect_app(self).store.read_only:
            return
        names = [p.name for p in self.people if p.id != person.id]
        self.app.push_screen(PersonDialog(person, names), self._saved)

    def action_focus_filter(self) -> None:
        self.query_one("#people-filter", Input).focus()

    @on(Input.Changed, "#people-filter")
    def _filtered(self) -> None:
        self.reload()

    @on(Input.Submitted, "#people-filter")
    def _filter_done(self) -> None:
        self.query_one("#people-table", DataTable).focus()

    def action_history(self) -> None:
        person = self.current
        if person is not None:
            self.app.push_screen(PersonHistoryScreen(person.name))

    def action_back(self) -> None:
        self.dismiss()

    @work
    async def action_remove(self) -> None:
        person = self.current
        app = reflect_app(self)
        if person is None or app.store.read_only:
            return
        ok = await app.push_screen_wait(
            ConfirmScreen(
                f"Remove {person.name} from the roster? Past sessions keep the name as it was "
                "used. To take the name out of everything, use Forget everywhere (f).",
                yes="Remove",
                no="Keep",
            )
        )
        if not ok:
            return
        try:
            app.store.delete_person(person.id)
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return
        self.reload()
        self.notify(f"Removed {person.name} from the roster.")

    @work
    async def action_forget(self) -> None:
        from reflect_tui.dataprotection import forget

        person = self.current
        app = reflect_app(self)
        if person is None or app.store.read_only:
            return
        plan = forget.plan(app.store, person.name)
        preview = "\n".join(plan.lines(limit=5))
        ok = await app.push_screen_wait(
            ConfirmScreen(
                f"Forget {person.name} everywhere? This will change:\n{preview}\n"
                "Backups, autosave files and minutes change the same way. It cannot be undone.",
                yes="Forget",
                no="Cancel",
            )
        )
        if not ok:
            return
        try:
            report = forget.forget(app.store, person.name)
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return
        self.reload()
        self.notify(
            f"{person.name} is forgotten: {len(report.changed_sessions)} session(s) changed."
        )

    @work
    async def action_export_person(self) -> None:
        from reflect_tui.dataprotection import subject_access

        person = self.current
        app = reflect_app(self)
        if person is None:
            return
        folder = app.store.minutes_dir
        ok = await app.push_screen_wait(
            ConfirmScreen(
                f"Export everything held about {person.name} (sessions about them, private "
                f"fields included, actions, wellbeing) to {folder}? The files are not encrypted: "
                "hand them over, then delete them.",
                yes="Export",
                no="Cancel",
            )
        )
        if not ok:
            return
        try:
            written = subject_access.export(app.store, person.name, folder, force=True)
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return
        self.notify(f"Wrote {written[0].name} (and .html, .json) in {folder}", timeout=10)

    def palette_commands(self) -> Iterable[SystemCommand]:
        if not reflect_app(self).store.read_only:
            yield SystemCommand("Add person", "Add someone to the roster", self.action_add)
        if self.current is not None and not reflect_app(self).store.read_only:
            yield SystemCommand(
                f"Remove {self.current.name}", "Take them off the roster (Del)", self.action_remove
            )
            yield SystemCommand(
                f"Forget {self.current.name}",
                "Remove their name from everything, after a preview (f)",
                self.action_forget,
            )
        if self.current is not None:
            yield SystemCommand(
                f"Export all held about {self.current.name}",
                "Subject-access bundle: Markdown, HTML and JSON (x)",
                self.action_export_person,
            )
        if self.current is not None:
            yield SystemCommand(
                f"Sessions of {self.current.name}",
                "Their own sessions and wellbeing over time",
                self.action_history,
            )


class PersonHistoryScreen(Screen[None]):
    """One person's own sessions (where they are the subject), with their wellbeing trend."""

    DEFAULT_CSS = CSS
    AUTO_FOCUS = "#history-sessions"
    BINDINGS = [Binding("escape", "back", "Back", id="history.back")]  # noqa: RUF012

    def __init__(self, person: str) -> None:
        super().__init__()
        self.person = person

    def compose(self) -> ComposeResult:
        yield TopBar(f"sessions of {self.person}")
        with Vertical(id="history-body"):
            yield Static(f"Wellbeing over time — {self.person}", id="history-title")
            yield Static(id="history-chart")
            yield Static(id="history-words")
            yield OptionList(id="history-sessions")
        yield KeepFooter()

    def on_mount(self) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        app = reflect_app(self)
        store = app.store
        room = app.room_safe()  # room mode / shared screen: no confidential history at all
        points = [] if room else wellbeing.trend(store, self.person)
        chart = self.query_one("#history-chart", Static)
        # Each rating on its own scale (not stretched between the lowest and highest seen).
        line = "".join(block * 2 for block in wellbeing.sparkline(points))
        chart.update(Text(line, style="bold"))
        chart.display = bool(points)
        self.query_one("#history-words", Static).update(wellbeing.describe(points))
        key = name_key(self.person)
        box = self.query_one("#history-sessions", OptionList)
        box.clear_options()
        own = [
            s
            for s in store.list_sessions()
            if name_key(s.subject) == key and shown_on_screen(s, room=room)
        ]
        if not own:
            box.add_option(
                Option(Text("No sessions for this person yet.", style="dim"), disabled=True)
            )
        box.add_options(Option(summary_line(s), id=s.id) for s in own)

    @on(OptionList.OptionSelected, "#history-sessions")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if not event.option.id:
            return
        app = reflect_app(self)
        try:
            session = app.store.get_session(event.option.id)
        except UserError as err:
            self.notify(str(err), severity="error")
            return
        app.open_session(session)

    def action_back(self) -> None:
        self.dismiss()
