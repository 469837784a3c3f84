"""A small RFC 5545 writer: VCALENDAR with VEVENTs (and VALARMs), CRLF, folded lines.

Hand-written rather than a dependency: reflect writes only a handful of
properties, and every file it writes is parsed back by the ``icalendar``
library in the tests. Rules followed:

- lines end in CRLF and are folded at 75 octets (UTF-8), never inside a character (3.1);
- TEXT values escape backslash, semicolon, comma and newlines (3.3.11); other
  control characters are dropped (they are not allowed in TEXT);
- DTSTAMP is UTC; event times are "floating" local times (3.3.5, form 1), which
  calendar programs show in the reader's own time zone, as a meeting planned
  at 10:00 should be; all-day events are VALUE=DATE with an exclusive DTEND.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from reflect_tui.calendar.events import Event

PRODID = "-//reflect-tui//reflect calendar//EN"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape_text(text: str) -> str:
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line, folded so no physical line is longer than 75 octets."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for char in line:
        n = len(char.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += n
    out.append(current)
    return "\r\n".join(out)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _event_lines(event: Event, stamp: str) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", f"DTSTAMP:{stamp}"]
    if isinstance(event.start, datetime):
        end = event.start + timedelta(minutes=event.minutes)
        lines += [f"DTSTART:{_local(event.start)}", f"DTEND:{_local(end)}"]
    else:
        day: date = event.start
        lines += [
            f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
            f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
            "TRANSP:TRANSPARENT",
        ]
    lines.append(f"SUMMARY:{escape_text(event.summary)}")
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
    lines.append("CLASS:CONFIDENTIAL" if event.confidential else "CLASS:PRIVATE")
    for minutes_before in event.alarms:
        sign = "-" if minutes_before > 0 else ""
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(event.summary)}",
            f"TRIGGER;RELATED=START:{sign}PT{abs(minutes_before)}M",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def render_ics(events: Iterable[Event], stamp: datetime, name: str = "reflect") -> str:
    """The whole calendar. ``stamp`` (from the injected clock) becomes every DTSTAMP."""
    when = _utc(stamp)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for event in events:
        lines += _event_lines(event, when)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
