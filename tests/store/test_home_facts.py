"""Home facts: what home's panels read always equals the full computation from every session.

Stories: a person runs, finishes, edits, re-dates, deletes and purges sessions, carries
actions forward, closes and reopens them, forgets a person; after every change the
facts the store keeps (``Store.home_facts``) say exactly what reading every summary and
every action would say. Facts that cannot be trusted (missing, damaged, stale, from
another folder) are worked out again, never used.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from store_samples import TEMPLATE

from reflect_tui.domain.answers import ActionItem, ActionStatus, action_items
from reflect_tui.domain.clock import FixedClock
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Confidentiality, SessionKind
from reflect_tui.followup.carry import origin_id
from reflect_tui.followup.due import latest
from reflect_tui.store import Store, layout
from reflect_tui.store import facts as facts_mod
from reflect_tui.store.facts import Doc, HomeFacts, LastSession

CLOCK = FixedClock(datetime(2026, 3, 2, 9, 30))
TEMPLATES = (
    TEMPLATE,
    replace(TEMPLATE, id="decompression", title="Decompression", kind=SessionKind.INDIVIDUAL),
    replace(TEMPLATE, id="one-to-one", title="Supervision", kind=SessionKind.ONE_TO_ONE),
)
NAMES = ("Asha Patel", "asha  patel", "Ben Okafor", "")


def expected(store: Store) -> dict[str, object]:
    """The full computation: every summary and every action, as the screens that list all do."""
    summaries = store.list_sessions()
    by_id = {s.id: s for s in summaries}
    actions = {}
    for stored in store.actions():
        if stored.action.status is not ActionStatus.OPEN:
            continue
        origin = by_id.get(origin_id(stored))
        actions[stored.action.id] = (
            stored.action,
            stored.session_id,
            origin_id(stored),
            bool(origin and origin.confidentiality is Confidentiality.CONFIDENTIAL),
        )
    last = {
        (key[0], key[1].value): LastSession(s.date, s.confidentiality.value == "confidential")
        for key, s in latest(summaries).items()
    }
    retention: dict[tuple[str, str], Counter[date]] = {}
    for s in summaries:
        retention.setdefault((s.template_id, s.kind.value), Counter())[s.date] += 1
    secret = [s for s in summaries if s.confidentiality is Confidentiality.CONFIDENTIAL]
    drafts = [s for s in summaries if s.status is Status.DRAFT]
    dated = sorted(
        (a.due, a.what, a.owner, secret)
        for a, _, _, secret in actions.values()
        if a.due is not None
    )
    return {
        "actions": actions,
        "due soon": [panel(dated, horizon, room) for horizon in HORIZONS for room in (False, True)],
        "last": last,
        "retention": {k: dict(v) for k, v in retention.items()},
        "confidential": (
            sum(1 for s in secret if s.status is Status.DRAFT),
            sum(1 for s in secret if s.status is not Status.DRAFT),
        ),
        "home drafts": [s.id for s in drafts[: layout.HOME_DRAFTS]],
        "draft count": len(drafts),
    }


# Panel horizons: before every due date, among them, after them all.
HORIZONS = (date(2024, 1, 1), date(2025, 2, 1), date(2025, 3, 15), date(2027, 1, 1))


def panel(
    dated: list[tuple[date, str, str, bool]], horizon: date, room: bool
) -> tuple[list[tuple[date, str, str]], int, int]:
    """What the "due soon" panel shows up to ``horizon``, worked out from every open action."""
    due = [row for row in dated if row[0] <= horizon]
    shown = [row for row in due if not (room and row[3])]
    return [row[:3] for row in shown[: facts_mod.PANEL_KEEP]], len(shown), len(due) - len(shown)


def kept(store: Store, facts: HomeFacts) -> dict[str, object]:
    soon = []
    for horizon in HORIZONS:
        for room in (False, True):
            rows, count, hidden = facts.due_soon(horizon, room=room)
            soon.append(([(a.due, a.what, a.owner) for a in rows], count, hidden))
    writer = store._facts_ready()  # the open actions the writer keeps (home never reads them)
    return {
        "actions": {
            a.action.id: (a.action, a.session_id, a.origin_id, a.origin_confidential)
            for a in writer.open_actions()
        },
        "due soon": soon,
        "last": dict(facts.last_sessions),
        "retention": {k: dict(v) for k, v in facts.retention.items()},
        "confidential": (facts.confidential_drafts, facts.confidential_done),
        "home drafts": [s.id for s in store.home_drafts()],
        "draft count": store.draft_count(),
    }


def check(store: Store) -> None:
    facts = store.home_facts()
    assert facts is not None
    # Compared first (before the full reads below touch the store's memory).
    got = kept(store, facts)
    assert got == expected(store)


class Story:
    """Random but repeatable changes, as a person would make them in the app."""

    def __init__(self, store: Store, seed: int) -> None:
        self.store = store
        self.rng = random.Random(seed)
        self.n = 0

    def pick(self) -> Session | None:
        ids = [s.id for s in self.store.list_sessions()]
        return self.store.get_session(self.rng.choice(ids)) if ids else None

    def new(self) -> None:
        self.n += 1
        template = self.rng.choice(TEMPLATES)
        when = datetime(2025, 1, 1, 9) + timedelta(days=self.rng.randrange(0, 60))
        session = Session.start(
            template,
            f"Session {self.n}",
            when,
            subject=self.rng.choice(NAMES),
            confidentiality=self.rng.choice(list(Confidentiality)),
        )
        if self.rng.random() < 0.5:
            action_items(session.answers["actions"]).append(
                ActionItem(what=f"do {self.n}", owner="Sam", due=self.due(), created_in=session.id)
            )
        self.store.save_session(session)

    def due(self) -> date | None:
        """A due date in January to March 2025, or none."""
        days = self.rng.randrange(-10, 90)
        return None if days < 0 else date(2025, 1, 1) + timedelta(days=days)

    def change(self) -> None:
        session = self.pick()
        if session is None:
            return self.new()
        items = action_items(session.answers["actions"])
        what = self.rng.randrange(11)
        if what == 0:
            session.status = Status.COMPLETE if session.status is Status.DRAFT else Status.DRAFT
        elif what == 1:  # moved forward or back
            session.date += timedelta(days=self.rng.randrange(-20, 21))
        elif what == 2:
            session.title = f"{session.title} (edited)"
        elif what == 3:
            session.confidentiality = self.rng.choice(list(Confidentiality))
        elif what == 4:
            session.subject = self.rng.choice(NAMES)
        elif what == 5 and items:  # closed, or reopened
            item = self.rng.choice(items)
            item.status = (
                ActionStatus.OPEN if item.status is not ActionStatus.OPEN else ActionStatus.DONE
            )
        elif what == 6 and items:
            items.remove(self.rng.choice(items))
        elif what == 7:  # an open action carried forward from another session
            open_ones = [a for a in self.store.actions() if a.action.status is ActionStatus.OPEN]
            if open_ones:
                carried = self.rng.choice(open_ones).action
                if all(a.id != carried.id for a in items):
                    status = self.rng.choice([ActionStatus.OPEN, ActionStatus.DONE])
                    items.append(replace(carried, status=status))
        elif what == 8:
            items.append(ActionItem(what="new", due=self.due(), created_in=session.id))
        elif what == 9 and items:  # re-dated
            self.rng.choice(items).due = self.due()
        else:
            session.answers["notes"] = f"typed {self.rng.random()}"
        self.store.save_session(session)
        return None

    def delete(self) -> None:
        session = self.pick()
        if session is not None:
            self.store.delete_session(session.id)

    def step(self) -> None:
        roll = self.rng.random()
        if roll < 0.35:
            self.new()
        elif roll < 0.9:
            self.change()
        else:
            self.delete()


@pytest.fixture(autouse=True)
def few_drafts_in_home(monkeypatch: pytest.MonkeyPatch) -> None:
    # Home keeps 100 drafts; 3 here, so the older drafts (found through the facts) are used.
    monkeypatch.setattr(layout, "HOME_DRAFTS", 3)


def test_facts_equal_the_full_computation_after_every_change(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    store = Store.open(folder, CLOCK)
    story = Story(store, seed=16)
    try:
        for n in range(300):
            story.step()
            check(store)
            if n % 50 == 49:  # and as a new opening reads them from their files
                store.close()
                store = Store.open(folder, CLOCK)
                story.store = store
                assert store.home_facts(build=False) is not None  # trusted: nothing rebuilt
                check(store)
    finally:
        store.close()


def test_a_text_or_title_edit_does_not_rewrite_the_facts(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder, CLOCK) as store:
        story = Story(store, seed=3)
        for _ in range(10):
            story.new()
        paths = [store._files.facts_path(p) for p in layout.FACT_FILES_BY_PART]
        before = [p.read_bytes() for p in paths]
        for summary in store.list_sessions():
            session = store.get_session(summary.id)
            session.answers["notes"] = "typed some more"
            session.title = f"{session.title}, renamed"
            store.save_session(session)
        assert [p.read_bytes() for p in paths] == before


@pytest.mark.parametrize(
    "spoil",
    ["missing", "cut short", "edited", "another folder", "older save"],
)
def test_facts_that_cannot_be_trusted_are_worked_out_again(
    tmp_path: Path, spoil: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    with Store.open(folder, CLOCK) as store:
        story = Story(store, seed=5)
        for _ in range(30):
            story.step()
        path = store._files.facts_path("facts")
    old = path.read_bytes()
    with Store.open(folder, CLOCK) as store:
        Story(store, seed=6).new()  # a later save: the file above is one save older
        good = expected(store)
    if spoil == "missing":
        path.unlink()
    elif spoil == "cut short":
        path.write_bytes(path.read_bytes()[:100])
    elif spoil == "edited":
        path.write_bytes(path.read_bytes().replace(b'"due"', b'"dew"'))
    elif spoil == "another folder":
        other = tmp_path / "other"
        with Store.open(other, CLOCK) as elsewhere:
            Story(elsewhere, seed=5).new()
            path.write_bytes(elsewhere._files.facts_path("facts").read_bytes())
    else:
        path.write_bytes(old)
    with Store.open(folder, CLOCK, read_only=True) as store:
        assert store.home_facts(build=False) is None  # never trusted
        facts = store.home_facts()
        assert facts is not None and kept(store, facts) == good
        assert any("home facts" in w for w in store.warnings)
    with Store.open(folder, CLOCK) as store:  # a writer saves them again with its next change
        Story(store, seed=7).change()
    with Store.open(folder, CLOCK, read_only=True) as store:
        assert store.home_facts(build=False) is not None
        check(store)


def test_a_folder_written_before_the_facts_gets_them(tmp_path: Path) -> None:
    """A layout-2 folder as main wrote it: no facts files, no manifest entry."""
    folder = tmp_path / "data"
    with Store.open(folder, CLOCK) as store:
        story = Story(store, seed=9)
        for _ in range(40):
            story.step()
        good = expected(store)
        for part in layout.FACT_FILES_BY_PART:
            store._files.facts_path(part).unlink()
        with store.batch():
            manifest = dict(store._manifest())
            manifest.pop(layout.FACTS_KEY, None)
            store._set_meta_raw(layout.INDEX_KEY, manifest)
            store._facts = None
            store._dirty = True
    with Store.open(folder, CLOCK) as store:
        assert store.home_facts(build=False) is None
        facts = store.home_facts()
        assert facts is not None and kept(store, facts) == good
        assert store.warnings == []  # nothing was wrong: the facts are simply new
        Story(store, seed=10).change()
    with Store.open(folder, CLOCK, read_only=True) as store:
        assert store.home_facts(build=False) is not None
        check(store)


def test_verify_checks_the_facts(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder, CLOCK) as store:
        story = Story(store, seed=11)
        for _ in range(20):
            story.step()
        assert store.verify() == []
        facts = store._facts_state()
        assert facts is not None
        facts.confidential[1] += 1  # as if a save had counted wrong
        assert any("home facts" in p for p in store.verify())
        check(store)  # worked out again
        assert store.verify() == []


def test_a_forgotten_person_and_a_purge_leave_the_facts_exact(tmp_path: Path) -> None:
    from reflect_tui.dataprotection import erase, forget
    from reflect_tui.domain.people import Person

    folder = tmp_path / "data"
    with Store.open(folder, CLOCK) as store:
        story = Story(store, seed=12)
        for _ in range(60):
            story.step()
        store.save_person(Person(id="p1", name="Asha Patel", line_manager="Ben Okafor"))
        forget.forget(store, "Asha Patel")
        check(store)
        ids = [s.id for s in store.list_sessions()[:3]]
        erase.purge(store, ids)
        check(store)


def test_home_table_holds_a_bounded_number_of_drafts(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Store.open(folder, CLOCK) as store:
        story = Story(store, seed=13)
        for _ in range(30):
            story.new()
        drafts = [s for s in store.list_sessions() if s.status is Status.DRAFT]
        assert len(drafts) > layout.HOME_DRAFTS
        home = store._storage.tables["home"].values()
        assert sum(1 for e in home if layout.is_draft(e)) <= layout.HOME_RECENT
        assert store.draft_count() == len(drafts)
        assert [s.id for s in store.home_drafts()] == [s.id for s in drafts[:3]]
        # The newest draft finished: the next one moves up, read from its one shard.
        newest = store.get_session(drafts[0].id)
        newest.status = Status.COMPLETE
        store.save_session(newest)
        assert [s.id for s in store.home_drafts()] == [s.id for s in drafts[1:4]]


def test_home_reads_only_the_small_facts_file_never_the_open_actions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    with Store.open(folder, CLOCK) as store:
        story = Story(store, seed=12)
        for _ in range(40):
            story.step()
        good = expected(store)
    read: list[str] = []
    original = layout.Files.read_facts

    def counted(files: layout.Files, part: str, expect: Doc | None, sid: str) -> Doc:
        read.append(part)
        return original(files, part, expect, sid)

    monkeypatch.setattr(layout.Files, "read_facts", counted)
    with Store.open(folder, CLOCK) as store:
        facts = store.home_facts(build=False)
        assert facts is not None
        assert read == ["facts"]  # the open actions are the writer's, read on its first change
        Story(store, seed=13).change()
        assert read == ["facts", "facts", "actions"]
        check(store)
    with Store.open(folder, CLOCK, read_only=True) as store:
        assert store.home_facts() is not None
        assert good["draft count"] == len([s for s in store.list_sessions() if s.status == "draft"])


def test_a_damaged_open_actions_file_is_worked_out_again_before_the_next_change(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    with Store.open(folder, CLOCK) as store:
        story = Story(store, seed=14)
        for _ in range(40):
            story.step()
        path = store._files.facts_path("actions")
    path.write_bytes(path.read_bytes().replace(b'"open"', b'"opem"'))
    with Store.open(folder, CLOCK) as store:
        assert store.home_facts(build=False) is not None  # home's own file is sound
        Story(store, seed=15).change()  # the writer needs the open actions: worked out again
        assert any("home facts file" in w and "home-actions" in w for w in store.warnings)
        check(store)
    with Store.open(folder, CLOCK, read_only=True) as store:
        assert store.verify() == []
        check(store)


def test_facts_written_by_an_earlier_version_are_worked_out_again_quietly(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    with Store.open(folder, CLOCK) as store:
        story = Story(store, seed=17)
        for _ in range(30):
            story.step()
        good = expected(store)
        state = store._facts_ready()
        older = state.bodies()
        for body in older.values():
            body.pop("shape")  # the first version's bodies had no shape
        older["facts"].pop("soon")
        gen = int(store._manifest()["generation"])
        sid = str(store._meta_value(layout.STORE_ID_KEY))
        manifest = dict(store._manifest())
        listed = {}
        for part, body in older.items():
            data = layout.Files.facts_bytes(part, body, sid, gen)
            store._files.write_facts(part, data)
            listed[part] = {"gen": gen, "size": len(data), "sha256": layout.digest(data)}
        with store.batch():
            manifest[layout.FACTS_KEY] = listed
            store._set_meta_raw(layout.INDEX_KEY, manifest)
            store._dirty = True
    with Store.open(folder, CLOCK) as store:
        assert store.home_facts(build=False) is None  # not trusted: another shape
        facts = store.home_facts()
        assert facts is not None and kept(store, facts) == good
        assert store.warnings == []  # nothing was wrong: an upgrade, said nowhere
        Story(store, seed=18).change()
    with Store.open(folder, CLOCK, read_only=True) as store:
        assert store.home_facts(build=False) is not None
        check(store)
