"""One plausible, finished session for every built-in template (for the golden files).

Names, places and numbers are invented. Each template's answers are written by
hand for its field ids; a field not listed here (a template that grew a field)
gets a short generic answer, so the golden test shows the change rather than
crashing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from reflect_tui.domain.answers import (
    ActionItem,
    ActionStatus,
    Answer,
    ChecklistEntry,
    ListItem,
    RiskRow,
    empty_value,
)
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import FieldKind, Template
from reflect_tui.templates import TemplateLibrary

START = datetime(2026, 11, 18, 14, 0)
END = datetime(2026, 11, 18, 15, 15)
TEAM = ["Ann Lee", "Bo Grant", "Cy Dunn"]


def built_in_templates() -> list[Template]:
    return TemplateLibrary.from_dirs([], built_ins=True).templates()


def _items(*texts: str, themes: tuple[str, ...] = ()) -> list[ListItem]:
    return [ListItem(t, themes=list(themes) if i == 0 else []) for i, t in enumerate(texts)]


def _action(what: str, owner: str, due: date | None, *, done: bool = False) -> ActionItem:
    status = ActionStatus.DONE if done else ActionStatus.OPEN
    return ActionItem(what, owner=owner, due=due, status=status, id=f"act-{abs(hash(what)) % 999}")


HEADERS: dict[str, dict[str, Any]] = {
    "team-reflection": dict(title="Reflection on the Tuesday duty rota", team="North team"),
    "learning-from-success": dict(title="The Ashby Road family meeting", team="North team"),
    "pre-visit-risk": dict(title="Home visit, case ref NT-0412", subject="Bo Grant"),
    "post-incident-review": dict(title="Review of the reception incident", team="North team"),
    "supervision-one-to-one": dict(title="November supervision", subject="Bo Grant"),
    "supervision-group": dict(title="Group supervision, November", team="North team"),
    "decompression": dict(title="Quarterly decompression session", subject="Cy Dunn"),
    "team-wellbeing": dict(title="Team wellbeing check, autumn", team="North team"),
    "post-visit-debrief": dict(title="Debrief after the NT-0412 visit", subject="Bo Grant"),
}

ANSWERS: dict[str, dict[str, Any]] = {
    "team-reflection": {
        "focus": "How the new duty rota worked in its first month.",
        "present": TEAM,
        "what-happened": "We moved to a shared duty rota on 1 October. Cover was steady, "
        "but two late referrals on Tuesdays were picked up after 4pm.",
        "feelings": _items("Relief that cover was fairer", "Worry about late Tuesdays",
                           themes=("workload",)),
        "went-well": _items("Handovers were written up every day", "People swapped shifts kindly"),
        "learning": _items("A clear cut-off time protects the team", themes=("process",)),
        "hindered": "The referral inbox is not checked after lunch.",
        "actions": [
            _action("Agree a 3pm referral cut-off with the hub", "Ann Lee", date(2026, 12, 2)),
            _action("Add the inbox check to the duty checklist", "Cy Dunn", date(2026, 11, 25)),
        ],
        "share-beyond-team": "Not yet, revisit next time",
        "check-out": 4,
        "review-date": "2026-12-16",
    },
    "learning-from-success": {
        "success": "A family meeting that ended with everyone agreeing a plan.",
        "present": TEAM,
        "other-successes": _items("The new reception layout"),
        "what-worked": _items("Meeting on neutral ground", "A short written agenda sent ahead",
                              themes=("preparation",)),
        "enablers": _items("Time set aside by the manager", "Good notes from the last visit"),
        "strengths-rating": 4,
        "repeat": _items("Offer neutral venues by default"),
        "share-how": "Within the team only",
        "actions": [_action("Write a one-page note on the venue idea", "Bo Grant",
                            date(2026, 12, 9))],
        "thank": ["Dee Ray"],
        "thank-how": "Ann will send a note to Dee's manager.",
    },
    "pre-visit-risk": {
        "visit-when": "2026-11-20T10:30",
        "visit-where": "Ground-floor flat, Example Road estate (address in the case record).",
        "visit-who": "NT-0412 and possibly a partner; no children expected.",
        "purpose": "Review the support plan after a missed appointment.",
        "staff": ["Bo Grant"],
        "indicators": "checklist",
        "history-notes": "Raised voice at the last office appointment; no violence recorded.",
        "environment": "checklist",
        "environment-notes": "Parking at the front; the stairwell light is often broken.",
        "risks": [
            RiskRow("Verbal aggression", 3, 2, controls="Sit near the door; leave if voices rise",
                    residual_likelihood=2, residual_severity=2),
            RiskRow("Dog at the property", None, 3, controls="Ask for the dog to be shut away"),
            RiskRow("Poor phone signal", 2, 4, controls="Check in from the car before going in"),
        ],
        "joint-visit": "Lone visit with the controls below",
        "who-knows": "Ann Lee (duty manager) holds the check-in.",
        "checkin-times": "Text on arrival, and at 11:15 at the latest.",
        "expected-finish": "2026-11-20T11:15",
        "missed-checkin": "Ann rings twice, then calls the office mobile and the police on 999.",
        "code-word": "Ask Ann about the blue folder.",
        "exit-plan": "Leave by the front door; car parked facing out.",
        "time-limit": "45 minutes in the flat.",
        "escalation": "Ann Lee, then the area manager on the office mobile.",
        "decision": "go with controls",
        "decision-reason": "The visit is needed and the controls bring the risk down.",
        "actions": [_action("Check the dog with the housing officer", "Bo Grant",
                            date(2026, 11, 19), done=True)],
        "review-date": "2026-11-21",
    },
    "post-incident-review": {
        "present": TEAM,
        "incident-when": "2026-11-10T09:40",
        "ground-rules": "checklist",
        "facts": "A visitor became angry at reception when told to wait. Staff used the "
        "alarm, a manager came down, and the visitor left after ten minutes.",
        "expected": "Visitors are seen within 15 minutes and kept informed.",
        "actual": "The wait was 40 minutes and nobody explained why.",
        "reasons": _items("Two staff were off sick", "No process for explaining delays",
                          themes=("staffing",)),
        "went-well": _items("The alarm was answered within a minute"),
        "keep": _items("Answering the alarm in pairs"),
        "change": _items("Tell people in the queue about delays every 15 minutes"),
        "remaining-risks": [RiskRow("Long waits at reception", 3, 3,
                                    controls="Update the queue every 15 minutes")],
        "support": "Offer a debrief to the receptionist.",
        "actions": [_action("Put a delay notice at reception", "Cy Dunn", date(2026, 11, 30))],
        "review-date": "2027-01-12",
    },
    "supervision-one-to-one": {
        "agenda": _items("Workload", "A difficult case", "Training"),
        "previous-actions": "Booked the court-skills course; caseload review still to do.",
        "cases": _items("Case NT-0399: planning a move", themes=("housing",)),
        "decisions": "Hold the move until the tenancy is confirmed.",
        "workload-rating": 2,
        "workload-notes": "Three new cases this month.",
        "wellbeing": 6,
        "impact": "Sleeping badly after the reception incident.",
        "boundaries": "checklist",
        "development": _items("Court skills course in January"),
        "actions": [
            _action("Review caseload weighting", "Ann Lee", date(2026, 12, 4)),
            _action("Book court skills course", "Bo Grant", date(2026, 11, 14), done=True),
        ],
        "next-session": "2026-12-16T14:00",
    },
    "supervision-group": {
        "present": TEAM,
        "team-mood": 3,
        "previous-actions": "The referral cut-off is agreed; the inbox check has started.",
        "presenter": ["Cy Dunn"],
        "case-summary": "A young person who keeps missing appointments: how do we re-engage?",
        "reflections": _items("Try text reminders the day before", "Ask what time suits them",
                              themes=("engagement",)),
        "presenter-response": "I will offer a later appointment and a reminder text.",
        "themes": _items("Engagement with young people", themes=("engagement",)),
        "actions": [_action("Share the reminder text template", "Bo Grant", date(2026, 12, 1))],
        "next-session": "2026-12-15T10:00",
        "next-presenter": ["Ann Lee"],
    },
    "decompression": {
        "agreement": "checklist",
        "theme-consent": "Yes, anonymised themes may be used",
        "check-in": "Tired but glad to have the time.",
        "focus": "checklist",
        "focus-notes": "Wants to talk about the cumulative weight of court work.",
        "notes": "Talked through three recent hearings and what stayed with them.",
        "wellbeing": 5,
        "impact": "Finds it hard to switch off in the evening.",
        "put-down": _items("Replaying hearings at night"),
        "carry-on": _items("Walking at lunchtime"),
        "themes": _items("Court work is emotionally heavy", themes=("court",)),
        "signposting": _items("Employee assistance programme"),
        "actions": [_action("Try the employee assistance line", "Cy Dunn", None)],
        "risk-raised": "No",
        "risk-agreed": "",
        "check-out": "Lighter, with a plan for evenings.",
        "next-session": "2027-02-17T10:00",
    },
    "team-wellbeing": {
        "present": TEAM,
        "team-rating": 6,
        "stressors": _items("Unplanned court cover", "Cold office", themes=("workload",)),
        "what-helps": _items("Lunch together on Fridays"),
        "boundaries-check": "checklist",
        "standards": _items("Strong: recording. Slipping: supervision dates."),
        "achievements": _items("All reviews done on time in October"),
        "organisation-helps": _items("Flexible hours"),
        "organisation-asks": _items("Fix the heating", themes=("environment",)),
        "actions": [_action("Raise the heating with facilities", "Ann Lee", date(2026, 11, 27))],
        "review-date": "2027-02-01",
    },
    "post-visit-debrief": {
        "visit-when": "2026-11-20T10:30",
        "how-it-went": "Calm. The partner left early; the plan was reviewed as hoped.",
        "controls-notes": "The arrival text was late because of poor signal in the stairwell.",
        "near-miss": "No",
        "near-miss-details": "",
        "learning": _items("Text from the car, not the stairwell", themes=("lone working",)),
        "plan-change": "Update the plan before the next visit",
        "actions": [_action("Update the check-in step in the plan", "Bo Grant",
                            date(2026, 11, 27))],
    },
}  # fmt: skip

_CHECK_ANSWERS = (Answer.YES, Answer.NO, Answer.NOT_SURE, None)


def built_in_session(template: Template) -> Session:
    """A finished session of ``template`` with the hand-written answers above."""
    header = dict(HEADERS.get(template.id, {"title": f"Example {template.title}"}))
    session = Session.start(
        template,
        header.pop("title"),
        START,
        facilitator="Ann Lee",
        participants=list(TEAM) if template.kind.value == "team" else ["Bo Grant"],
        apologies=["Dee Ray"] if template.kind.value == "team" else [],
        **header,
    )
    session.id = f"golden-{template.id}"
    session.status = Status.COMPLETE
    session.finished_at = END
    answers = ANSWERS.get(template.id, {})
    for f in template.all_fields():
        value = answers.get(f.id, _generic(f.kind))
        if f.kind is FieldKind.CHECKLIST:
            value = [
                ChecklistEntry(item, _CHECK_ANSWERS[i % 4], note="Checked." if i == 0 else "")
                for i, item in enumerate(f.options)
            ]
        elif f.kind is FieldKind.CHOICE and value not in f.options:
            value = f.options[0] if f.options else None
        session.answers[f.id] = value
    return session


def _generic(kind: FieldKind) -> Any:
    if kind is FieldKind.TEXT:
        return "Discussed."
    if kind is FieldKind.LIST:
        return [ListItem("One point")]
    if kind is FieldKind.RATING:
        return 3
    return empty_value(kind)
