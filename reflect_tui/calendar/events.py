"""Which events a calendar gets, and what each may say.

Four kinds (``--only`` picks some):

- ``next``: the next session agreed in a session (header date, or an exportable
  ``next-session`` field), from today on;
- ``actions``: every open action with a due date (overdue ones too: still to do);
- ``due``: who is due or overdue a decompression session or one-to-one supervision;
- ``checkins``: a pre-visit plan's check-in times on the day of the visit, from
  today on, each with two alarms (ten minutes before, and at the time) for the
  colleague who holds the check-in.

Nothing from a private field is used. A confidential session (and who is due a
decompression session or supervision, which are confidential by nature) gives
an event with no title, no names and no text unless ``confidential`` is set:
calendars are synchronised to other machines and shown on phones. The
address, code word and exit plan of a visit never go into a calendar: they stay
on the visit card.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time

from reflect_tui.domain.answers import ActionStatus
from reflect_tui.domain.session import Session
from reflect_tui.followup.due import DueEntry, SessionType
from reflect_tui.minutes import formatting, rules
from reflect_tui.minutes.markdown import next_session

KINDS = ("next", "actions", "due", "checkins")
UID_DOMAIN = "reflect-tui"
CHECKIN_MINUTES = 15
CHECKIN_ALARMS = (10, 0)  # minutes before the check-in
_CLOCK_TIME = re.compile(
    r"(?<![\d:.])([01]?\d|2[0-3])[:.]([0-5]\d)(?![\d:])(?:\s?([ap])\.?m\b\.?)?", re.IGNORECASE
)


@dataclass(frozen=True)
class Event:
    uid: str
    start: date | datetime  # a date: an all-day event
    summary: str
    description: str = ""
    minutes: int = 60
    categories: tuple[str, ...] = ()
    alarms: tuple[int, ...] = ()  # minutes before start
    confidential: bool = False


@dataclass(frozen=True)
class CalendarOptions:
    today: date
    confidential: bool = False
    kinds: frozenset[str] = field(default_factory=lambda: frozenset(KINDS))


def event_kinds(text: str) -> frozenset[str]:
    """``next,actions`` -> the kinds; raises ValueError naming the unknown ones."""
    asked = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = sorted(asked - set(KINDS))
    if unknown or not asked:
        raise ValueError(
            f"unknown event kind {', '.join(unknown) or text!r}; use one or more of "
            f"{', '.join(KINDS)}, separated by commas"
        )
    return frozenset(asked)


def _uid(*parts: str) -> str:
    return "-".join(parts) + "@" + UID_DOMAIN


def _parse_when(value: str) -> date | datetime | None:
    value = value.strip()
    try:
        if "T" in value or " " in value:
            return datetime.fromisoformat(value).replace(tzinfo=None, second=0, microsecond=0)
        return date.fromisoformat(value)
    except ValueError:
        return None


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _who(session: Session) -> str:
    return session.team or session.subject


def next_session_events(sessions: Iterable[Session], opts: CalendarOptions) -> list[Event]:
    events: dict[tuple[str, str, str], Event] = {}
    for s in sorted(sessions, key=lambda s: s.date):  # the newest of a series wins
        when = _parse_when(next_session(s))
        if when is None or _day(when) < opts.today:
            continue
        hidden = s.is_confidential and not opts.confidential
        if hidden:
            summary, description = "Next session (confidential)", ""
        else:
            who = _who(s)
            summary = f"Next session: {s.template.title}" + (f" – {who}" if who else "")
            description = f"Agreed in “{s.title}” on {formatting.long_date(s.date)}."
        events[(s.template.id, _who(s).casefold(), when.isoformat())] = Event(
            uid=_uid("next", s.id),
            start=when,
            summary=summary,
            description=description,
            minutes=s.template.duration_minutes or 60,
            categories=("reflect", "next session"),
            confidential=s.is_confidential,
        )
    return sorted(events.values(), key=lambda e: (_day(e.start), e.uid))


def action_events(sessions: Iterable[Session], opts: CalendarOptions) -> list[Event]:
    out = []
    for s in sessions:
        for a in rules.exportable_actions(s):
            if a.status is not ActionStatus.OPEN or a.due is None:
                continue
            if s.is_confidential and not opts.confidential:
                summary, description = "Action due (from a confidential session)", ""
            else:
                summary = f"Action due: {a.what}"
                owner = f"Owner: {a.owner}. " if a.owner else ""
                description = f"{owner}Agreed in “{s.title}” on {formatting.long_date(s.date)}."
            out.append(
                Event(
                    uid=_uid("action", a.id),
                    start=a.due,
                    summary=summary,
                    description=description,
                    categories=("reflect", "action"),
                    confidential=s.is_confidential,
                )
            )
    return sorted(out, key=lambda e: (_day(e.start), e.uid))


_TYPE_WORDS = {
    SessionType.DECOMPRESSION: "Decompression session",
    SessionType.SUPERVISION: "One-to-one supervision",
}


def due_events(entries: Sequence[DueEntry], opts: CalendarOptions) -> list[Event]:
    out = []
    for e in entries:
        if not e.state.needs_attention:
            continue
        what = _TYPE_WORDS[e.type]
        if opts.confidential:
            summary = f"{what} due: {e.person.name}"
            description = e.describe().capitalize() + "."
        else:
            summary = f"{what} due for someone on the roster"
            description = "Run `reflect due` to see who."
        out.append(
            Event(
                uid=_uid("due", e.type.value, e.person.id),
                start=max(e.next_due, opts.today),
                summary=summary,
                description=description,
                categories=("reflect", "due"),
                confidential=True,
            )
        )
    return sorted(out, key=lambda e: (_day(e.start), e.uid))


def _text_answer(session: Session, field_id: str) -> str:
    f = session.template.field_by_id(field_id)
    if f is None or not rules.exportable(f):
        return ""
    return str(session.answers.get(field_id) or "").strip()


def _hour(hour: int, half: str) -> int:
    """24-hour clock from ``2.30pm`` / ``12:15am``; a time without am/pm is as written."""
    if half.lower() == "p" and hour < 12:
        return hour + 12
    if half.lower() == "a" and hour == 12:
        return 0
    return hour


def checkin_times(session: Session) -> list[datetime]:
    """The check-in times of a pre-visit plan, on the day of the visit.

    Clock times written in "When will you check in?" (10:30, 14.15, 2.30pm); if there
    are none, the visit's start and its expected finish.
    """
    visit = _parse_when(_text_answer(session, "visit-when"))
    if visit is None:
        return []
    day = _day(visit)
    written = [
        datetime.combine(day, time(_hour(int(h), half), int(m)))
        for h, m, half in _CLOCK_TIME.findall(_text_answer(session, "checkin-times"))
    ]
    if written:
        return sorted(set(written))
    found = [visit] if isinstance(visit, datetime) else []
    finish = _parse_when(_text_answer(session, "expected-finish"))
    if isinstance(finish, datetime):
        found.append(finish)
    return sorted(set(found))


def checkin_events(sessions: Iterable[Session], opts: CalendarOptions) -> list[Event]:
    out = []
    for s in sessions:
        if s.template.field_by_id("checkin-times") is None:
            continue
        times = [t for t in checkin_times(s) if t.date() >= opts.today]
        if not times:
            continue
        hidden = s.is_confidential and not opts.confidential
        worker = s.subject or s.facilitator
        missed = _text_answer(s, "missed-checkin")
        for n, moment in enumerate(times, start=1):
            if hidden:
                summary, description = "Visit check-in (confidential)", ""
            else:
                summary = f"Visit check-in {n} of {len(times)}" + (f": {worker}" if worker else "")
                description = (
                    f"Expect a check-in from {worker or 'the visiting worker'} at "
                    f"{moment:%H:%M}. From the plan “{s.title}”."
                )
                if missed:
                    description += f"\nIf the check-in does not come: {missed}"
                description += "\nThe address and code word are on the visit card, not here."
            out.append(
                Event(
                    uid=_uid("checkin", s.id, f"{moment:%Y%m%dT%H%M}"),
                    start=moment,
                    summary=summary,
                    description=description,
                    minutes=CHECKIN_MINUTES,
                    categories=("reflect", "check-in"),
                    alarms=CHECKIN_ALARMS,
                    confidential=s.is_confidential,
                )
            )
    return sorted(out, key=lambda e: (e.start, e.uid))


def calendar_events(
    sessions: Sequence[Session], due: Sequence[DueEntry], opts: CalendarOptions
) -> list[Event]:
    """Every event asked for, grouped by kind in the order of ``KINDS``."""
    out: list[Event] = []
    if "next" in opts.kinds:
        out += next_session_events(sessions, opts)
    if "actions" in opts.kinds:
        out += action_events(sessions, opts)
    if "due" in opts.kinds:
        out += due_events(due, opts)
    if "checkins" in opts.kinds:
        out += checkin_events(sessions, opts)
    return out
