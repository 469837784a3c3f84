"""`reflect calendar`: next sessions, actions due, who is due and visit check-ins in a calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from cli_samples import TODAY, action, build_store, make_session, run

from reflect_tui.commands.calendar import calendar_text
from reflect_tui.domain.clock import FixedClock
from reflect_tui.store import Store

STAMP = datetime(2026, 11, 20, 9, 15, tzinfo=UTC)
VISIT_DAY = TODAY + timedelta(days=5)


def _sessions() -> list[object]:
    team = make_session(
        "team-reflection",
        "Monthly reflection, North",
        TODAY - timedelta(days=2),
        team="North",
        next_session=f"{TODAY + timedelta(days=28)}T14:00",
    )
    team.answers["actions"] = [
        action("Book the room; tell everyone, then \\ check", "王小明", TODAY + timedelta(3), team),
        action("No date yet", "Alex Rowe", None, team),
    ]
    private = make_session(
        "decompression",
        "Session with Rafi Noor",
        TODAY - timedelta(days=1),
        subject="Rafi Noor",
        confidential=True,
        next_session=str(TODAY + timedelta(days=90)),
    )
    private.answers["actions"] = [action("Ask about Rafi's rota", "Rafi Noor", TODAY, private)]
    visit = make_session(
        "pre-visit-risk",
        "Home visit, Tuesday",
        TODAY,
        subject="Bo Lind",
        answers={
            "visit-when": f"{VISIT_DAY}T10:00",
            "checkin-times": "Text on arrival at 10:05 and when leaving, about 11.30",
            "expected-finish": f"{VISIT_DAY}T11:30",
            "missed-checkin": "Ring twice, then the duty manager",
            "visit-where": "12 Secret Street",
            "code-word": "blue umbrella",
        },
    )
    return [team, private, visit]


def _calendar(tmp_path: Path, *, confidential: bool = False) -> tuple[str, icalendar.Calendar]:
    data = build_store(tmp_path, *_sessions())  # type: ignore[arg-type]
    with Store.open(data, read_only=True) as store:
        text = calendar_text(
            store,
            FixedClock(STAMP),
            confidential=confidential,
            kinds=frozenset({"next", "actions", "due", "checkins"}),
        )
    return text, icalendar.Calendar.from_ical(text)


def _events(cal: icalendar.Calendar) -> dict[str, icalendar.Component]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def test_the_calendar_is_rfc_5545_that_icalendar_reads(tmp_path: Path) -> None:
    text, cal = _calendar(tmp_path)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    for event in cal.walk("VEVENT"):
        assert event.decoded("DTSTAMP") == STAMP  # from the injected clock
        assert str(event["UID"]).endswith("@reflect-tui")


def test_next_sessions_actions_and_visit_check_ins_with_alarms(tmp_path: Path) -> None:
    _, cal = _calendar(tmp_path)
    events = _events(cal)
    team_next = next(e for e in events.values() if "Team reflective practice" in str(e["SUMMARY"]))
    assert team_next.decoded("DTSTART") == datetime.combine(
        TODAY + timedelta(days=28), datetime.min.time().replace(hour=14)
    )
    due = next(e for e in events.values() if str(e["SUMMARY"]).startswith("Action due: Book"))
    assert str(due["SUMMARY"]) == "Action due: Book the room; tell everyone, then \\ check"
    assert due.decoded("DTSTART") == TODAY + timedelta(days=3)  # an all-day event
    assert "王小明" in str(due["DESCRIPTION"])
    assert not any("No date yet" in str(e["SUMMARY"]) for e in events.values())

    checkins = sorted(
        (e for e in events.values() if str(e["SUMMARY"]).startswith("Visit check-in")),
        key=lambda e: e.decoded("DTSTART"),
    )
    assert [e.decoded("DTSTART").strftime("%H:%M") for e in checkins] == ["10:05", "11:30"]
    assert all(e.decoded("DTSTART").date() == VISIT_DAY for e in checkins)
    for e in checkins:
        alarms = e.walk("VALARM")
        assert [a.decoded("TRIGGER") for a in alarms] == [timedelta(minutes=-10), timedelta(0)]
        assert "duty manager" in str(e["DESCRIPTION"])
        # the visit card's secrets never reach a calendar
        assert "Secret Street" not in str(e.to_ical().decode())
        assert "blue umbrella" not in str(e.to_ical().decode())


def test_confidential_sessions_and_who_is_due_carry_no_names_unless_confirmed(
    tmp_path: Path,
) -> None:
    text, cal = _calendar(tmp_path)
    assert "Rafi" not in text and "Session with" not in text
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert "Next session (confidential)" in summaries
    assert "Action due (from a confidential session)" in summaries
    due = [s for s in summaries if " due for someone on the roster" in s]
    assert due and not any("王小明" in s for s in due)

    confirmed, cal = _calendar(tmp_path / "again", confidential=True)
    assert "Rafi Noor" in confirmed
    assert any(str(e["SUMMARY"]).endswith(": 王小明") for e in cal.walk("VEVENT"))


def test_uids_are_stable_between_exports(tmp_path: Path) -> None:
    data = build_store(tmp_path, *_sessions())  # type: ignore[arg-type]
    texts = []
    for stamp in (STAMP, STAMP + timedelta(hours=3)):
        with Store.open(data, read_only=True) as store:
            texts.append(
                calendar_text(
                    store,
                    FixedClock(stamp),
                    confidential=False,
                    kinds=frozenset({"next", "actions", "due", "checkins"}),
                )
            )
    first, second = (set(_events(icalendar.Calendar.from_ical(t))) for t in texts)
    assert first == second and len(first) >= 6


def test_the_command_writes_an_owner_only_file_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reflect_tui.commands.calendar.SystemClock", lambda: FixedClock(STAMP))
    data = build_store(tmp_path, *_sessions())  # type: ignore[arg-type]
    out_file = tmp_path / "mine.ics"
    code, out, _ = run(capsys, data, "calendar", "-o", str(out_file), "--only", "checkins")
    assert code == 0 and "2 events" in out
    assert out_file.stat().st_mode & 0o777 == 0o600
    cal = icalendar.Calendar.from_ical(out_file.read_bytes())
    assert len(cal.walk("VEVENT")) == 2
    code, _, err = run(capsys, data, "calendar", "-o", str(out_file))
    assert code != 0 and "--force" in err
    with pytest.raises(SystemExit) as stopped:
        run(capsys, data, "calendar", "--only", "birthdays", "-o", "-")
    assert stopped.value.code == 2
    assert "next, actions, due, checkins" in capsys.readouterr().err
    code, out, _ = run(capsys, data, "calendar", "-o", "-", "--only", "next")
    assert icalendar.Calendar.from_ical(out).walk("VEVENT")


def test_a_plan_without_written_times_checks_in_at_the_start_and_the_finish() -> None:
    from reflect_tui.calendar.events import checkin_times

    visit = make_session(
        "pre-visit-risk",
        "Visit",
        TODAY,
        answers={
            "visit-when": "2026-12-01T09:00",
            "checkin-times": "On arrival and when I leave",
            "expected-finish": "2026-12-01T10:15",
        },
    )
    assert [t.strftime("%H:%M") for t in checkin_times(visit)] == ["09:00", "10:15"]
    assert checkin_times(make_session("pre-visit-risk", "No date", date(2026, 1, 1))) == []


def test_check_in_times_can_be_written_with_am_and_pm() -> None:
    from reflect_tui.calendar.events import checkin_times

    visit = make_session(
        "pre-visit-risk",
        "Visit",
        TODAY,
        answers={
            "visit-when": "2026-12-01T13:00",
            "checkin-times": "Text at 1.05pm on arrival, call at 2:30 PM, and 12.15am is a typo",
        },
    )
    assert [t.strftime("%H:%M") for t in checkin_times(visit)] == ["00:15", "13:05", "14:30"]
