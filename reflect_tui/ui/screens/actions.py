"""Actions: every agreed action, filtered by owner, team, status or overdue; change status.

A change is written to the session that agreed the action (with a follow-up
line for its minutes), the same as ``reflect actions done ID``.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Checkbox, DataTable, Input, Select, Static

from reflect_tui.domain.answers import ActionStatus
from reflect_tui.errors import UserError
from reflect_tui.followup.listing import ActionRow, filter_rows, rows, screen_rows
from reflect_tui.followup.people import teams
from reflect_tui.services import carry
from reflect_tui.ui.dialogs.followup_dialogs import NoteDialog
from reflect_tui.ui.parts import Banner, TopBar, read_only_message, reflect_app
from reflect_tui.ui.theme_style import themed
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.fit_table import Column, cell, set_columns
from reflect_tui.ui.widgets.footer import KeepFooter
from reflect_tui.ui.widgets.fuzzy import matches
from reflect_tui.ui.widgets.glyphs import GlyphCheckbox

CSS = css_beside(__file__, "actions.tcss")

STATUS_CHOICES = [("Open", "open"), ("Done", "done"), ("Dropped", "dropped")]
VERBS = {
    "done": (ActionStatus.DONE, "Mark done"),
    "drop": (ActionStatus.DROPPED, "Drop"),
    "reopen": (ActionStatus.OPEN, "Reopen"),
}


# The action is the main text: at 80 columns "From" and "Team" go (the team filter and
# the record still say them) and the owner shortens, so the action keeps ~40 characters.
ACTION_COLUMNS = (
    Column("Due", 10, 10),
    Column("Status", 7, 7),
    Column("Owner", 16, 10, drop=3),
    Column("Team", 20, 10, drop=2),
    Column("Action", 40, 36, main=True),
    Column("From", 24, 12, drop=1),
)


class ActionsScreen(Screen[None]):
    DEFAULT_CSS = CSS
    AUTO_FOCUS = "#actions-table"
    BINDINGS = [  # noqa: RUF012
        Binding("d", "change('done')", "Done", id="actions.done"),
        Binding("x", "change('drop')", "Drop", id="actions.drop"),
        Binding("o", "change('reopen')", "Reopen", id="actions.reopen"),
        Binding("slash", "focus_filter", "Filter", id="actions.filter"),
        Binding("escape", "back", "Back", id="actions.back"),
    ]

    def __init__(self, *, owner: str = "", overdue: bool = False) -> None:
        super().__init__()
        self.initial_owner = owner
        self.initial_overdue = overdue
        self.all_rows: list[ActionRow] = []
        self.shown: list[ActionRow] = []
        self.hidden_count = 0  # actions of confidential sessions left out

    def compose(self) -> ComposeResult:
        yield TopBar("actions")
        yield Banner(id="banner")
        with Vertical(id="actions-body"):
            with Horizontal(id="actions-filters"):
                yield Input(self.initial_owner, placeholder="owner", id="filter-owner")
                yield Select[str]([], prompt="any team", id="filter-team")
                yield Select[str](STATUS_CHOICES, prompt="any status", id="filter-status")
                yield GlyphCheckbox("overdue only", self.initial_overdue, id="filter-overdue")
            table: DataTable[Text | str] = DataTable(id="actions-table", cursor_type="row")
            yield table
            yield Static(id="actions-count")
        yield KeepFooter()

    def on_mount(self) -> None:
        app = reflect_app(self)
        app.quiet_cursor(self.query_one("#filter-owner", Input))
        if app.store.read_only:
            self.query_one(Banner).show(read_only_message(app))
        self.reload()

    def on_resize(self) -> None:
        self.refilter()

    def reload(self) -> None:
        store = reflect_app(self).store
        everything = rows(store.actions(), store.list_sessions(), store.people())
        # Room mode / shared screen: confidential sessions' actions are not shown at all.
        self.all_rows = screen_rows(everything, room=reflect_app(self).room_safe())
        self.hidden_count = len(everything) - len(self.all_rows)
        names = sorted(
            {*teams(store.people()), *(r.team for r in self.all_rows if r.team)}, key=str.casefold
        )
        select = self.query_one("#filter-team", Select)
        current = select.value
        select.set_options([(t, t) for t in names])
        if isinstance(current, str) and current in names:
            select.value = current
        self.refilter()

    def refilter(self) -> None:
        today = reflect_app(self).clock.now().date()
        team = self.query_one("#filter-team", Select).value
        status = self.query_one("#filter-status", Select).value
        owner = self.query_one("#filter-owner", Input).value.strip()
        self.shown = filter_rows(
            self.all_rows,
            today=today,
            owner="",  # matched below: "ruth" finds Ruth Amadi, accents or not
            team=team if isinstance(team, str) else "",
            status=ActionStatus(status) if isinstance(status, str) else None,
            overdue=self.query_one("#filter-overdue", Checkbox).value,
        )
        if owner:
            self.shown = [r for r in self.shown if matches(owner, r.action.owner)]
        table = self.query_one("#actions-table", DataTable)
        keep = table.cursor_row
        kept = set_columns(table, ACTION_COLUMNS)
        for r in self.shown:
            a = r.action
            late = r.overdue(today)
            state = Text("OVERDUE", style=themed("bold $error")) if late else Text(a.status.value)
            if a.status is ActionStatus.DONE:
                state.stylize(themed("$success"))
            what = Text(a.what or "(no description)", no_wrap=True, overflow="ellipsis")
            if a.note:
                what.append(f" — {a.note}", style="dim italic")
            source = Text(r.origin_title, style="dim", no_wrap=True, overflow="ellipsis")
            if r.confidential:
                source.append("  CONFIDENTIAL", style=themed("bold $error"))
            cells = (
                a.due.isoformat() if a.due else "—",
                state,
                a.owner or "—",
                r.team or "—",
                what,
                source,
            )
            table.add_row(*(cell(cells[n]) for n in kept), key=a.id)
        if self.shown:
            table.move_cursor(row=min(max(keep, 0), len(self.shown) - 1))
        overdue = sum(1 for r in self.shown if r.overdue(today))
        hidden = self.hidden_count
        secret = f" · {hidden} from confidential sessions hidden" if hidden else ""
        self.query_one("#actions-count", Static).update(
            f"{len(self.shown)} of {len(self.all_rows)} actions shown · "
            f"{overdue} overdue{secret} · d: done · x: drop · o: reopen · /: filter"
        )

    @on(Input.Changed, "#filter-owner")
    @on(Select.Changed)
    @on(Checkbox.Changed, "#filter-overdue")
    def _filters(self) -> None:
        self.refilter()

    @on(Input.Submitted, "#filter-owner")
    def _owner_done(self) -> None:
        self.query_one("#actions-table", DataTable).focus()

    @property
    def current(self) -> ActionRow | None:
        table = self.query_one("#actions-table", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "change" and (reflect_app(self).store.read_only or not self.shown):
            return None
        return True

    def action_change(self, verb: str) -> None:
        row = self.current
        if row is None or reflect_app(self).store.read_only:
            return
        status, label = VERBS[verb]
        if row.action.status is status:
            self.notify(f"That action is already {status.value}.")
            return

        def apply(note: str | None) -> None:
            if note is None:
                return
            app = reflect_app(self)
            try:
                carry.set_action_status(
                    app.store,
                    row.action.id,
                    status,
                    today=app.clock.now().date(),
                    note=note if note.strip() else None,
                )
            except UserError as err:
                self.query_one(Banner).show(str(err), error=True)
                return
            self.reload()
            self.notify(f"{row.action.what!r} is now {status.value}.")

        question = f"{label}: {row.action.what}"
        self.app.push_screen(NoteDialog(question, ok=label), apply)

    def action_focus_filter(self) -> None:
        self.query_one("#filter-owner", Input).focus()

    def action_back(self) -> None:
        self.dismiss()

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Filter actions", "Filter by owner", self.action_focus_filter)
        if self.current is not None and not reflect_app(self).store.read_only:
            yield SystemCommand(
                "Mark action done", "With an optional note", lambda: self.action_change("done")
            )
