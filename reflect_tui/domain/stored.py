"""The stored format: the only code that turns stored JSON into domain objects and back.

Sessions (with their template snapshot, answers and follow-through), people and
the actions table's action documents are written here and read here; the store
keeps what this module gives it and calls nothing else to encode or decode a
record. (A person's two functions are defined beside ``Person`` in
``domain.people``, so that checking people does not load the session model, and
re-exported here.) Readers are strict (``decoding.DecodeError`` names the dotted field);
writers give plain JSON (``jsonvalue.JsonObject``).

Session records carry a format marker, ``"format": 2``. A record without one was
written before issue 12 (format 1): its follow-through lived in a free-form
``extra`` object under string keys. ``session_from_record`` migrates such a record
as it reads it, leniently, the way that version read its own ``extra`` (a row it
could not read is dropped, as it was then); ``session_to_record`` always writes
format 2. Nothing else changed between the two: answers and the template
snapshot are the same shape. (``meta.schema_version`` is the file layout's
version, not this one.)

Format 2 session record (follow-through keys are left out when empty)::

    {"format": 2, "id", "template": {...}, "title", "date", "facilitator",
     "participants", "apologies", "team", "subject", "confidentiality", "status",
     "answers": {field id: answer}, "current_step", "elapsed_seconds",
     "step_seconds", "created_at", "updated_at", "started_at", "finished_at",
     "next_session",
     "carried": [carried action], "followed_up": [follow-up], "plan": plan id,
     "line_manager_override": {"reason", "facilitator", "at"},
     "history": [{"finished_at", "reopened_at", "reopened_by", "record"}],
     "agreed": {"by", "at", "comments"},
     "room_votes": [{"field_id", "votes_each", "tally": [{"text", "votes"}]}],
     "pending_text": {field id: {input: text}}}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TypeVar

from reflect_tui.domain import decoding as d
from reflect_tui.domain import risk
from reflect_tui.domain.answers import (
    ActionItem,
    ActionStatus,
    Answer,
    ChecklistEntry,
    ListItem,
    RiskRow,
    Value,
    action_items,
    checklist_entries,
    empty_value,
    list_items,
    new_id,
    people_of,
    risk_rows,
)
from reflect_tui.domain.followup import CarriedAction, FollowUp, LineOverride, Outcome
from reflect_tui.domain.history import SignOff, Version
from reflect_tui.domain.jsonvalue import JsonObject, JsonValue
from reflect_tui.domain.people import person_from_json as person_from_json
from reflect_tui.domain.people import person_to_json as person_to_json
from reflect_tui.domain.session import Session, Status
from reflect_tui.domain.template import (
    Confidentiality,
    Field,
    FieldKind,
    Scale,
    SessionKind,
    Step,
    Template,
)
from reflect_tui.domain.votes import VoteResult, VoteTally

FORMAT_KEY = "format"
FORMAT = 2

Raw = Mapping[str, object]
T = TypeVar("T")


def _iso_day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _iso_time(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


# ------------------------------------------------------------------ templates


def scale_to_json(scale: Scale) -> JsonObject:
    return {
        "min": scale.minimum,
        "max": scale.maximum,
        "labels": [[p, t] for p, t in scale.labels],
    }


def scale_from_json(data: Raw) -> Scale:
    labels: list[tuple[int, str]] = []
    for n, pair in enumerate(d.items(data.get("labels", []), "labels")):
        if (
            not isinstance(pair, list)
            or len(pair) != 2
            or not isinstance(pair[0], int)
            or not isinstance(pair[1], str)
        ):
            raise d.DecodeError(f"labels[{n}]", "is not a [number, text] pair")
        labels.append((pair[0], pair[1]))
    return Scale(
        minimum=d.integer(data, "min", 1),
        maximum=d.integer(data, "max", 10),
        labels=tuple(labels),
    )


def field_to_json(f: Field) -> JsonObject:
    data: JsonObject = {
        "id": f.id,
        "kind": f.kind.value,
        "label": f.label,
        "help": f.help,
        "private": f.private,
        "required": f.required,
        "options": list(f.options),
        "themes": f.themes,
    }
    if f.scale is not None:
        data["scale"] = scale_to_json(f.scale)
    return data


def field_from_json(data: Raw) -> Field:
    field_id = d.text(data, "id", d.REQUIRED)
    scale = data.get("scale")
    with d.within("scale"):
        parsed = scale_from_json(d.obj(scale)) if scale else None
    return Field(
        id=field_id,
        kind=d.choice(data, "kind", FieldKind),
        label=d.text(data, "label", field_id),
        help=d.text(data, "help"),
        private=d.boolean(data, "private"),
        required=d.boolean(data, "required"),
        options=tuple(d.text_list(data, "options")),
        scale=parsed,
        themes=d.boolean(data, "themes"),
    )


def step_to_json(step: Step) -> JsonObject:
    return {
        "id": step.id,
        "title": step.title,
        "guidance": step.guidance,
        "timebox": step.timebox_minutes,
        "fields": [field_to_json(f) for f in step.fields],
    }


def step_from_json(data: Raw) -> Step:
    step_id = d.text(data, "id", d.REQUIRED)
    return Step(
        id=step_id,
        title=d.text(data, "title", step_id),
        guidance=d.text(data, "guidance"),
        timebox_minutes=d.opt_integer(data, "timebox"),
        fields=tuple(d.each(data, "fields", field_from_json)),
    )


def template_to_json(template: Template) -> JsonObject:
    """The snapshot kept with every session (no source path: it is machine-specific)."""
    return {
        "id": template.id,
        "title": template.title,
        "description": template.description,
        "kind": template.kind.value,
        "confidentiality": template.confidentiality.value,
        "duration": template.duration_minutes,
        "version": template.version,
        "steps": [step_to_json(s) for s in template.steps],
    }


def template_from_json(data: Raw) -> Template:
    template_id = d.text(data, "id", d.REQUIRED)
    return Template(
        id=template_id,
        title=d.text(data, "title", template_id),
        description=d.text(data, "description"),
        kind=d.choice(data, "kind", SessionKind, SessionKind.TEAM),
        confidentiality=d.choice(data, "confidentiality", Confidentiality, Confidentiality.SHARED),
        duration_minutes=d.integer(data, "duration", 60),
        version=_version(data),
        steps=tuple(d.each(data, "steps", step_from_json)),
    )


def _version(data: Raw) -> str:
    value = data.get("version", "1")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)  # "version: 2" in front matter may have been kept as a number
    return d.text(data, "version", "1")


# Thousands of stored sessions carry identical template snapshots; decoding each
# one again dominated loading a large store. Templates are frozen, so one
# decoded instance can be shared by every session whose snapshot is equal.
_SNAPSHOTS: dict[tuple[str, str], tuple[Raw, Template]] = {}


def _template_snapshot(raw: Raw) -> Template:
    key = (str(raw.get("id")), str(raw.get("version")))
    cached = _SNAPSHOTS.get(key)
    if cached is not None and cached[0] == raw:
        return cached[1]
    template = template_from_json(raw)
    if len(_SNAPSHOTS) < 256:
        _SNAPSHOTS[key] = (dict(raw), template)
    return template


# ------------------------------------------------------------------ people


# ------------------------------------------------------------------ answers


def list_item_to_json(item: ListItem) -> JsonObject:
    return {"text": item.text, "themes": list(item.themes)}


def list_item_from_json(data: Raw) -> ListItem:
    return ListItem(text=d.text(data, "text"), themes=d.text_list(data, "themes"))


def action_to_json(action: ActionItem) -> JsonObject:
    return {
        "id": action.id,
        "what": action.what,
        "owner": action.owner,
        "due": _iso_day(action.due),
        "status": action.status.value,
        "note": action.note,
        "created_in": action.created_in,
        "closed_in": action.closed_in,
    }


def action_from_json(data: Raw) -> ActionItem:
    return ActionItem(
        id=d.text(data, "id") or new_id(),
        what=d.text(data, "what"),
        owner=d.text(data, "owner"),
        due=d.opt_date(data, "due"),
        status=d.choice(data, "status", ActionStatus, ActionStatus.OPEN),
        note=d.text(data, "note"),
        created_in=d.text(data, "created_in"),
        closed_in=d.text(data, "closed_in"),
    )


def checklist_to_json(entry: ChecklistEntry) -> JsonObject:
    return {
        "item": entry.item,
        "answer": entry.answer.value if entry.answer else None,
        "note": entry.note,
    }


def checklist_from_json(data: Raw) -> ChecklistEntry:
    return ChecklistEntry(
        item=d.text(data, "item"),
        answer=d.choice(data, "answer", Answer) if data.get("answer") else None,
        note=d.text(data, "note"),
    )


def risk_to_json(row: RiskRow) -> JsonObject:
    return {
        "hazard": row.hazard,
        "likelihood": row.likelihood,
        "severity": row.severity,
        "controls": row.controls,
        "residual_likelihood": row.residual_likelihood,
        "residual_severity": row.residual_severity,
    }


def risk_from_json(data: Raw) -> RiskRow:
    def rating(key: str) -> int | None:
        value = d.opt_integer(data, key)
        if value is not None and not risk.SCALE_MIN <= value <= risk.SCALE_MAX:
            raise d.DecodeError(
                key, f"is {value}; it must be {risk.SCALE_MIN} to {risk.SCALE_MAX} or empty"
            )
        return value

    return RiskRow(
        hazard=d.text(data, "hazard"),
        likelihood=rating("likelihood"),
        severity=rating("severity"),
        controls=d.text(data, "controls"),
        residual_likelihood=rating("residual_likelihood"),
        residual_severity=rating("residual_severity"),
    )


def value_to_json(kind: FieldKind, value: Value) -> JsonValue:
    """One answer's stored form, read through its kind's accessor."""
    if kind is FieldKind.LIST:
        return [list_item_to_json(v) for v in list_items(value)]
    if kind is FieldKind.ACTIONS:
        return [action_to_json(v) for v in action_items(value)]
    if kind is FieldKind.CHECKLIST:
        return [checklist_to_json(v) for v in checklist_entries(value)]
    if kind is FieldKind.RISKS:
        return [risk_to_json(v) for v in risk_rows(value)]
    if kind is FieldKind.PEOPLE:
        return list(people_of(value))
    if isinstance(value, list):  # a scalar kind never holds a list
        return None
    return value


_ROW_KINDS = frozenset({FieldKind.LIST, FieldKind.ACTIONS, FieldKind.CHECKLIST, FieldKind.RISKS})


def value_from_json(kind: FieldKind, data: object) -> Value:
    """The value of one answer; ``decoding.DecodeError`` names what is wrong with it."""
    if kind in _ROW_KINDS:
        # One list type per kind (the branches keep each list's element type exact).
        if kind is FieldKind.LIST:
            return d.rows(data, list_item_from_json)
        if kind is FieldKind.ACTIONS:
            return d.rows(data, action_from_json)
        if kind is FieldKind.CHECKLIST:
            return d.rows(data, checklist_from_json)
        return d.rows(data, risk_from_json)
    if kind is FieldKind.TEXT or kind is FieldKind.DATETIME:
        if isinstance(data, str):
            return data
        return d.text({"": data or ""}, "")
    if kind is FieldKind.PEOPLE:
        return d.text_list({"": data or []}, "")
    if kind is FieldKind.RATING:
        return d.opt_integer({"": data}, "")
    return d.opt_text({"": data}, "")


# ------------------------------------------------------------------ follow-through


def carried_to_json(c: CarriedAction) -> JsonObject:
    return {
        "id": c.id,
        "what": c.what,
        "owner": c.owner,
        "due": _iso_day(c.due),
        "from_session": c.from_session,
        "from_title": c.from_title,
        "from_date": _iso_day(c.from_date),
        "outcome": c.outcome.value,
        "note": c.note,
        "confidential": c.confidential,
        "disclosed": c.disclosed,
    }


def carried_from_json(data: Raw) -> CarriedAction:
    return CarriedAction(
        id=d.text(data, "id", d.REQUIRED),
        what=d.text(data, "what"),
        owner=d.text(data, "owner"),
        due=d.opt_date(data, "due"),
        from_session=d.text(data, "from_session"),
        from_title=d.text(data, "from_title"),
        from_date=d.opt_date(data, "from_date"),
        outcome=d.choice(data, "outcome", Outcome, Outcome.PENDING),
        note=d.text(data, "note"),
        confidential=d.boolean(data, "confidential"),
        disclosed=d.boolean(data, "disclosed"),
    )


def follow_up_to_json(f: FollowUp) -> JsonObject:
    return {
        "id": f.id,
        "what": f.what,
        "status": f.status,
        "on": f.on.isoformat(),
        "note": f.note,
        "in_session": f.in_session,
        "in_title": f.in_title,
        "confidential": f.confidential,
    }


def follow_up_from_json(data: Raw) -> FollowUp:
    return FollowUp(
        id=d.text(data, "id", d.REQUIRED),
        what=d.text(data, "what"),
        status=d.text(data, "status"),
        on=d.iso_date(data, "on"),
        note=d.text(data, "note"),
        in_session=d.text(data, "in_session"),
        in_title=d.text(data, "in_title"),
        confidential=d.boolean(data, "confidential"),
    )


def override_to_json(o: LineOverride) -> JsonObject:
    return {"reason": o.reason, "facilitator": o.facilitator, "at": _iso_time(o.at)}


def override_from_json(data: Raw) -> LineOverride:
    return LineOverride(
        reason=d.text(data, "reason"),
        facilitator=d.text(data, "facilitator"),
        at=d.opt_datetime(data, "at"),
    )


def vote_to_json(v: VoteResult) -> JsonObject:
    return {
        "field_id": v.field_id,
        "votes_each": v.votes_each,
        "tally": [{"text": t.text, "votes": t.votes} for t in v.tally],
    }


def vote_from_json(data: Raw) -> VoteResult:
    return VoteResult(
        field_id=d.text(data, "field_id"),
        votes_each=d.integer(data, "votes_each", 0),
        tally=tuple(
            d.each(
                data,
                "tally",
                lambda t: VoteTally(text=d.text(t, "text"), votes=d.integer(t, "votes", 0)),
            )
        ),
    )


def version_to_json(v: Version) -> JsonObject:
    return {
        "finished_at": _iso_time(v.finished_at),
        "reopened_at": v.reopened_at.isoformat(timespec="seconds"),
        "reopened_by": v.reopened_by,
        "record": v.record,
    }


def version_from_json(data: Raw) -> Version:
    reopened = d.opt_datetime(data, "reopened_at")
    if reopened is None:
        raise d.DecodeError("reopened_at", "is missing")
    return Version(
        finished_at=d.opt_datetime(data, "finished_at"),
        reopened_at=reopened,
        reopened_by=d.text(data, "reopened_by"),
        record=_json_object(d.obj(data.get("record") or {}, "record")),
    )


def sign_off_to_json(s: SignOff) -> JsonObject:
    return {"by": s.agreed_by, "at": s.at.isoformat(timespec="seconds"), "comments": s.comments}


def sign_off_from_json(data: Raw) -> SignOff:
    at = d.opt_datetime(data, "at")
    if at is None:
        raise d.DecodeError("at", "is missing")
    return SignOff(agreed_by=d.text(data, "by"), at=at, comments=d.text(data, "comments"))


def _json(value: object) -> JsonValue:
    """A value ``json.loads`` gave, checked to be JSON all the way down."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list):
        return [_json(v) for v in value]
    if isinstance(value, dict):
        return _json_object(value)
    raise d.DecodeError("", f"is {type(value).__name__}, which is not JSON")


def _json_object(value: Mapping[str, object]) -> JsonObject:
    return {str(k): _json(v) for k, v in value.items()}


# ------------------------------------------------------------------ sessions

# The follow-through keys of a format 2 record (and of format 1's ``extra``).
FOLLOW_THROUGH_KEYS = (
    "carried",
    "followed_up",
    "plan",
    "line_manager_override",
    "history",
    "agreed",
    "room_votes",
    "pending_text",
)


def session_to_record(session: Session, *, snapshot: bool = False) -> JsonObject:
    """The stored record of ``session`` (format 2).

    ``snapshot``: the record as kept in a ``Version`` of its history (no template
    snapshot and no follow-through, as those stay the session's own).
    """
    kinds = {f.id: f.kind for f in session.template.all_fields()}
    record: JsonObject = {FORMAT_KEY: FORMAT, "id": session.id}
    if not snapshot:
        record["template"] = template_to_json(session.template)
    record.update(
        {
            "title": session.title,
            "date": session.date.isoformat(),
            "facilitator": session.facilitator,
            "participants": list(session.participants),
            "apologies": list(session.apologies),
            "team": session.team,
            "subject": session.subject,
            "confidentiality": session.confidentiality.value,
            "status": session.status.value,
            "answers": {
                fid: value_to_json(kinds[fid], v)
                for fid, v in session.answers.items()
                if fid in kinds
            },
            "current_step": session.current_step,
            "elapsed_seconds": session.elapsed_seconds,
            "step_seconds": dict(session.step_seconds),
            "created_at": _iso_time(session.created_at),
            "updated_at": _iso_time(session.updated_at),
            "started_at": _iso_time(session.started_at),
            "finished_at": _iso_time(session.finished_at),
            "next_session": session.next_session,
        }
    )
    if snapshot:
        return record
    if session.carried:
        record["carried"] = [carried_to_json(c) for c in session.carried]
    if session.followed_up:
        record["followed_up"] = [follow_up_to_json(f) for f in session.followed_up]
    if session.plan_id:
        record["plan"] = session.plan_id
    if session.line_manager_override is not None:
        record["line_manager_override"] = override_to_json(session.line_manager_override)
    if session.history:
        record["history"] = [version_to_json(v) for v in session.history]
    if session.agreed is not None:
        record["agreed"] = sign_off_to_json(session.agreed)
    if session.room_votes:
        record["room_votes"] = [vote_to_json(v) for v in session.room_votes]
    if session.pending_text:
        record["pending_text"] = {k: dict(v) for k, v in session.pending_text.items()}
    return record


def record_format(data: Raw) -> int:
    """1 for a record written before issue 12 (no marker), else its marker."""
    marker = data.get(FORMAT_KEY)
    if marker is None:
        return 1
    if marker != FORMAT:
        raise d.DecodeError(
            FORMAT_KEY,
            f"is {marker!r}: this record was written by a newer reflect (format {FORMAT} "
            "is the newest this one reads); update reflect to open it",
        )
    return FORMAT


def session_from_record(data: Raw, *, template: Template | None = None) -> Session:
    """Read a stored session record of format 1 or 2.

    ``template``: for a history snapshot, which has no template of its own.
    """
    version = record_format(data)
    session_id = d.text(data, "id", d.REQUIRED)
    if template is None:
        with d.within("template"):
            template = _template_snapshot(d.obj(d.get(data, "template")))
    kinds = {f.id: f.kind for f in template.all_fields()}
    answers: dict[str, Value] = {}
    for fid, raw in d.obj(data.get("answers", {}), "answers").items():
        if fid in kinds:
            try:
                answers[fid] = value_from_json(kinds[fid], raw)
            except d.DecodeError as err:
                raise err.under(f"answers.{fid}") from None
    for f in template.all_fields():
        if f.id not in answers:
            answers[f.id] = empty_value(f.kind, f.options)
    step_seconds: dict[str, float] = {}
    for key, value in d.obj(data.get("step_seconds", {}), "step_seconds").items():
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise d.DecodeError(f"step_seconds.{key}", f"is {value!r}, not a number")
        step_seconds[key] = float(value)
    session = Session(
        id=session_id,
        template=template,
        title=d.text(data, "title"),
        date=d.iso_date(data, "date"),
        facilitator=d.text(data, "facilitator"),
        participants=d.text_list(data, "participants"),
        apologies=d.text_list(data, "apologies"),
        team=d.text(data, "team"),
        subject=d.text(data, "subject"),
        confidentiality=d.choice(data, "confidentiality", Confidentiality, Confidentiality.SHARED),
        status=d.choice(data, "status", Status, Status.DRAFT),
        answers=answers,
        current_step=d.integer(data, "current_step", 0),
        elapsed_seconds=d.number(data, "elapsed_seconds"),
        step_seconds=step_seconds,
        created_at=d.opt_datetime(data, "created_at"),
        updated_at=d.opt_datetime(data, "updated_at"),
        started_at=d.opt_datetime(data, "started_at"),
        finished_at=d.opt_datetime(data, "finished_at"),
        next_session=d.text(data, "next_session"),
    )
    if version == 1:
        _migrate_extra(session, d.obj(data.get("extra", {}), "extra"))
    else:
        _read_follow_through(session, data)
    return session


def session_for_counting(data: Raw, answers: Callable[[Field], bool]) -> Session:
    """A stored record read for counting only (the thematic report's facts).

    Reads, with the same strict readers as ``session_from_record``, the format
    marker, the id, the template snapshot, the date, status, team, subject and
    participants, and the answers of the fields ``answers`` accepts; everything
    else is left at its default and missing answers are not filled in. For a
    record the store has checked whole (its bytes are those its index entry
    recorded); such a session is only counted, never saved or shown.
    """
    record_format(data)
    session_id = d.text(data, "id", d.REQUIRED)
    with d.within("template"):
        template = _template_snapshot(d.obj(d.get(data, "template")))
    raw = d.obj(data.get("answers", {}), "answers")
    values: dict[str, Value] = {}
    for f in template.all_fields():
        if f.id in raw and answers(f):
            try:
                values[f.id] = value_from_json(f.kind, raw[f.id])
            except d.DecodeError as err:
                raise err.under(f"answers.{f.id}") from None
    return Session(
        id=session_id,
        template=template,
        title="",
        date=d.iso_date(data, "date"),
        participants=d.text_list(data, "participants"),
        team=d.text(data, "team"),
        subject=d.text(data, "subject"),
        status=d.choice(data, "status", Status, Status.DRAFT),
        answers=values,
    )


def _read_follow_through(session: Session, data: Raw) -> None:
    # Each key is only there when it holds something (most records have none).
    if "carried" in data:
        session.carried = d.each(data, "carried", carried_from_json)
    if "followed_up" in data:
        session.followed_up = d.each(data, "followed_up", follow_up_from_json)
    if "plan" in data:
        session.plan_id = d.text(data, "plan")
    raw = data.get("line_manager_override")
    if raw:
        with d.within("line_manager_override"):
            session.line_manager_override = override_from_json(d.obj(raw))
    if "history" in data:
        session.history = d.each(data, "history", version_from_json)
    raw = data.get("agreed")
    if raw:
        with d.within("agreed"):
            session.agreed = sign_off_from_json(d.obj(raw))
    if "room_votes" in data:
        session.room_votes = d.each(data, "room_votes", vote_from_json)
    if "pending_text" in data:
        session.pending_text = _pending(d.obj(data["pending_text"], "pending_text"))


def _pending(raw: Raw) -> dict[str, dict[str, str]]:
    pending: dict[str, dict[str, str]] = {}
    for fid, texts in raw.items():
        with d.within(f"pending_text.{fid}"):
            pending[fid] = {str(k): d.text({"": v}, "") for k, v in d.obj(texts).items()}
    return pending


# ------------------------------------------------------------------ format 1


def _each_lenient(raw: object, read: Callable[[Raw], T], *, need_id: bool = False) -> list[T]:
    """The rows ``read`` can decode; the others are dropped, as format 1 dropped them."""
    if not isinstance(raw, list):
        return []
    found: list[T] = []
    for row in raw:
        if not isinstance(row, dict) or (need_id and not row.get("id")):
            continue
        try:
            found.append(read(row))
        except d.DecodeError:
            continue
    return found


def _migrate_extra(session: Session, extra: Raw) -> None:
    """Format 1: the follow-through kept in ``extra`` under string keys.

    Read as that version read it: rows it skipped (no id, not an object, a bad
    date) are dropped, a bad sign-off or override is left out, and any other key
    (there were none) is not carried over.
    """
    session.carried = _each_lenient(extra.get("carried"), carried_from_json, need_id=True)
    session.followed_up = _each_lenient(extra.get("followed_up"), follow_up_from_json, need_id=True)
    plan = extra.get("plan")
    session.plan_id = plan if isinstance(plan, str) else ""
    override = extra.get("line_manager_override")
    if isinstance(override, dict):
        try:
            session.line_manager_override = override_from_json(override)
        except d.DecodeError:
            session.line_manager_override = None
    session.history = _each_lenient(extra.get("history"), version_from_json)
    agreed = extra.get("agreed")
    if isinstance(agreed, dict) and agreed.get("by"):
        try:
            session.agreed = sign_off_from_json(agreed)
        except d.DecodeError:
            session.agreed = None
    session.room_votes = _each_lenient(extra.get("room_votes"), vote_from_json)
    pending = extra.get("pending_text")
    if isinstance(pending, dict):
        session.pending_text = {
            str(fid): {str(k): str(v) for k, v in texts.items()}
            for fid, texts in pending.items()
            if isinstance(texts, dict)
        }
