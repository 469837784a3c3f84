"""Who is due, carried actions and their decisions, report periods and report files."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from services_samples import TODAY, open_store, team_session

from reflect_tui.domain.answers import ActionStatus
from reflect_tui.domain.followup import Outcome
from reflect_tui.followup.due import DueState
from reflect_tui.report import Period
from reflect_tui.services import carry, due, reports
from reflect_tui.services.errors import BadPeriod, ReportExists


def test_someone_who_never_had_a_session_is_due_one(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        listing = due.due_list(store, TODAY)
        soon = due.due_soon(store, TODAY)
    assert listing.people == 1
    assert [(e.person.name, e.type.value, e.state) for e in soon] == [
        ("Bo Lind", "decompression", DueState.NEVER)
    ]
    assert listing.needing_attention() == soon


def test_an_open_action_is_carried_into_the_teams_next_session_and_decided(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path) as store:
        october = team_session(date(2026, 10, 1), actions=("Share the checklist",), complete=True)
        store.save_session(october)
        november = team_session(TODAY)
        assert carry.carries_actions(november)
        carried = carry.carried_into(store, november, refresh=True)
        assert [c.what for c in carried] == ["Share the checklist"]
        carry.decide(store, november, carried[0].id, Outcome.DONE, today=TODAY, note="Sent")
        kept = carry.carried_into(store, november, refresh=False)
        stored = {a.action.id: a.action.status for a in store.actions()}
    assert (kept[0].outcome, kept[0].note) == (Outcome.DONE, "Sent")
    assert stored[carried[0].id] is ActionStatus.DONE


def test_an_action_can_be_marked_done_and_reopened_by_its_id(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        s = team_session(date(2026, 10, 1), actions=("Book the course",), complete=True)
        store.save_session(s)
        action_id = s.actions()[0].id
        done = carry.set_action_status(store, action_id, ActionStatus.DONE, today=TODAY)
        assert done.status is ActionStatus.DONE
        again = carry.set_action_status(store, action_id[:6], ActionStatus.OPEN, today=TODAY)
        assert again.status is ActionStatus.OPEN


def test_the_year_before_keeps_the_days_and_falls_back_from_29_february() -> None:
    leap = Period(date(2024, 2, 29), date(2025, 2, 28))
    assert reports.shift_period(leap, -1) == Period(date(2023, 2, 28), date(2024, 2, 28))
    assert reports.shift_period(leap, 1).since == date(2025, 2, 28)


def test_a_typed_period_is_read_day_first_and_a_bad_one_says_what_to_type() -> None:
    wanted = reports.read_period("01/04/2026", "2027-03-31", "5", TODAY)
    assert (wanted.period, wanted.min_count) == (Period(date(2026, 4, 1), date(2027, 3, 31)), 5)
    with pytest.raises(BadPeriod, match="is not a date"):
        reports.read_period("April", "2027-03-31", "5", TODAY)
    with pytest.raises(BadPeriod, match="never below"):
        reports.read_period("2026-04-01", "2027-03-31", "2", TODAY)
    with pytest.raises(BadPeriod, match="whole number"):
        reports.read_period("2026-04-01", "2027-03-31", "five", TODAY)
    with pytest.raises(BadPeriod, match="ends before it starts"):
        reports.read_period("2027-04-01", "2026-03-31", "5", TODAY)


def test_the_cli_period_fills_missing_ends_with_whole_quarters() -> None:
    period = reports.requested_period(None, None, TODAY)
    assert period == Period(date(2025, 10, 1), date(2026, 9, 30))


def test_a_report_is_an_owner_only_file_replaced_only_when_asked(tmp_path: Path) -> None:
    with open_store(tmp_path) as store:
        period = Period(date(2026, 1, 1), date(2026, 12, 31))
        path = reports.default_report_path(store, period, "md")
        folder = reports.reports_folder(store)
    assert path == folder / "thematic-report-2026-01-01-to-2026-12-31.md"
    written = reports.write_report(path, "# Report\n", default_folder=folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    with pytest.raises(ReportExists):
        reports.write_report(path, "# Other\n", default_folder=folder)
    reports.write_report(path, "# Other\n", default_folder=folder, force=True)
    assert path.read_text() == "# Other\n"
