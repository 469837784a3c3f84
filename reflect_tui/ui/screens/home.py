"""Home: drafts in progress first, then recent sessions, open actions due soon.

On first run (an empty store) it offers the two things a newcomer wants: start
a session, or load the fictional demo data to look around.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeAlias

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from reflect_tui.domain.confidential import shown_on_screen
from reflect_tui.errors import UserError
from reflect_tui.ui.parts import Banner, TopBar, read_only_message, reflect_app, summary_line
from reflect_tui.ui.theme_style import themed
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.end_stop_list import EndStopOptionList
from reflect_tui.ui.widgets.footer import KeepFooter
from reflect_tui.ui.widgets.fuzzy import every_word_found

if TYPE_CHECKING:
    from reflect_tui.domain.session import Session
    from reflect_tui.store import Store
    from reflect_tui.store.facts import HomeFacts
    from reflect_tui.store.summary import SessionSummary
    from reflect_tui.ui.app import ReflectApp

# Home lists at most LIST_ROWS sessions before any filtering: the newest drafts first (at
# most DRAFT_ROWS of them), then the newest finished ones. The same number of rows at every
# store size keeps the first frame's cost flat (each row is measured and styled: 200 rows
# made a 20,000-session start about 0.1 s slower than a small one). The filter searches
# every session, and a line says how many are left out.
DRAFT_ROWS = 30
LIST_ROWS = 60
DUE_SOON_DAYS = 14
# The side panels (actions due, who is due) and the retention notice come from the
# store's small facts file (store/facts.py), read at once while it is below this size:
# its size follows the calendar (people, session types, dates), not the number of
# sessions, so it costs a few milliseconds at any store size. A bigger one, or facts
# that must be worked out again, are read on a worker thread after the first frame.
FACTS_INLINE_BELOW = 256 * 1024
# The first frame reads only what it shows, at every store size: the newest drafts and
# sessions "home" keeps in reflect.json, and the counts (reading every index shard of a
# 100-session store cost 5-8 ms of each start). The filter searches every summary: below
# this many sessions they are read when it is first used, at once (a few ms); from it on,
# on a worker thread.
LIST_INLINE_BELOW = 1000


def matches(s: SessionSummary, needle: str) -> bool:
    hay = " ".join(
        str(x)
        for x in (
            s.date,
            s.title,
            s.template_title,
            s.template_id,
            s.status,
            s.team,
            s.subject,
            s.facilitator,
            " ".join(s.participants or []),
        )
    )
    return every_word_found(needle, hay)


class HomeScreen(Screen[None]):
    DEFAULT_CSS = css_beside(__file__, "home.tcss")
    AUTO_FOCUS = "#sessions"
    BINDINGS = [  # noqa: RUF012
        Binding("n", "new_session", "New session", id="home.new"),
        Binding("slash", "focus_filter", "Filter", id="home.filter"),
        Binding("d", "load_demo", "Load demo data", id="home.demo"),
        Binding("p", "people", "People", id="home.people"),
        Binding("a", "actions", "Actions", id="home.actions"),
        # Off the footer: at 80 columns it would push F1 Help out (F1 and Ctrl+P list it).
        Binding("r", "report", "Thematic report", id="home.report", show=False),
        Binding("e", "export", "Export the highlighted session", id="home.export", show=False),
        Binding("s", "search_answers", "Search answers", id="home.search", show=False),
        Binding("escape", "clear_filter", "Clear filter", id="home.clear_filter", show=False),
        Binding(
            "f7",
            "room_mode",
            "Room mode",
            id="home.room",
            show=False,
            tooltip="Projector view: hides confidential sessions and their actions",
        ),
        Binding("delete", "delete_session", "Delete or discard", id="home.delete", show=False),
        Binding("b", "bin", "Bin (deleted sessions)", id="home.bin", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summaries: list[SessionSummary] = []  # what the list shows unfiltered, newest first
        self.total = 0  # sessions in the store (room mode or not)
        # Every session's summary, once read (always for a small store; for a big one
        # on a worker, when the filter or room mode needs it); None until then.
        self._everything: list[SessionSummary] | None = None
        self._more: tuple[int | None, int | None] = (0, 0)  # drafts, done not listed
        self._list_generation = 0
        self._loaded = False
        self._panels_generation = 0
        self.hidden_count = 0  # confidential sessions left out of the list
        self._known_ids: set[str] | None = None  # to highlight a session new since last look

    def compose(self) -> ComposeResult:
        yield TopBar("home")
        yield Banner(id="banner")
        with Vertical(id="home-body"):
            yield Input(
                placeholder="Filter: type words from a title, team, person or date",
                id="filter",
                compact=True,
            )
            yield EndStopOptionList(id="sessions")
            # Only an empty store needs the welcome box: not building it otherwise
            # saves styling five widgets at start-up.
            if not reflect_app(self).store.session_count():
                yield empty_box(offer_encryption(reflect_app(self).store))
            yield Static("Open actions due soon", id="actions-title")
            yield Static(id="actions")
            yield Static("Who is due a session", id="due-title")
            yield Static(id="due")
        yield KeepFooter()

    def on_mount(self) -> None:
        app = reflect_app(self)
        app.quiet_cursor(self.query_one("#filter", Input))
        if app.store.read_only:
            self.query_one(Banner).show(read_only_message(app))
        elif app.user_folders and app.library.problems:
            # A broken user template never stops the app, but nobody should wonder where it went.
            lines = "\n".join(str(p) for p in app.library.problems[:3])
            self.query_one(Banner).show(
                f"Some of your templates could not be read and are left out:\n{lines}\n"
                "Run `reflect templates validate FILE` for details."
            )
        if not app.store.read_only:
            from reflect_tui.ui.flows.erase_flow import tidy_bin

            # The bin's expired sessions are erased for good, once home is drawn.
            self.call_after_refresh(tidy_bin, self)
        self.reload()
        if not app.store.read_only and self.summaries:
            from reflect_tui.dataprotection import retention

            facts = self.facts_now()
            if facts is not None:  # kept by the store: no summary is read
                self.show_retention(retention.due_count(app.store, facts))
            else:  # facts to work out again (a damaged file): off the UI thread

                def work() -> None:
                    found = app.store.home_facts()
                    if found is not None:
                        due = retention.due_count(app.store, found)
                        app.post_from_any_thread(self.show_retention, due)

                self.run_worker(work, thread=True, group="home-retention", exit_on_error=False)

    def retention_notice(self, summaries: list[SessionSummary]) -> None:
        """A quiet line when records are past their retention period (never over a warning)."""
        from reflect_tui.dataprotection import retention

        self.show_retention(len(retention.due_in(reflect_app(self).store, summaries)))

    def show_retention(self, due: int) -> None:
        from reflect_tui.dataprotection import retention

        try:
            banner = self.query_one(Banner)
        except NoMatches:  # home was closed while a worker counted
            return
        if due and not banner.has_class("-shown"):
            banner.show(retention.notice(due))

    def _screen_resized(self, size: Size) -> None:
        # The terminal's first size report reaches home after home has been laid out at
        # that very size (the app reads the size when it starts): laying every row and
        # panel out again cost about 30 ms of each start before home could take a key.
        # A real change of size is laid out as usual.
        if self.is_attached and size == self._compositor.size:  # (the last layout's size)
            return
        super()._screen_resized(size)

    def on_screen_resume(self) -> None:
        if self._loaded:  # the first resume comes with the mount, already loaded
            self.reload()
        self._loaded = True

    # -- data -----------------------------------------------------------------

    def reload(self) -> None:
        app = reflect_app(self)
        store = app.store
        room = app.room_safe()
        self.total = store.session_count()
        self._list_generation += 1
        known = self._known_ids
        self._everything = None  # read when the filter needs it
        facts = self.facts_now()
        counts = Counts(
            self.total,
            store.draft_count(),
            None if facts is None else facts.confidential_drafts,
            None if facts is None else facts.confidential_done,
        )
        page = bounded_page(store.home_drafts(), store.home_recent(), counts, room)
        self.summaries, hidden, self._more = page
        # Only a draft can be new here (a session is started as a draft).
        fresh = [
            s
            for s in self.summaries
            if known is not None and str(s.status) == "draft" and s.id not in known
        ]
        if room and facts is None:  # the hidden count: once the facts are read, on a worker
            self.load_facts()
        self.hidden_count = hidden
        self._known_ids = {s.id for s in self.summaries}
        empty = not self.total
        self.set_class(empty, "-empty")
        self.refresh_bindings()
        # A session started since home was last shown (a new draft) gets the highlight.
        self.fill_list(
            self.query_one("#filter", Input).value, prefer=fresh[0].id if fresh else None
        )
        self.fill_panels()
        if empty:
            self.show_empty_box()

    def facts_now(self) -> HomeFacts | None:
        """The store's home facts if they cost nothing that grows with the store, else None.

        A small facts file is read at once; a big one is only used once it is in
        memory (read the first time on a worker thread).
        """
        store = reflect_app(self).store
        return store.home_facts(build=False, read=store.home_facts_size() < FACTS_INLINE_BELOW)

    def load_everything(self) -> None:
        """Read every session's summary on a worker thread, then refill the list from it."""
        generation = self._list_generation
        app = reflect_app(self)

        def work() -> None:
            everything = list(app.store.list_sessions())
            app.post_from_any_thread(self.got_everything, generation, everything)

        self.run_worker(work, thread=True, group="home-list", exclusive=True, exit_on_error=False)

    def load_facts(self) -> None:
        """Read the store's home facts on a worker thread, then draw the page again."""
        generation = self._list_generation
        app = reflect_app(self)

        def work() -> None:
            app.store.home_facts()
            app.post_from_any_thread(self.got_facts, generation)

        self.run_worker(work, thread=True, group="home-facts", exclusive=True, exit_on_error=False)

    def got_facts(self, generation: int) -> None:
        if generation == self._list_generation and self.is_attached:
            self.reload()

    def got_everything(self, generation: int, everything: list[SessionSummary]) -> None:
        if generation != self._list_generation:
            return  # a newer reload is on its way
        self._everything = everything
        summaries, self.hidden_count, self._more = page_of(
            everything, reflect_app(self).room_safe()
        )
        self.summaries = summaries
        with contextlib.suppress(NoMatches):  # home was closed while the worker ran
            self.fill_list(self.query_one("#filter", Input).value)

    def show_empty_box(self) -> None:
        """Focus the welcome box's first button, mounting the box if the store became empty."""
        found = self.query("#start")
        if found:
            found.first(Button).focus()
            return
        if not self.query("#empty"):  # not already being mounted (two reloads in a row)
            box = empty_box(offer_encryption(reflect_app(self).store))
            self.query_one("#home-body").mount(box, after="#sessions")

        def focus_start() -> None:
            started = self.query("#start")
            if started:
                started.first(Button).focus()

        self.call_after_refresh(focus_start)

    def fill_list(self, needle: str, prefer: str | None = None) -> None:
        sessions = self.query_one("#sessions", OptionList)
        keep = sessions.highlighted_option.id if sessions.highlighted_option else None
        if prefer is not None:
            keep = prefer
        if needle and self._everything is None and self.total < LIST_INLINE_BELOW:
            self._everything = list(reflect_app(self).store.list_sessions())
        if needle and self._everything is None:
            # A big store: the filter searches every session, read once off the UI thread.
            self.load_everything()
            sessions.clear_options()
            sessions.add_option(
                Option(Text("Searching every session…", style="dim"), disabled=True)
            )
            return
        sessions.clear_options()
        if needle:
            everything = self._everything or []
            room = reflect_app(self).room_safe()
            chosen = [s for s in everything if shown_on_screen(s, room=room) and matches(s, needle)]
        else:
            chosen = self.summaries
        drafts = [s for s in chosen if str(s.status) == "draft"]
        done = [s for s in chosen if str(s.status) != "draft"]
        more_drafts, more_done = (0, 0) if needle else self._more
        options: list[Option | None] = []
        if drafts:
            options.append(
                Option(Text("In progress — Enter to carry on", style="bold"), disabled=True)
            )
            options.extend(Option(summary_line(s), id=s.id) for s in drafts)
            if more_drafts is None or more_drafts > 0:
                options.append(more_line(more_drafts, "more sessions in progress"))
        if done:
            if options:
                options.append(None)
            options.append(
                Option(Text("Recent sessions — Enter to read", style="bold"), disabled=True)
            )
            options.extend(Option(summary_line(s), id=s.id) for s in done)
            if more_done is None or more_done > 0:
                options.append(more_line(more_done, "older sessions"))
        hidden = self.hidden_count
        if hidden:
            options.append(
                Option(
                    Text(
                        f"{hidden} confidential sessions hidden (room mode or shared screen)",
                        style="dim",
                    ),
                    disabled=True,
                )
            )
        if not options and self.summaries:
            options.append(
                Option(
                    Text(
                        "Nothing matches the filter (Esc clears it). To look inside the "
                        "answers: s, or Ctrl+P → Search answers.",
                        style="dim",
                    ),
                    disabled=True,
                )
            )
        sessions.add_options(options)
        if keep is not None:
            try:
                sessions.highlighted = sessions.get_option_index(keep)
                return
            except Exception:  # the option is gone after filtering
                pass
        for index in range(sessions.option_count):
            if not sessions.get_option_at_index(index).disabled:
                sessions.highlighted = index
                break

    def panel_lines(self) -> int:
        """Lines for each panel under the list: the list keeps most of a small terminal."""
        return 2 if self.app.size.height < 32 else 5

    def fill_panels(self) -> None:
        """Actions due soon and who is due: at once for a small store, else off the UI thread."""
        self._panels_generation += 1
        generation = self._panels_generation
        app = reflect_app(self)
        limit = self.panel_lines()
        # The store keeps what the panels need (its home facts): read at once, unless
        # they must be worked out again from the whole index (a damaged or missing file).
        if self.facts_now() is not None:
            self.show_panels(generation, *panel_texts(app, limit))
            return
        waiting = Text("…", style="dim")
        self.query_one("#actions", Static).update(waiting)
        self.query_one("#due", Static).update(waiting)

        def work() -> None:
            # Store reads take the store's state lock, so they are safe off the UI thread.
            texts = panel_texts(app, limit)
            app.post_from_any_thread(self.show_panels, generation, *texts)

        self.run_worker(work, thread=True, group="home-panels", exit_on_error=False)

    def show_panels(self, generation: int, actions: Text, due: Text) -> None:
        if generation != self._panels_generation:
            return  # a newer reload is on its way
        try:
            self.query_one("#actions", Static).update(actions)
            self.query_one("#due", Static).update(due)
        except NoMatches:  # home was closed while the worker ran
            pass

    def action_room_mode(self) -> None:
        app = reflect_app(self)
        app.room_mode = not app.room_mode
        self.reload()
        if app.room_mode:
            self.notify("Room mode on: confidential sessions and their actions are hidden (F7).")
        elif app.room_safe():
            self.notify("Room mode off, but the shared-screen setting still hides them.")
        else:
            self.notify("Room mode off.")

    def action_shared_screen(self) -> None:
        app = reflect_app(self)
        from dataclasses import replace

        from reflect_tui.domain.settings import Settings, save

        current = Settings.load(app.store)
        on = not current.shared_screen
        try:
            save(app.store, replace(current, shared_screen=on))
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return
        self.reload()
        self.notify(
            "Shared screen on: confidential sessions stay hidden until you turn it off."
            if on
            else "Shared screen off."
        )

    def action_people(self) -> None:
        reflect_app(self).open_people()

    def action_actions(self) -> None:
        reflect_app(self).open_actions()

    def action_search_answers(self) -> None:
        reflect_app(self).open_search(self.query_one("#filter", Input).value)

    def action_bin(self) -> None:
        reflect_app(self).open_bin()

    def action_report(self) -> None:
        reflect_app(self).open_report()

    # -- events ---------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter(self, event: Input.Changed) -> None:
        self.fill_list(event.value)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#sessions", OptionList).focus()

    @on(OptionList.OptionSelected, "#sessions")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.open_session(event.option.id)

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        self.action_new_session()

    @on(Button.Pressed, "#demo")
    def _demo(self) -> None:
        self.action_load_demo()

    @on(Button.Pressed, "#encrypt")
    @work
    async def _encrypt(self) -> None:
        await reflect_app(self).protect_folder(self)
        self.query("#encrypt").remove()

    def highlighted_session(self) -> Session | None:
        option = self.query_one("#sessions", OptionList).highlighted_option
        if option is None or not option.id:
            return None
        try:
            return reflect_app(self).store.get_session(option.id)
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return None

    @work
    async def action_export(self) -> None:
        session = self.highlighted_session()
        if session is None:
            self.notify("Highlight a session in the list first, then press e to export it.")
            return
        from reflect_tui.ui.flows.export_flow import export_minutes

        await export_minutes(self, session)

    @work
    async def action_delete_session(self) -> None:
        option = self.query_one("#sessions", OptionList).highlighted_option
        if option is None or not option.id:
            self.notify("Highlight a session in the list first, then press Delete.")
            return
        from reflect_tui.ui.flows.erase_flow import delete_session

        if await delete_session(self, option.id):
            self.reload()

    def open_session(self, session_id: str) -> None:
        app = reflect_app(self)
        try:
            session = app.store.get_session(session_id)
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return
        app.open_session(session)

    # -- actions --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "load_demo":  # (asked before the first reload too: the footer's keys)
            store = reflect_app(self).store
            return not store.read_only and store.session_count() == 0
        if action in ("new_session", "delete_session"):  # hidden in a read-only window
            return not reflect_app(self).store.read_only
        return True

    def action_new_session(self) -> None:
        if reflect_app(self).store.read_only:
            self.notify("This window is read-only: start new sessions in the other window.")
            return
        reflect_app(self).open_new_session()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        self.query_one("#sessions", OptionList).focus()

    def action_load_demo(self) -> None:
        app = reflect_app(self)
        if app.store.read_only or app.store.session_count():
            return
        try:
            load_demo(app)
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return
        self.reload()
        self.query_one("#sessions", OptionList).focus()
        self.notify("Demo data loaded: every name and story in it is made up.")

    def palette_commands(self) -> Iterable[SystemCommand]:
        if not reflect_app(self).store.read_only:
            yield SystemCommand(
                "New session", "Pick a template and start a session", self.action_new_session
            )
        yield SystemCommand("Filter sessions", "Search the session list", self.action_focus_filter)
        yield SystemCommand(
            "Room mode", "Hide confidential sessions and their actions (F7)", self.action_room_mode
        )
        if not reflect_app(self).store.read_only:
            yield SystemCommand(
                "Shared screen setting",
                "Always hide confidential sessions on this store's screens (on/off)",
                self.action_shared_screen,
            )
        if self.summaries:
            yield SystemCommand(
                "Export minutes",
                "Write the highlighted session's minutes to the minutes folder (e)",
                self.action_export,
            )
        if self.summaries and not reflect_app(self).store.read_only:
            yield SystemCommand(
                "Delete or discard session",
                "Move the highlighted session to the bin, or erase it for good (Delete)",
                self.action_delete_session,
            )
        yield SystemCommand(
            "Bin", "Deleted sessions: put one back, or erase it for good (b)", self.action_bin
        )
        if not self.summaries:
            yield SystemCommand(
                "Load demo data",
                "Fill the empty store with fictional sessions",
                self.action_load_demo,
            )


def offer_encryption(store: Store) -> bool:
    """A new, writable, plaintext folder: offer to encrypt it on the welcome box."""
    return not store.read_only and not store.encrypted


def empty_box(encrypt: bool = False) -> Center:
    buttons = [
        Button("Start a session (n)", id="start", variant="primary"),
        Button("Load demo data (d)", id="demo"),
    ]
    if encrypt:
        buttons.append(Button("Protect with a passphrase", id="encrypt"))
    return Center(
        Vertical(
            Static(
                "No sessions yet.\n\nStart your first session, or load some fictional "
                "demo data to look around first.",
                id="empty-text",
            ),
            *buttons,
            id="empty-box",
        ),
        id="empty",
    )


def more_line(count: int | None, what: str) -> Option:
    """The line under a capped list; ``count`` None: not counted yet (room mode, big store)."""
    number = "" if count is None else f"{count} "
    return Option(
        Text(f"… {number}{what}: type in the filter to find them", style="dim"),
        disabled=True,
    )


# A string: SessionSummary is imported for type checking only (off the start-up path).
Page: TypeAlias = "tuple[list[SessionSummary], int, tuple[int | None, int | None]]"


def page_of(everything: list[SessionSummary], room: bool) -> Page:
    """From every summary (newest first): what home lists before filtering.

    Returns (the listed summaries, newest first; how many confidential ones room
    mode hides; how many drafts and finished sessions are left out by the cap).
    """
    shown = [s for s in everything if shown_on_screen(s, room=room)]
    drafts = [s for s in shown if str(s.status) == "draft"]
    done = [s for s in shown if str(s.status) != "draft"]
    first_drafts, first_done = first_rows(drafts, done)
    listed = {s.id for s in (*first_drafts, *first_done)}
    return (
        [s for s in shown if s.id in listed],
        len(everything) - len(shown),
        (len(drafts) - len(first_drafts), len(done) - len(first_done)),
    )


def first_rows(
    drafts: list[SessionSummary], done: list[SessionSummary]
) -> tuple[list[SessionSummary], list[SessionSummary]]:
    """The drafts and finished sessions home lists before filtering (each newest first)."""
    shown_drafts = drafts[:DRAFT_ROWS]
    return shown_drafts, done[: LIST_ROWS - len(shown_drafts)]


@dataclass(frozen=True)
class Counts:
    """What the store counts for home (nothing read): sessions, drafts, confidential ones.

    The confidential counts come from the store's home facts; None while those must
    be worked out again (room mode then counts from every summary, on a worker).
    """

    total: int
    drafts: int
    secret_drafts: int | None = None
    secret_done: int | None = None


def bounded_page(
    drafts: list[SessionSummary], recent: list[SessionSummary], counts: Counts, room: bool
) -> Page:
    """The same page from the bounded reads of a big store: the newest drafts and sessions.

    ``drafts`` are the newest drafts the store keeps for home (at most 100), ``recent``
    the newest sessions of any status it keeps (200), so ``first_rows`` of them are
    listed; the counts of what is left out (and, in room mode, hidden) come from
    ``counts``.
    """
    shown_drafts, done = first_rows(
        [s for s in drafts if shown_on_screen(s, room=room)],
        [s for s in recent if str(s.status) != "draft" and shown_on_screen(s, room=room)],
    )
    listed = [*shown_drafts, *done]
    listed.sort(key=lambda s: s.sort_key, reverse=True)
    finished = counts.total - counts.drafts
    if not room:
        more: tuple[int | None, int | None] = (
            max(0, counts.drafts - len(shown_drafts)),
            max(0, finished - len(done)),
        )
        return listed, 0, more
    if counts.secret_drafts is None or counts.secret_done is None:
        return listed, 0, (None, None)  # counted once every summary is read
    more = (
        max(0, counts.drafts - counts.secret_drafts - len(shown_drafts)),
        max(0, finished - counts.secret_done - len(done)),
    )
    return listed, counts.secret_drafts + counts.secret_done, more


def panel_texts(app: ReflectApp, limit: int) -> tuple[Text, Text]:
    """The two side panels' contents, from the store's home facts (any thread)."""
    from reflect_tui.ui.flows.followup import due_text

    room = bool(app.room_safe())
    facts = app.store.home_facts()
    return (
        actions_text(app.store, app.clock.now().date(), limit, room=room),
        due_text(app, limit=limit, facts=facts),
    )


def actions_text(store: Store, today: date, limit: int, *, room: bool = False) -> Text:
    """Open actions due soon (overdue first), at most ``limit`` lines and a count of the rest."""
    rows, count, hidden = due_actions_counted(store, today, room=room)
    if not rows:
        if hidden:
            return Text(
                f"{hidden} actions from confidential sessions are hidden (room mode).", style="dim"
            )
        return Text("Nothing due in the next two weeks.", style="dim")
    text = Text(no_wrap=True, overflow="ellipsis")
    for n, (due, what, owner) in enumerate(rows[:limit]):
        if n:
            text.append("\n")
        style = themed("bold $text-error") if due < today else ""
        label = "overdue" if due < today else str(due)
        text.append(f"{label:>10}  ", style=style)
        text.append(what)
        if owner:
            text.append(f" — {owner}", style="dim")
    if count > limit:
        text.append(f"\n{'':>10}  … and {count - limit} more", style="dim")
    if hidden:
        text.append(f"\n{'':>10}  {hidden} from confidential sessions hidden", style="dim")
    return text


def due_actions_counted(
    store: Store, today: date, *, room: bool = False
) -> tuple[list[tuple[date, str, str]], int, int]:
    """The first open actions due within DUE_SOON_DAYS (overdue ones too), soonest first;
    how many are due in all; and how many of them a room-safe screen leaves out.

    From the store's home facts: neither the open actions nor any shard is read.
    """
    facts = store.home_facts()
    assert facts is not None
    found, count, hidden = facts.due_soon(today + timedelta(days=DUE_SOON_DAYS), room=room)
    return [(a.due, a.what, a.owner) for a in found], count, hidden


def load_demo(app: ReflectApp) -> None:
    from reflect_tui.store import demo

    demo.load_demo(app.store, app.library, app.clock)
