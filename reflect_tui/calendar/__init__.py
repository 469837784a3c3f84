"""Calendar export: what reflect knows about dates, as an RFC 5545 iCalendar file.

``calendar_events(...)`` picks the events (next sessions, actions due, who is
due a session, a pre-visit plan's check-in times); ``render_ics(events, stamp)``
writes them. See docs/calendar.md.
"""

from reflect_tui.calendar.events import CalendarOptions, Event, calendar_events, event_kinds
from reflect_tui.calendar.ics import render_ics

__all__ = ["CalendarOptions", "Event", "calendar_events", "event_kinds", "render_ics"]
