"""Home on a long-lived store: short lists first, the side panels may follow the first frame."""

from __future__ import annotations

from pathlib import Path

import pytest
from harness import build_app, new_clock
from textual.widgets import Input, OptionList, Static

from reflect_tui.domain.session import Session
from reflect_tui.store import Store
from reflect_tui.store.demo import fill
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.screens import home as home_mod
from reflect_tui.ui.screens.home import DRAFT_ROWS, LIST_ROWS, HomeScreen, panel_texts


def option_texts(options: OptionList) -> list[str]:
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_many_drafts_are_capped_like_recent_sessions_and_the_filter_finds_the_rest(
    tmp_path: Path,
) -> None:
    template = TemplateLibrary.from_dirs([]).get("team-reflection")
    extra = 30
    drafts = [
        Session.start(template, f"Draft number {n:03d}", new_clock().now())
        for n in range(DRAFT_ROWS + extra)
    ]
    with Store.open(tmp_path / "data", new_clock()) as store:
        store.save_sessions(drafts)
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        listed = home.query_one("#sessions", OptionList)
        texts = option_texts(listed)
        assert sum("Draft number" in t for t in texts) == DRAFT_ROWS
        assert any(f"{extra} more sessions in progress" in t for t in texts)
        hidden = next(
            d.title for d in drafts if not any(d.title in t for t in texts)
        )  # one that is not on the first page
        await pilot.press("slash", *hidden)
        await pilot.pause()
        assert any(hidden in t for t in option_texts(listed))


async def test_side_panels_of_a_big_store_are_filled_after_the_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = new_clock()
    with Store.open(tmp_path / "data", clock) as store:
        fill(store, TemplateLibrary.from_dirs([]).templates(), clock, 40, 3)
    monkeypatch.setattr(home_mod, "FACTS_INLINE_BELOW", 1)  # treat these facts as big
    app = build_app(tmp_path / "data", clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert home.query_one("#sessions", OptionList).option_count > 0
        await app.workers.wait_for_complete()
        await pilot.pause()
        actions, due = panel_texts(app, home.panel_lines())
        assert str(home.query_one("#actions", Static).render()) == str(actions)
        assert str(home.query_one("#due", Static).render()) == str(due)
        assert str(actions) != "…"


async def test_the_home_filter_forgives_accents_case_and_a_missed_letter(tmp_path: Path) -> None:
    template = TemplateLibrary.from_dirs([]).get("team-reflection")
    wanted = Session.start(template, "Debrief with Zoë", new_clock().now())
    wanted.team = "North Family Support"
    other = Session.start(template, "Quarterly check-in", new_clock().now())
    other.team = "South Probation"
    with Store.open(tmp_path / "data", new_clock()) as store:
        store.save_sessions([wanted, other])
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        listed = app.screen.query_one("#sessions", OptionList)
        box = app.screen.query_one("#filter", Input)
        for typed in ("zoe", "ZOË nrth", "debrief famly"):
            box.value = ""
            box.focus()
            await pilot.press(*typed)
            await pilot.pause()
            texts = option_texts(listed)
            assert any("Debrief with Zoë" in t for t in texts), typed
            assert not any("Quarterly check-in" in t for t in texts), typed


async def test_a_big_store_lists_its_newest_sessions_first_and_the_filter_still_finds_the_oldest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = new_clock()
    with Store.open(tmp_path / "data", clock) as store:
        fill(store, TemplateLibrary.from_dirs([]).templates(), clock, 150, 3)
        everything = store.list_sessions()
        newest_done = next(s for s in everything if str(s.status) != "draft")
        oldest = everything[-1]
        finished = sum(1 for s in everything if str(s.status) != "draft")
        listed_drafts = min(DRAFT_ROWS, len(everything) - finished)
    monkeypatch.setattr(home_mod, "LIST_INLINE_BELOW", 1)  # treat this store as big
    app = build_app(tmp_path / "data", clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        listed = home.query_one("#sessions", OptionList)
        texts = option_texts(listed)
        assert any(newest_done.title in t for t in texts)
        assert any(f"{finished - (LIST_ROWS - listed_drafts)} older sessions" in t for t in texts)
        ids = {listed.get_option_at_index(i).id for i in range(listed.option_count)}
        assert oldest.id not in ids  # beyond the first page
        assert home._everything is None  # nothing has read the whole list yet
        await pilot.press("slash", *oldest.title)
        await app.workers.wait_for_complete()
        await pilot.pause()
        ids = {listed.get_option_at_index(i).id for i in range(listed.option_count)}
        assert oldest.id in ids


async def test_a_big_store_draws_home_and_comes_back_to_it_from_bounded_data_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Start, room mode and Esc back to home read the home table and the store's facts only.

    Nothing that reads every summary or every index shard runs on the UI thread.
    """
    import threading

    from reflect_tui.domain.template import Confidentiality

    clock = new_clock()
    with Store.open(tmp_path / "data", clock) as store:
        fill(store, TemplateLibrary.from_dirs([]).templates(), clock, 60, 3)
        everything = store.list_sessions()
        secret = sum(1 for s in everything if s.confidentiality is Confidentiality.CONFIDENTIAL)
    assert secret
    monkeypatch.setattr(home_mod, "LIST_INLINE_BELOW", 1)  # treat this store as big
    monkeypatch.setattr(home_mod, "FACTS_INLINE_BELOW", 1)
    on_ui: list[str] = []
    for name in ("list_sessions", "actions", "_entries"):
        real = getattr(Store, name)

        def spy(self: Store, *args: object, _real: object = real, _name: str = name) -> object:
            if threading.current_thread() is threading.main_thread():
                on_ui.append(_name)
            return _real(self, *args)  # type: ignore[operator]

        monkeypatch.setattr(Store, name, spy)
    app = build_app(tmp_path / "data", clock)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        # The facts are read from their files once, on a worker, after the first frame.
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert on_ui == []
        expected_panels = panel_texts(app, home.panel_lines())
        assert str(home.query_one("#actions", Static).render()) == str(expected_panels[0])
        assert str(home.query_one("#due", Static).render()) == str(expected_panels[1])
        await pilot.press("f7")  # room mode: the hidden count comes from the facts
        await pilot.pause()
        texts = option_texts(home.query_one("#sessions", OptionList))
        assert any(f"{secret} confidential sessions hidden" in t for t in texts)
        await pilot.press("f7")
        app.open_people()
        await pilot.pause()
        await pilot.press("escape")  # back to home: drawn at once, from memory
        await pilot.pause()
        assert app.screen is home
        assert str(home.query_one("#actions", Static).render()) == str(expected_panels[0])
        assert on_ui == []


async def test_home_draws_its_footer_keys_once_at_start_and_follows_a_real_resize(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.widgets._footer import FooterKey

    from reflect_tui.ui.widgets.footer import KeepFooter

    clock = new_clock()
    with Store.open(tmp_path / "data", clock) as store:
        fill(store, TemplateLibrary.from_dirs([]).templates(), clock, 30, 3)
    rebuilt: list[int] = []
    original = KeepFooter.recompose

    async def counted(footer: KeepFooter) -> None:
        rebuilt.append(1)
        await original(footer)

    monkeypatch.setattr(KeepFooter, "recompose", counted)
    app = build_app(tmp_path / "data", clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeepFooter)
        keys = [str(k.key) for k in footer.query(FooterKey)]
        assert keys[:2] == ["f1", "ctrl+q"] and "n" in keys
        assert "d" not in keys  # no sample data offered: this store has sessions
        assert rebuilt == []  # the first frame's keys were the right ones
        listed = app.screen.query_one("#sessions", OptionList)
        narrow = listed.size.width
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert listed.size.width > narrow and app.screen.size.width == 120


async def test_home_styles_each_footer_key_once_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from textual.dom import DOMNode
    from textual.widgets._footer import FooterKey

    from reflect_tui.ui.app import ReflectApp
    from reflect_tui.ui.widgets.footer import KeepFooter

    restyled: list[DOMNode] = []
    original = ReflectApp.update_styles

    def counted(app: ReflectApp, node: DOMNode, animate: bool = True) -> None:
        restyled.append(node)
        original(app, node, animate)

    monkeypatch.setattr(ReflectApp, "update_styles", counted)
    app = build_app(tmp_path / "data")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        keys = list(app.screen.query_one(KeepFooter).query(FooterKey))
        assert keys
        # Styled when mounted, never again for a class that only flips back.
        assert [n for n in restyled if isinstance(n, FooterKey)] == []
        # Home's footer is the wide one; only the palette key is drawn compact.
        assert [k.has_class("-compact") for k in keys] == [
            k.has_class("-command-palette") for k in keys
        ]


async def test_a_small_store_draws_home_without_reading_the_index_and_filters_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect_tui.store import layout

    clock = new_clock()
    with Store.open(tmp_path / "data", clock) as store:
        fill(store, TemplateLibrary.from_dirs([]).templates(), clock, 90, 3)
        oldest = store.list_sessions()[-1]
    shards_read: list[str] = []
    real = layout.Files.read_shard

    def counted(files: layout.Files, name: str, expect: layout.Doc | None, store_id: str) -> object:
        shards_read.append(name)
        return real(files, name, expect, store_id)

    monkeypatch.setattr(layout.Files, "read_shard", counted)
    app = build_app(tmp_path / "data", clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        listed = home.query_one("#sessions", OptionList)
        ids = {listed.get_option_at_index(i).id for i in range(listed.option_count)}
        assert oldest.id not in ids  # beyond the first page
        assert shards_read == []  # the first frame came from reflect.json alone
        await pilot.press("slash", *oldest.title)
        # No worker to wait for: a small store's summaries are read as the filter starts.
        ids = {listed.get_option_at_index(i).id for i in range(listed.option_count)}
        assert oldest.id in ids
        assert shards_read
