"""Minutes can be exported from home and from a completed record, not only at finish."""

from __future__ import annotations

from pathlib import Path

from harness import build_app, new_clock

from reflect_tui.domain.session import Session, Status
from reflect_tui.store import Store
from reflect_tui.templates import TemplateLibrary
from reflect_tui.ui.dialogs.confirm import ConfirmScreen
from reflect_tui.ui.screens.record import RecordScreen


def completed(data: Path, template_id: str, note: str) -> Session:
    template = TemplateLibrary.from_dirs([]).get(template_id)
    session = Session.start(template, f"{template.title} test", new_clock().now())
    first_text = next(f for f in template.all_fields() if f.kind.value == "text" and not f.private)
    session.answers[first_text.id] = note
    session.status = Status.COMPLETE
    with Store.open(data, new_clock()) as store:
        store.save_session(session)
    return session


def minutes_files(data: Path) -> list[Path]:
    folder = data / "minutes"
    return sorted(folder.glob("*.md")) if folder.exists() else []


async def test_e_on_home_exports_the_highlighted_session(tmp_path: Path) -> None:
    data = tmp_path / "data"
    completed(data, "team-reflection", "Cover for the duty desk worked well.")
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
    [written] = minutes_files(data)
    assert "Cover for the duty desk worked well." in written.read_text(encoding="utf-8")
    assert written.stat().st_mode & 0o077 == 0


async def test_a_confidential_record_is_exported_only_after_a_yes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    completed(data, "decompression", "Arrived tired after a long court week.")
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("ctrl+e", "m")  # Markdown
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert minutes_files(data) == []
        await pilot.press("ctrl+e", "m")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    [written] = minutes_files(data)
    assert "Arrived tired after a long court week." in written.read_text(encoding="utf-8")


async def test_html_minutes_and_the_visit_card_are_exported_from_the_record(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    completed(data, "pre-visit-risk", "Flat 3, ground floor.")
    app = build_app(data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert isinstance(app.screen, RecordScreen)
        await pilot.press("ctrl+e", "h")  # HTML page
        await pilot.pause()
        await pilot.press("ctrl+e", "c")  # visit card
        await pilot.pause()
    written = sorted((data / "minutes").glob("*.html"))
    assert len(written) == 2  # the minutes page and the visit card, side by side
    texts = [p.read_text(encoding="utf-8") for p in written]
    assert all("<html" in t.lower() for t in texts)
