"""A man page (roff, man(7) macros) written from the ``reflect`` argparse parser.

The same parser gives ``--help`` and the shell completions, so the three never
disagree. ``reflect man > reflect.1`` (or ``man <(reflect man)``).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

ENVIRONMENT = (
    ("REFLECT_DATA", "the data directory, when --data is not given"),
    ("REFLECT_TEMPLATES", "extra folders of session templates, separated by ':'"),
)
SEE_ALSO = (
    "README.md and docs/ in the reflect-tui source: docs/cli.md (JSON and CSV), "
    "docs/calendar.md, docs/minutes.md, docs/keys.md."
)


SEE_ALSO = (
    "README.md and docs/ in the reflect-tui source: docs/cli.md (JSON and CSV), "
    "docs/calendar.md, docs/minutes.md, docs/keys.md."
)


def roff(text: str) -> str:
    """Plain text as roff: backslashes and hyphens escaped, no line starting with a control,
    and every non-ASCII character (curly quotes, dashes) as a groff Unicode escape."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in text)
    lines = []
    for line in text.splitlines() or [""]:
        lines.append("\\&" + line if line.startswith((".", "'")) else line)
    return "\n".join(lines)


def _subcommands(parser: argparse.ArgumentParser) -> list[tuple[str, str, argparse.ArgumentParser]]:
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            for name, sub in action.choices.items():
                out.append((name, str(helps.get(name, "")), sub))
    return out


def _option_lines(parser: argparse.ArgumentParser) -> Iterator[str]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) or action.help == argparse.SUPPRESS:
            continue
        if action.option_strings:
            names = ", ".join(f"\\fB{roff(o)}\\fR" for o in action.option_strings)
            if action.nargs != 0:
                names += f" \\fI{roff(str(action.metavar or action.dest.upper()))}\\fR"
        else:
            names = f"\\fI{roff(str(action.metavar or action.dest))}\\fR"
        yield ".TP"
        yield names
        help_text = action.help or ""
        if action.choices and not action.option_strings and not isinstance(action.choices, dict):
            help_text += f" ({', '.join(str(c) for c in action.choices)})"
        elif action.choices and action.option_strings:
            help_text += f" (one of: {', '.join(str(c) for c in action.choices)})"
        yield roff(help_text % {"default": action.default} if "%(" in help_text else help_text)


def _command_sections(prefix: str, parser: argparse.ArgumentParser) -> Iterator[str]:
    for name, summary, sub in _subcommands(parser):
        full = f"{prefix} {name}"
        yield f'.SS "{roff(full)}"'
        yield roff(sub.description or summary)
        yield ".PP"
        yield f"Usage: {roff(' '.join(sub.format_usage().split()).removeprefix('usage: '))}"
        yield from _option_lines(sub)
        yield from _command_sections(full, sub)


def render_manpage(parser: argparse.ArgumentParser, version: str) -> str:
    lines = [
        f'.TH REFLECT 1 "" "reflect {roff(version)}" "User Commands"',
        ".SH NAME",
        "reflect \\- " + roff((parser.description or "").split(".")[0].lower()),
        ".SH SYNOPSIS",
        ".B reflect",
        "[\\fB\\-\\-data\\fR \\fIDIR\\fR] [\\fB\\-\\-templates\\fR \\fIDIR\\fR] "
        "[\\fICOMMAND\\fR [\\fIOPTIONS\\fR]]",
        ".SH DESCRIPTION",
        roff(parser.description or ""),
        ".SH OPTIONS",
        *_option_lines(parser),
        ".SH COMMANDS",
        *_command_sections("reflect", parser),
        ".SH ENVIRONMENT",
    ]
    for name, what in ENVIRONMENT:
        lines += [".TP", f"\\fB{name}\\fR", roff(what)]
    lines += [
        ".SH EXIT STATUS",
        roff(
            "0 on success; 1 when something needs fixing (the message says what and how); "
            "2 for a mistyped command line; 3 when `reflect export --check` flags something."
        ),
        ".SH SEE ALSO",
        roff(SEE_ALSO),
    ]
    return "\n".join(lines) + "\n"
