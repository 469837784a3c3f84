"""Search answers: the same search as `reflect search`, from the palette ("Search answers").

Type words and press Enter; each hit shows the session, the step and the words
around the match; Enter on a hit opens its session. Private fields are never
searched here. Hits in confidential sessions are marked CONFIDENTIAL.
The sessions are read once, on a worker thread, when the first search runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from reflect_tui.errors import UserError
from reflect_tui.search import Hit
from reflect_tui.services.errors import NothingToFind
from reflect_tui.services.search import Searcher, has_words
from reflect_tui.ui.parts import Banner, TopBar, reflect_app
from reflect_tui.ui.widgets._css import css_beside
from reflect_tui.ui.widgets.footer import KeepFooter

if TYPE_CHECKING:
    from reflect_tui.ui.app import ReflectApp

CSS = css_beside(__file__, "search.tcss")
MAX_SHOWN = 500


def palette_commands(app: ReflectApp) -> Iterable[SystemCommand]:
    yield SystemCommand(
        "Search answers",
        "Find words in session titles and answers (never private fields)",
        app.open_search,
    )


def hit_text(hit: Hit) -> Text:
    """Two lines: the session (marked if confidential), then the step and the snippet."""
    text = Text()
    text.append(f"{hit.session_date.isoformat()}  {hit.session_title}", style="bold")
    if hit.confidential:
        text.append("  CONFIDENTIAL", style="bold reverse")
    where = "Title" if not hit.step_id else f"{hit.step_title} › {hit.field_label}"
    text.append(f"\n  {where}: ")
    text.append(hit.snippet[: hit.start])
    text.append(hit.snippet[hit.start : hit.end], style="bold underline")
    text.append(hit.snippet[hit.end :])
    return text


class SearchScreen(Screen[None]):
    DEFAULT_CSS = CSS
    AUTO_FOCUS = "#search-text"
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "back", "Back", id="search.back"),
        Binding("slash", "focus_text", "Search", id="search.focus"),
    ]

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self.initial = text.strip()
        self.searcher: Searcher | None = None
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield TopBar("search")
        yield Banner(id="banner")
        with Vertical(id="search-body"):
            yield Input(
                self.initial,
                placeholder="words to find in titles and answers, then Enter",
                id="search-text",
            )
            yield OptionList(id="search-results")
            yield Static("Private fields are never searched.", id="search-count")
        yield KeepFooter()

    def on_mount(self) -> None:
        reflect_app(self).quiet_cursor(self.query_one("#search-text", Input))
        if self.initial:
            self.search_in_thread(self.initial)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_focus_text(self) -> None:
        self.query_one("#search-text", Input).focus()

    @on(Input.Submitted, "#search-text")
    def run_search(self, event: Input.Submitted) -> None:
        event.stop()
        query = event.value.strip()
        if has_words(query):
            self.query_one("#search-count", Static).update(f"Searching for {query!r}…")
            self.search_in_thread(query)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search_in_thread(self, query: str) -> None:
        app = reflect_app(self)
        if self.searcher is None:
            self.searcher = Searcher(app.store)
        try:
            hits = self.searcher.find(query)
        except NothingToFind:
            hits = []
        app.call_from_thread(self.show_hits, query, hits)

    def show_hits(self, query: str, hits: list[Hit]) -> None:
        self.hits = hits[:MAX_SHOWN]
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        results.add_options(Option(hit_text(h), id=str(n)) for n, h in enumerate(self.hits))
        sessions = len({h.session_id for h in hits})
        count = (
            f"{len(hits)} match{'es' if len(hits) != 1 else ''} in {sessions} "
            f"session{'s' if sessions != 1 else ''} for {query!r}"
            if hits
            else f"Nothing matches {query!r}"
        )
        shown = f" (first {MAX_SHOWN} shown)" if len(hits) > MAX_SHOWN else ""
        self.query_one("#search-count", Static).update(
            f"{count}{shown}. Private fields are never searched."
        )
        if self.hits:
            results.highlighted = 0
            results.focus()

    @on(OptionList.OptionSelected, "#search-results")
    def open_hit(self, event: OptionList.OptionSelected) -> None:
        hit = self.hits[int(event.option.id or 0)]
        app = reflect_app(self)
        try:
            session = app.store.get_session(hit.session_id)
        except UserError as err:
            self.query_one(Banner).show(str(err), error=True)
            return
        app.open_session(session)
