"""`reflect templates`: list the template library, show one template, validate template files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reflect_tui.commands import output
from reflect_tui.domain.template import Field, FieldKind, Template
from reflect_tui.templates import (
    LibraryEntry,
    Problem,
    TemplateError,
    TemplateLibrary,
    load_template_file,
    parse_template,
)
from reflect_tui.templates.decoding import MAX_BYTES, decode_template_bytes

STDIN_NAME = "<stdin>"


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "templates",
        parents=[parent],
        help="list, show and validate session templates",
        description=(
            "With no action, list every template: built-in ones and your own "
            "(from --templates DIR, $REFLECT_TEMPLATES and your per-user template folder). "
            "A template of yours with the same id as a built-in one replaces it."
        ),
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(func=list_templates)
    actions = parser.add_subparsers(dest="action", metavar="ACTION")

    show = actions.add_parser(
        "show",
        parents=[parent],
        help="show one template's steps and fields as an outline",
        description="Show one template's metadata, steps, guidance and fields.",
    )
    show.add_argument(
        "template_id", metavar="ID", help="template id, as listed by `reflect templates`"
    )
    show.add_argument(
        "--markdown",
        action="store_true",
        help="print the template file itself, to copy into your own templates folder",
    )
    show.add_argument(
        "--json",
        action="store_true",
        help="print the template (metadata, steps, fields) as JSON",
    )
    show.set_defaults(func=show_template)

    validate = actions.add_parser(
        "validate",
        parents=[parent],
        help="check template files and report every problem as FILE:LINE: message",
        description=(
            "Check template files (or every .md file in a folder). Prints each problem as "
            "FILE:LINE: what is wrong (how to fix it) and exits 1 if there are any; "
            "exits 0 with a one-line summary when all are valid. FILE '-' reads one "
            "template from standard input (shown as <stdin> in messages)."
        ),
    )
    validate.add_argument(
        "files", metavar="FILE", nargs="+", type=Path, help="template file or folder ('-': stdin)"
    )
    validate.set_defaults(func=validate_files)


def _tolerant_output() -> None:
    """Titles and paths may hold characters the terminal cannot show; never crash on them."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def _library(args: argparse.Namespace) -> TemplateLibrary:
    _tolerant_output()
    dirs = [Path(d) for d in getattr(args, "templates", None) or []]
    library = TemplateLibrary.load(dirs)
    for problem in library.problems:
        print(f"reflect: warning: {problem} (skipped)", file=sys.stderr)
    return library


def _source_text(entry: LibraryEntry) -> str:
    if entry.overridden:
        return f"{entry.source} (overrides {', '.join(entry.overridden)})"
    return entry.source


def entry_json(entry: LibraryEntry) -> dict[str, object]:
    """One template as `reflect templates --json` lists it."""
    t = entry.template
    return {
        "id": t.id,
        "title": t.title,
        "kind": t.kind.value,
        "version": t.version,
        "duration_minutes": t.duration_minutes,
        "confidentiality": t.confidentiality.value,
        "source": entry.source,
        "overrides": list(entry.overridden),
    }


def list_templates(args: argparse.Namespace) -> int:
    entries = _library(args).entries()
    if getattr(args, "json", False):
        output.print_json([entry_json(e) for e in entries])
        return 0
    if not entries:
        print("No templates found.")
        return 0
    rows = [("ID", "TITLE", "KIND", "MINUTES", "SOURCE")]
    rows += [
        (
            e.template.id,
            e.template.title,
            e.template.kind.value,
            str(e.template.duration_minutes),
            _source_text(e),
        )
        for e in entries
    ]
    output.print_table(rows[0], rows[1:])
    return 0


def show_template(args: argparse.Namespace) -> int:
    library = _library(args)
    entry = library.entry(args.template_id)
    if args.markdown:
        sys.stdout.write(library.text_of(args.template_id))
        return 0
    if args.json:
        output.print_json({**entry_json(entry), "template": entry.template.to_dict()})
        return 0
    print(outline(entry.template, _source_text(entry)))
    return 0


def outline(template: Template, source: str) -> str:
    """A plain-text outline of a template: metadata, then each step with guidance and fields."""
    lines = [
        f"{template.title} ({template.id}, version {template.version})",
    ]
    if template.description:
        lines.append(template.description)
    lines += [
        f"Kind: {template.kind.value}. Confidentiality: {template.confidentiality.value}. "
        f"Suggested duration: {template.duration_minutes} minutes.",
        f"Source: {source}",
    ]
    for number, step in enumerate(template.steps, start=1):
        timebox = f", {step.timebox_minutes} min" if step.timebox_minutes else ""
        lines += ["", f"{number}. {step.title} [{step.id}{timebox}]"]
        if step.guidance:
            lines += [f"     | {line}".rstrip() for line in step.guidance.splitlines()]
        for f in step.fields:
            lines += _field_lines(f)
    return "\n".join(lines)


def _field_lines(f: Field) -> list[str]:
    flags = [f.kind.value]
    if f.private:
        flags.append("PRIVATE")
    if f.required:
        flags.append("required")
    if f.themes:
        flags.append("theme tags")
    lines = [f"   - {f.label} [{f.id}: {', '.join(flags)}]"]
    if f.help:
        lines.append(f"       {f.help}")
    if f.kind is FieldKind.CHOICE:
        lines.append(f"       options: {' / '.join(f.options)}")
    elif f.kind is FieldKind.CHECKLIST:
        lines += [f"       [ ] {item}" for item in f.options]
    elif f.kind is FieldKind.RATING and f.scale is not None:
        labels = "; ".join(f"{point} = {text}" for point, text in f.scale.labels)
        scale = f"       scale {f.scale.minimum} to {f.scale.maximum}"
        lines.append(f"{scale} ({labels})" if labels else scale)
    return lines


STDIN = Path("-")


def _read_stdin_template() -> Template:
    """One template read from standard input (the same size and encoding rules as a file)."""
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    return parse_template(decode_template_bytes(data, STDIN_NAME), STDIN_NAME)


def _files_to_check(paths: list[Path], problems: list[Problem]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path == STDIN:
            files.append(path)
            continue
        try:
            is_dir = path.is_dir()
        except OSError as err:  # a name too long, a loop of links
            problems.append(Problem(str(path)[:200], 0, f"cannot be read: {err.strerror or err}"))
            continue
        if is_dir:
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".md" and p.is_file())
            if not found:
                problems.append(Problem(str(path), 0, "folder has no .md template files"))
            files += found
        else:
            files.append(path)
    return files


def validate_files(args: argparse.Namespace) -> int:
    _tolerant_output()
    problems: list[Problem] = []
    files = _files_to_check(list(args.files), problems)
    valid: list[Template] = []
    seen: dict[str, Path] = {}
    broken = 0
    for path in files:
        try:
            template = _read_stdin_template() if path == STDIN else load_template_file(path)
        except TemplateError as err:
            problems += err.problems
            broken += 1
            continue
        if template.id in seen:
            problems.append(
                Problem(
                    str(path),
                    1,
                    f"id '{template.id}' is also used by {seen[template.id]} "
                    f"(only one of them can be loaded; give one a different id)",
                )
            )
            broken += 1
            continue
        seen[template.id] = path
        valid.append(template)
    for problem in problems:
        print(problem)
    if problems:
        total = len(files)
        print(
            f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in "
            f"{max(broken, 1)} of {total} file{'s' if total != 1 else ''}; "
            f"{len(valid)} valid."
        )
        return 1
    steps = sum(len(t.steps) for t in valid)
    fields = sum(len(t.all_fields()) for t in valid)
    print(
        f"{len(valid)} template{'s' if len(valid) != 1 else ''} valid "
        f"({steps} steps, {fields} fields): {', '.join(t.id for t in valid)}"
    )
    return 0
