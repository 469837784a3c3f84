"""Template Markdown -> ``Template``.

The structure comes from markdown-it tokens, not from regexes over lines: the
front-matter token is the metadata, each ``##`` heading starts a step, each
top-level fenced block with the info string ``field`` is a field, and the
rest of a step is its guidance. ``token.map`` gives every problem its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

from reflect_tui.domain.template import (
    Confidentiality,
    Field,
    SessionKind,
    Step,
    Template,
)
from reflect_tui.templates.decoding import read_template_text
from reflect_tui.templates.fields import parse_field
from reflect_tui.templates.keyvalues import Entry, parse_block
from reflect_tui.templates.problems import TemplateError
from reflect_tui.templates.values import ID_PATTERN, ID_RULE, Checker, slug, suggestion

METADATA_KEYS = ("id", "title", "description", "kind", "confidentiality", "duration", "version")
REQUIRED_METADATA = ("id", "title", "kind", "version")
DEFAULT_DURATION = 60
MAX_MINUTES = 600

# "Step title {#step-id timebox=10}": the optional attribute block ending a step heading.
_ATTRIBUTES = re.compile(r"^(.*?)\s*\{([^{}]*)\}\s*$")

_MARKDOWN = MarkdownIt("commonmark").use(front_matter_plugin)


def load_template_file(path: Path) -> Template:
    """Read, decode and parse one template file; every fault is a TemplateError."""
    text = read_template_text(path)
    return parse_template(text, str(path))


def parse_template(text: str, source: str = "<string>") -> Template:
    """Parse template text; raises TemplateError listing every problem with its line."""
    return _Parser(text, source).run()


@dataclass
class _StepDraft:
    title: str
    step_id: str | None
    timebox: int | None
    line: int
    body_start: int  # 0-based first line after the heading
    body_end: int = 0  # 0-based line where the next step starts
    fields: list[Field] = field(default_factory=list)
    field_ids: list[tuple[str, int]] = field(default_factory=list)  # with the id's line
    field_ranges: list[tuple[int, int]] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        # markdown-it treats \r\n and \r as line ends and NUL as U+FFFD; do the
        # same so that token.map indexes these lines.
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.text = text.replace("\x00", "\ufffd")
        self.lines = self.text.split("\n")
        self.check = Checker(source)
        self.front_end: int | None = None  # 0-based line after the metadata block

    @property
    def source(self) -> str:
        return self.check.source

    def run(self) -> Template:
        if not self.text.strip():
            self.check.add(
                1,
                "the template is empty (start with a --- metadata block; "
                "see docs/templates.md for an example)",
            )
            raise TemplateError(self.check.problems)
        tokens = _MARKDOWN.parse(self.text)
        metadata = self._metadata(tokens)
        steps = self._steps(tokens)
        template = self._build(metadata, steps)
        if self.check.problems or template is None:
            raise TemplateError(self.check.problems)
        return template

    # -- metadata -------------------------------------------------------------

    def _metadata(self, tokens: list[Token]) -> dict[str, Entry] | None:
        front = tokens[0] if tokens and tokens[0].type == "front_matter" else None
        if front is None or front.map is None:
            first = self.lines[0].strip()
            if re.fullmatch(r"-{3,}", first):
                self.check.add(
                    1,
                    "the metadata block opened here is never closed "
                    "(add a line with --- after the last metadata line)",
                )
            else:
                self.check.add(
                    1,
                    "the template must start with a metadata block: a line '---', lines such "
                    "as 'id: my-template' and 'title: ...', then '---' (see docs/templates.md)",
                )
            return None
        start, end = front.map
        numbered = [(n + 1, self.lines[n]) for n in range(start + 1, end - 1)]
        entries, problems = parse_block(numbered, self.source, "metadata block")
        self.check.problems.extend(problems)
        found: dict[str, Entry] = {}
        for entry in entries:
            if entry.key not in METADATA_KEYS:
                self.check.add(
                    entry.line,
                    f"unknown metadata key '{entry.key}'{suggestion(entry.key, METADATA_KEYS)} "
                    f"(known keys: {', '.join(METADATA_KEYS)})",
                )
                continue
            found[entry.key] = entry
        for key in REQUIRED_METADATA:
            if key not in found:
                self.check.add(
                    start + 1,
                    f"the metadata has no '{key}' (add a line '{key}: ...' between the --- lines)",
                )
        self.front_end = end
        return found

    # -- steps ----------------------------------------------------------------

    def _steps(self, tokens: list[Token]) -> list[_StepDraft]:
        steps: list[_StepDraft] = []
        for index, token in enumerate(tokens):
            if token.type == "heading_open" and token.tag == "h2" and token.level == 0:
                if token.map is None:  # pragma: no cover - block tokens always carry a map
                    continue
                inline = tokens[index + 1]
                draft = self._step_heading(inline.content, token.map[0] + 1, token.map[1])
                if steps:
                    steps[-1].body_end = token.map[0]
                steps.append(draft)
            elif token.type == "fence" and _is_field_fence(token) and token.map is not None:
                line = token.map[0] + 1
                if token.level != 0:
                    self.check.add(
                        line,
                        "this field block is inside a list or quote "
                        "(start the ``` line in the first column)",
                    )
                elif not steps:
                    self.check.add(
                        line,
                        "this field block comes before the first step "
                        "(put it under a '## Step title' heading)",
                    )
                else:
                    self._field_block(token, steps[-1])
        if steps:
            steps[-1].body_end = len(self.lines)
        elif self.front_end is not None:
            self.check.add(
                min(self.front_end + 1, len(self.lines)),
                "the template has no steps (add at least one '## Step title' heading "
                "followed by a field block)",
            )
        return steps

    def _step_heading(self, content: str, line: int, body_start: int) -> _StepDraft:
        title = content.strip()
        step_id: str | None = None
        timebox: int | None = None
        match = _ATTRIBUTES.match(title)
        if match:
            title = match.group(1).strip()
            for part in match.group(2).split():
                if part.startswith("#"):
                    step_id = part[1:]
                    if not ID_PATTERN.match(step_id):
                        self.check.add(
                            line,
                            f"step id {step_id!r} is not a valid id (use {ID_RULE})",
                        )
                elif part.startswith("timebox="):
                    timebox = self._minutes(part.removeprefix("timebox="), "timebox", line)
                else:
                    self.check.add(
                        line,
                        f"unknown step setting {part!r} (use '{{#step-id timebox=10}}' at the "
                        f"end of the heading; both parts are optional)",
                    )
        if not title:
            self.check.add(line, "this step heading has no title (write the step's name)")
        if step_id is None:
            step_id = slug(title) or None
            if step_id is None and title:
                self.check.add(
                    line,
                    f"cannot make an id from the title {title!r} "
                    f"(add one at the end of the heading, such as {{#step-one}})",
                )
        return _StepDraft(
            title=title, step_id=step_id, timebox=timebox, line=line, body_start=body_start
        )

    def _minutes(self, raw: str, what: str, line: int) -> int | None:
        try:
            value = int(raw)
        except ValueError:
            self.check.add(
                line, f"{what} {raw!r} is not a whole number of minutes (write e.g. {what}=10)"
            )
            return None
        if not 1 <= value <= MAX_MINUTES:
            self.check.add(
                line,
                f"{what} {value} is out of range (use 1 to {MAX_MINUTES} minutes)",
            )
            return None
        return value

    def _field_block(self, token: Token, step: _StepDraft) -> None:
        assert token.map is not None
        start, end = token.map
        step.field_ranges.append((start, end))
        if not _is_closed(token, self.lines):
            self.check.add(
                start + 1,
                f"this field block is never closed (add a line {token.markup} after its last key)",
            )
            return
        content = token.content.split("\n")
        if content and content[-1] == "":
            content.pop()
        numbered = [(start + 2 + i, line) for i, line in enumerate(content)]
        built, field_id, id_line = parse_field(numbered, start + 1, self.check)
        if built is not None:
            step.fields.append(built)
        if field_id is not None:
            step.field_ids.append((field_id, id_line))

    # -- the whole template ---------------------------------------------------

    def _build(
        self, metadata: dict[str, Entry] | None, drafts: list[_StepDraft]
    ) -> Template | None:
        steps: list[Step] = []
        step_ids: dict[str, int] = {}
        field_ids: dict[str, int] = {}
        for draft in drafts:
            if not draft.field_ranges:
                self.check.add(
                    draft.line,
                    f"step {draft.title!r} has no field block (add at least one ```field "
                    f"block so the step records something)",
                )
            if draft.step_id is not None:
                if draft.step_id in step_ids:
                    self.check.add(
                        draft.line,
                        f"step id '{draft.step_id}' is used twice (first on line "
                        f"{step_ids[draft.step_id]}; give this step its own {{#id}})",
                    )
                else:
                    step_ids[draft.step_id] = draft.line
            for field_id, id_line in draft.field_ids:
                if field_id in field_ids:
                    self.check.add(
                        id_line,
                        f"field id '{field_id}' is used twice (first on line "
                        f"{field_ids[field_id]}; every field in a template needs its own id)",
                    )
                else:
                    field_ids[field_id] = id_line
            steps.append(
                Step(
                    id=draft.step_id or "",
                    title=draft.title,
                    guidance=self._guidance(draft),
                    timebox_minutes=draft.timebox,
                    fields=tuple(draft.fields),
                )
            )
        if metadata is None:
            return None
        meta = self._metadata_values(metadata)
        if meta is None or self.check.problems:
            return None
        template_id, title, description, kind, confidentiality, duration, version = meta
        return Template(
            id=template_id,
            title=title,
            description=description,
            kind=kind,
            confidentiality=confidentiality,
            duration_minutes=duration,
            version=version,
            steps=tuple(steps),
            source=self.source,
        )

    def _metadata_values(
        self, found: dict[str, Entry]
    ) -> tuple[str, str, str, SessionKind, Confidentiality, int, str] | None:
        check = self.check
        template_id = check.ident(found["id"], "template") if "id" in found else None
        title = check.scalar(found["title"], "title") if "title" in found else None
        if "title" in found and title == "":
            check.add(found["title"].line, "the title is empty (write the template's name)")
        description = (
            check.scalar(found["description"], "description") if "description" in found else ""
        )
        kind = check.choice(found["kind"], SessionKind, "kind") if "kind" in found else None
        confidentiality: Confidentiality | None = Confidentiality.SHARED
        if "confidentiality" in found:
            confidentiality = check.choice(
                found["confidentiality"], Confidentiality, "confidentiality"
            )
        duration: int | None = DEFAULT_DURATION
        if "duration" in found:
            duration = check.whole_number(found["duration"], 1, MAX_MINUTES, " minutes")
        version = check.scalar(found["version"], "version") if "version" in found else None
        if "version" in found and version == "":
            check.add(found["version"].line, "the version is empty (write a version such as 1)")
        if (
            template_id is None
            or not title
            or description is None
            or kind is None
            or confidentiality is None
            or duration is None
            or not version
        ):
            return None
        return template_id, title, description, kind, confidentiality, duration, version

    def _guidance(self, draft: _StepDraft) -> str:
        """The step's Markdown as written, minus its field blocks."""
        chunks: list[str] = []
        cursor = draft.body_start
        for start, end in [*draft.field_ranges, (draft.body_end, draft.body_end)]:
            chunk = "\n".join(self.lines[cursor:start]).strip("\n")
            if chunk.strip():
                chunks.append(chunk.rstrip())
            cursor = max(cursor, end)
        return "\n\n".join(chunks)


def _is_field_fence(token: Token) -> bool:
    words = token.info.strip().split()
    return bool(words) and words[0].lower() == "field"


def _is_closed(token: Token, lines: list[str]) -> bool:
    assert token.map is not None
    start, end = token.map
    if end - 1 <= start:
        return False
    last = lines[end - 1].strip()
    marker = token.markup
    return len(last) >= len(marker) and set(last) == {marker[0]}
