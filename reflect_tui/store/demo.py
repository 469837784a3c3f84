"""Fictional sample data: a roster and plausible sessions across every built-in template.

Everything here is invented. It lets a newcomer try the app without typing
real (confidential) data, and gives the benchmarks a realistic store. The
output depends only on the seed, the clock and how many sessions the store
already holds, so running it twice adds new sessions rather than repeating ids.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Protocol

from reflect_tui.domain.answers import (
    ActionItem,
    ActionStatus,
    Answer,
    ChecklistEntry,
    ListItem,
    RiskRow,
    Value,
    action_items,
    text_of,
)
from reflect_tui.domain.clock import Clock
from reflect_tui.domain.people import Person
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import Field, FieldKind, SessionKind, Template
from reflect_tui.domain.themes import DEFAULT_THEMES
from reflect_tui.store.repository import Store

DEFAULT_SESSIONS = 12
DEFAULT_SEED = 7
SPAN_DAYS = 455  # about fifteen months

TEAMS = ("North Probation Team", "Family Support Team", "Youth Justice Team")

# (name, role, team index, line manager, facilitator)
ROSTER: tuple[tuple[str, str, int, str, bool], ...] = (
    ("Morgan Ellery", "Senior Practitioner", 0, "Priya Castell", True),
    ("Priya Castell", "Team Manager", 0, "Howard Linnet", False),
    ("Tomasz Brady", "Probation Officer", 0, "Morgan Ellery", False),
    ("Aisha Okafor", "Probation Officer", 0, "Morgan Ellery", False),
    ("Fen Lowrie", "Probation Services Officer", 0, "Morgan Ellery", False),
    ("Callum Reyes", "Probation Officer", 0, "Morgan Ellery", False),
    ("Dana Whitlow", "Team Manager", 1, "Howard Linnet", False),
    ("Grace Achterberg", "Senior Social Worker", 1, "Dana Whitlow", True),
    ("Owen Pryce", "Family Support Worker", 1, "Grace Achterberg", False),
    ("Lena Marsh", "Social Worker", 1, "Grace Achterberg", False),
    ("Rafi Haddad", "Family Support Worker", 1, "Grace Achterberg", False),
    ("Imogen Tate", "Team Manager", 2, "Howard Linnet", False),
    ("Sol Baptiste", "Youth Justice Officer", 2, "Imogen Tate", False),
    ("Nia Hollis", "Youth Justice Officer", 2, "Imogen Tate", False),
    ("Bea Quarry", "Case Manager", 2, "Imogen Tate", False),
    ("Howard Linnet", "Head of Service", 0, "", False),
    ("Ruth Amadi", "Clinical Psychologist (decompression facilitator)", 0, "", True),
)

TEXT = {
    "focus": "A home visit last week that escalated quickly and how we handled it.",
    "what-happened": (
        "A family member arrived unexpectedly during a planned visit and became angry about "
        "the court report. The worker left early and phoned the duty manager from the car."
    ),
    "hindered": "No up-to-date information on who else lived at the address.",
    "facts": (
        "Interview room 2, mid-afternoon. The person was told about a recall decision and "
        "threw a chair. Nobody was hurt; the alarm was used and colleagues arrived in a minute."
    ),
    "expected": "A short appointment to explain the licence conditions and next steps.",
    "actual": (
        "The news was given without warning; the room layout left the worker far from the door."
    ),
    "success": "A young person completed their order with no breaches after a rocky start.",
    "thank-how": "A note from the team manager and a mention at the service meeting.",
    "decisions": "Agreed to step down one case and to request a joint visit for another.",
    "workload-notes": "Caseload at 38, two reports due the same week; court duty on Fridays.",
    "impact": "Sleeping less well since the serious case review; finds Sunday evenings hard.",
    "check-in": "Tired but glad to have the time; a heavy few weeks.",
    "focus-notes": "Mostly about one case that keeps coming back to mind.",
    "notes": (
        "Talked through the case in detail, what was seen and heard, and what it stirred up. "
        "Noticed how much responsibility is being carried alone."
    ),
    "check-out": "Lighter than at the start; knows where to go for more help.",
    "risk-agreed": "No current risk to self; agreed to contact the GP if sleep does not improve.",
    "previous-actions": "Both actions from last time are done; the training place is booked.",
    "case-summary": "A parent who engages well by phone but is never in for planned visits.",
    "presenter-response": "Helpful to hear it is not only me; will try an earlier visit time.",
    "visit-where": "Flat 4, Example Court (fictional address)",
    "visit-who": "Adult male on licence, and possibly his brother",
    "purpose": "Home visit to check accommodation before a licence review.",
    "history-notes": "Verbal threats to a previous officer two years ago; none since.",
    "environment-notes": "Third floor, no lift; the stairwell is the only way out.",
    "who-knows": "Duty manager and the team administrator.",
    "checkin-times": "Text on arrival and on leaving; call if more than 45 minutes.",
    "missed-checkin": "Duty manager rings twice, then calls the police with the address.",
    "code-word": '"Can you check the blue file for me?"',
    "exit-plan": "Sit nearest the door; leave at the first sign of aggression.",
    "time-limit": "45 minutes",
    "escalation": "Duty manager on the office line; police on 999 if in danger.",
    "decision-reason": "Controls reduce the main risks to an acceptable level.",
}

LISTS = {
    "feelings": ["Shaken at first", "Relieved that the plan worked", "Frustrated with the system"],
    "went-well": ["Clear check-in call", "Colleague arrived quickly", "Calm handover to duty"],
    "learning": ["Share address history before visits", "Agree a code word as a team"],
    "what-worked": [
        "Regular short contacts",
        "A worker the young person trusted",
        "Joined-up plan",
    ],
    "enablers": ["Protected time for supervision", "Manager backed a flexible approach"],
    "repeat": ["Use the same contact pattern for new cases", "Invite the school earlier"],
    "other-successes": ["A smooth transfer between teams", "Good feedback from a family"],
    "reasons": ["Information was not shared in time", "Room layout", "Pressure to finish quickly"],
    "keep": ["Using the alarm promptly", "Debrief on the same day"],
    "change": ["Check room layout before hard conversations", "Brief colleagues beforehand"],
    "agenda": ["Case review", "Leave and workload", "Training request"],
    "cases": ["Case A: housing problems ahead of release", "Case B: missed appointments"],
    "development": ["Motivational interviewing refresher", "Shadow a senior at court"],
    "reflections": ["Try a different time of day", "Ask the family who else is around"],
    "put-down": ["Guilt about the case that went wrong", "Worry about the inquest"],
    "carry-on": ["Running on Saturdays", "Talking to a friend on the team"],
    "signposting": ["Employee assistance programme", "Occupational health referral"],
    "stressors": ["Too many reports due at once", "Vacancies not filled", "Distressing material"],
    "what-helps": ["Lunch together on Fridays", "A quiet room for hard calls"],
    "standards": ["Keep personal social media private", "Ask before taking on a friend's case"],
    "achievements": ["All reports on time this quarter", "A new colleague settled in well"],
    "organisation-helps": ["Flexible working", "Access to clinical supervision"],
    "organisation-asks": ["Cover for long-term sickness", "Fewer duplicate recording systems"],
    "themes": [
        "Carrying cases home",
        "Little time to reflect",
        "Feeling unsupported after incidents",
    ],
}

ACTIONS = (
    "Update the lone-working procedure with the new check-in times",
    "Book a joint visit for the next appointment",
    "Ask IT about a quicker way to share address alerts",
    "Arrange a team debrief after the court decision",
    "Refer to occupational health",
    "Find a place on the de-escalation training",
    "Share the success story at the service meeting",
    "Review caseload allocation with the team manager",
    "Write up the practice note for other teams",
)

HAZARDS = (
    ("Aggression from a family member", "Joint visit; sit nearest the door"),
    ("Dog at the property", "Ask for the dog to be shut away before entering"),
    ("Poor phone signal", "Check in from the car park before and after"),
    ("Weapons suspected", "Police check before the visit; meet at the office instead"),
    ("Late finish in the dark", "Book the first morning slot"),
)

TITLES = {
    SessionKind.TEAM: ("Monthly reflection", "After the visit on the estate", "Quarterly check-in"),
    SessionKind.ONE_TO_ONE: ("Supervision", "Supervision (catch-up)"),
    SessionKind.INDIVIDUAL: ("Session", "Planned session", "Extra session on request"),
}


def roster(rng: random.Random) -> list[Person]:
    return [
        Person(
            name=name,
            role=role,
            team=TEAMS[team],
            line_manager=manager,
            facilitator=facilitates,
            id=f"p{rng.getrandbits(44):011x}",
        )
        for name, role, team, manager, facilitates in ROSTER
    ]


def _themes(rng: random.Random) -> list[str]:
    return rng.sample(DEFAULT_THEMES, k=rng.choice((1, 1, 2)))


#: Date fields about something that happened before the session (the incident, the visit
#: a debrief looks back on); every other date field looks forward from the session.
LOOKS_BACK = {"incident-when"}


def _value(
    f: Field,
    rng: random.Random,
    day: date,
    today: date,
    people: Sequence[str],
    ids: random.Random,
    *,
    back: bool = False,
) -> Value:
    kind = f.kind
    if kind is FieldKind.TEXT:
        return TEXT.get(f.id, "Discussed and agreed; see the notes from the meeting.")
    if kind is FieldKind.LIST:
        pool = LISTS.get(f.id, LISTS["learning"])
        picked = rng.sample(pool, k=min(len(pool), rng.randint(1, 3)))
        return [ListItem(text, _themes(rng) if f.themes else []) for text in picked]
    if kind is FieldKind.ACTIONS:
        found = []
        for what in rng.sample(ACTIONS, k=rng.randint(1, 3)):
            due = day + timedelta(days=rng.choice((7, 14, 28, 42)))
            # most past actions get done; a few stay overdue, as in real teams
            done = due < today and rng.random() < 0.85
            found.append(
                ActionItem(
                    what=what,
                    owner=rng.choice(people) if people else "",
                    due=due,
                    status=ActionStatus.DONE if done else ActionStatus.OPEN,
                    id=f"a{ids.getrandbits(44):011x}",
                )
            )
        return found
    if kind is FieldKind.RATING:
        low, high = (f.scale.minimum, f.scale.maximum) if f.scale else (1, 10)
        return rng.randint(low + (high - low) // 4, high)
    if kind is FieldKind.CHECKLIST:
        answers = [Answer.YES, Answer.YES, Answer.YES, Answer.NO, Answer.NOT_SURE]
        return [ChecklistEntry(item=o, answer=rng.choice(answers)) for o in f.options]
    if kind is FieldKind.RISKS:
        rows = []
        for hazard, controls in rng.sample(HAZARDS, k=rng.randint(1, 3)):
            likelihood = rng.choice((1, 2, 3, 4, None))
            severity = rng.randint(2, 5)
            rows.append(
                RiskRow(
                    hazard=hazard,
                    likelihood=likelihood,
                    severity=severity,
                    controls=controls,
                    residual_likelihood=1 if likelihood else None,
                    residual_severity=max(1, severity - 1),
                )
            )
        return rows
    if kind is FieldKind.CHOICE:
        if f.id == "theme-consent" and f.options and rng.random() < 0.8:
            return f.options[0]  # most people agree to anonymised themes
        return rng.choice(f.options) if f.options else None
    if kind is FieldKind.DATETIME:
        if back or f.id in LOOKS_BACK:  # what is reviewed happened before the review
            when = day - timedelta(days=rng.choice((1, 3, 7, 14)))
        else:  # a next session, review or visit comes after the session that set it
            when = day + timedelta(days=rng.choice((1, 14, 28, 91)))
        return f"{when.isoformat()}T{rng.choice(('09:30', '10:00', '14:00'))}"
    if kind is FieldKind.PEOPLE:
        return rng.sample(list(people), k=min(len(people), rng.randint(1, 4)))
    return None


def make_session(
    template: Template,
    rng: random.Random,
    ids: random.Random,
    people: list[Person],
    today: date,
    draft: bool = False,
) -> Session:
    """One sample session; a draft is recent and stops part-way through."""
    day = today - timedelta(days=rng.randint(0, 60 if draft else SPAN_DAYS))
    start = datetime.combine(day, time(rng.choice((9, 10, 13, 14)), rng.choice((0, 30))))
    team = rng.choice(TEAMS)
    members = [p for p in people if p.team == team and "facilitator" not in p.role]
    facilitators = [p for p in people if p.facilitator]
    sid = f"{ids.getrandbits(48):012x}"
    # The random draws stay in this order: the demo data must not change.
    if template.kind is SessionKind.TEAM:
        facilitator = rng.choice(facilitators).name
        title = f"{rng.choice(TITLES[SessionKind.TEAM])}, {team}"
        session = Session.start(
            template,
            title,
            start,
            id=sid,
            team=team,
            facilitator=facilitator,
            participants=[p.name for p in members],
        )
    else:
        person = rng.choice([p for p in members if not p.facilitator] or members)
        if template.confidentiality.value == "confidential" and template.id == "decompression":
            helper = next(p for p in people if p.role.endswith("facilitator)"))
        else:
            helper = next((p for p in people if p.name == person.line_manager), rng.choice(people))
        session = Session.start(
            template,
            f"{rng.choice(TITLES[template.kind])} with {person.name.split()[0]}",
            start,
            id=sid,
            subject=person.name,
            facilitator=helper.name,
            participants=[person.name, helper.name],
        )
    names = list(session.participants)
    last_step = rng.randrange(len(template.steps)) if draft else len(template.steps) - 1
    for index, step in enumerate(template.steps[: last_step + 1]):
        for f in step.fields:
            if draft and index == last_step and rng.random() < 0.5:
                continue
            # A debrief's first step is the visit it looks back on.
            back = template.id == "post-visit-debrief" and index == 0
            session.answers[f.id] = _value(f, rng, day, today, names, ids, back=back)
            if f.kind is FieldKind.ACTIONS:
                for action in action_items(session.answers[f.id]):
                    action.created_in = session.id
        session.step_seconds[step.id] = float(rng.randint(180, 1500))
    _visit_times_in_order(session)
    session.current_step = last_step
    session.elapsed_seconds = sum(session.step_seconds.values())
    if not draft:
        session.status = Status.COMPLETE
        session.finished_at = start + timedelta(seconds=session.elapsed_seconds)
    return session


def _visit_times_in_order(session: Session) -> None:
    """A visit plan's expected finish comes an hour after its start, never before it."""
    start = text_of(session.answers.get("visit-when"))
    if not start or "expected-finish" not in session.answers:
        return
    begins = datetime.fromisoformat(start)
    session.answers["expected-finish"] = (begins + timedelta(hours=1)).isoformat(timespec="minutes")


def fill(
    store: Store,
    templates: Sequence[Template],
    clock: Clock,
    sessions: int = DEFAULT_SESSIONS,
    seed: int = DEFAULT_SEED,
) -> tuple[int, int]:
    """Add ``sessions`` sample sessions (and any missing roster people) in one write.

    Returns (sessions added, people added).
    """
    if not templates:
        raise ValueError("sample data needs at least one template")
    existing = len(store.list_sessions())
    rng = random.Random(f"{seed}:{existing}")
    ids = random.Random(f"{seed}:{existing}:ids")
    known = {p.name for p in store.people()}
    people = roster(random.Random(f"{seed}:people"))
    new_people = [p for p in people if p.name not in known]
    today = clock.now().date()
    ordered = sorted(templates, key=lambda t: t.id)
    made = [
        # about one in twelve sessions is an unfinished draft
        make_session(ordered[(existing + i) % len(ordered)], rng, ids, people, today, i % 12 == 11)
        for i in range(sessions)
    ]
    with store.batch():
        if new_people:
            store.save_people(new_people)
        store.save_sessions(made)
    return len(made), len(new_people)


class _Library(Protocol):
    def templates(self) -> list[Template]: ...


def load_demo(
    store: Store,
    library: _Library,
    clock: Clock,
    sessions: int = DEFAULT_SESSIONS,
    seed: int = DEFAULT_SEED,
) -> tuple[int, int]:
    """The app's "load sample data": ``fill`` with every template of the library."""
    added, people = fill(store, library.templates(), clock, sessions, seed)
    return added + history(store, library.templates(), clock, seed), people


# -- follow-through history (issue 6) -------------------------------------------
# Days before today of each person's latest decompression session and supervision,
# cycled through the roster so `reflect due` shows a mix: up to date, due soon,
# overdue, and (for the last few) never had one.
DECOMPRESSION_AGO = (20, 83, 130, 45, 200, 88, 60, 110, 15, 95, 150, 35, 70, None, None)
SUPERVISION_AGO = (7, 26, 40, 12, 21, 33, 60, 5, 24, 18, None)


def _moved(session: Session, day: date) -> Session:
    """The sample session moved to ``day``, with its action due dates moved alike."""
    shift = day - session.date
    session.date = day
    for attr in ("created_at", "started_at", "finished_at", "updated_at"):
        moment = getattr(session, attr)
        if moment is not None:
            setattr(session, attr, moment + shift)
    for action in session.actions():
        if action.due is not None:
            action.due += shift
    # Dates answered in the session (next session, review, visit) move with it.
    for step in session.template.steps:
        for f in step.fields:
            value = session.answers.get(f.id)
            if f.kind is FieldKind.DATETIME and isinstance(value, str) and value:
                moved = datetime.fromisoformat(value) + shift
                has_time = "T" in value
                session.answers[f.id] = (
                    moved.isoformat(timespec="minutes") if has_time else moved.date().isoformat()
                )
    return session


def history(
    store: Store, templates: Sequence[Template], clock: Clock, seed: int = DEFAULT_SEED
) -> int:
    """Past decompression sessions and supervision for the roster; returns how many.

    Only added once per store (people who already have such sessions are skipped).
    """
    by_id = {t.id: t for t in templates}
    decompression = by_id.get("decompression")
    supervision = by_id.get("supervision-one-to-one")
    if decompression is None or supervision is None:
        return 0
    rng = random.Random(f"{seed}:history")
    ids = random.Random(f"{seed}:history:ids")
    people = roster(random.Random(f"{seed}:people"))
    today = clock.now().date()
    had = {(s.subject, s.template_id) for s in store.list_sessions()}
    helpers = [p for p in people if p.facilitator]
    made: list[Session] = []
    for n, person in enumerate(people):
        ago = DECOMPRESSION_AGO[n % len(DECOMPRESSION_AGO)]
        if ago is not None and (person.name, decompression.id) not in had:
            helper = next(h for h in helpers if h.name not in (person.name, person.line_manager))
            days = [ago] + ([ago + 91, ago + 182] if n % 2 == 0 else [])
            for back in days:
                s = make_session(decompression, rng, ids, people, today)
                s.subject, s.facilitator = person.name, helper.name
                s.participants = [person.name, helper.name]
                s.title = f"Session with {person.name.split()[0]}"
                made.append(_moved(s, today - timedelta(days=back)))
        ago = SUPERVISION_AGO[n % len(SUPERVISION_AGO)]
        if ago is not None and person.line_manager and (person.name, supervision.id) not in had:
            for back in (ago + 28, ago):
                s = make_session(supervision, rng, ids, people, today)
                s.subject, s.facilitator = person.name, person.line_manager
                s.participants = [person.name, person.line_manager]
                s.title = f"Supervision with {person.name.split()[0]}"
                made.append(_moved(s, today - timedelta(days=back)))
    if made:
        store.save_sessions(made)
    return len(made)
