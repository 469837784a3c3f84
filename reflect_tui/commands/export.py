"""`reflect export SESSION`: write a session's minutes (or visit card), or check them first.

``--check`` writes nothing: it lists likely identifiers in the text that would
be exported and exits 3 if there are any (0 if none). A normal export also runs
the check and prints any findings on stderr as a warning. A confidential
session needs ``--confidential``; an existing file needs ``--force``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Literal, cast

from reflect_tui import paths
from reflect_tui.commands import options, output
from reflect_tui.domain.session import Session
from reflect_tui.minutes import Finding
from reflect_tui.services import export
from reflect_tui.store import Store

EXIT_FLAGGED = 3


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser], parent: argparse.ArgumentParser
) -> None:
    parser = subparsers.add_parser(
        "export",
        parents=[parent],
        help="write a session's minutes as Markdown or HTML, or a visit card",
        description=(
            "Write the minutes of one session to a file (default name "
            "YYYY-MM-DD-template-title.md in the current folder). Private fields are never "
            "included. A confidential session is only exported with --confidential. "
            "An existing file is never replaced without --force. Every export runs the "
            "privacy check; --check runs only the check and exits 3 if anything is flagged."
        ),
    )
    parser.add_argument("session", metavar="SESSION", help="session id or a unique prefix of it")
    parser.add_argument(
        "--format",
        choices=("md", "html"),
        default="md",
        help="md: Markdown with YAML front matter (default); html: one self-contained page",
    )
    parser.add_argument(
        "--card",
        action="store_true",
        help="the one-page visit card of a pre-visit risk analysis instead of the minutes",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="file or folder to write to (a path without an extension is a folder, created "
        "if needed); '-' writes to standard output",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; list likely identifiers and exit 3 if there are any",
    )
    parser.add_argument(
        "--confidential",
        action="store_true",
        help="confirm that you mean to export a confidential session",
    )
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    parser.add_argument(
        "--json",
        action="store_true",
        help="with --check: print the findings as JSON (the exit code is still 3 if any)",
    )
    parser.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    fmt = cast(Literal["md", "html"], args.format)
    with Store.open(paths.data_dir(options.data_option(args)), read_only=True) as store:
        session = store.get_session(args.session)
        check = export.privacy_check(store, session, card=args.card)
        findings = check.findings
        if args.check and getattr(args, "json", False):
            output.print_json(check_json(session, findings))
            return EXIT_FLAGGED if findings else 0
        if args.check:
            return _report_check(session, findings, check.summary())
        if args.output == "-":
            text, problem = export.minutes_text(
                store,
                session,
                fmt=fmt,
                card=args.card,
                confirmed_confidential=args.confidential,
                event="export",
                detail=f"{export.describe_format(fmt, args.card)} to stdout",
            )
            sys.stdout.write(text)
            _audit_problem(problem)
            _warn(findings)
            return 0
        done = export.export(
            store,
            session,
            args.output,
            fmt=fmt,
            card=args.card,
            confirmed_confidential=args.confidential,
            force=args.force,
        )
    print(f"Wrote {done.path}")
    _audit_problem(done.audit_problem)
    if done.unencrypted:
        print(
            "This export is not encrypted (the data folder is): keep it somewhere safe, and "
            "delete it when it is no longer needed."
        )
    _warn(findings)
    return 0


def _audit_problem(problem: str | None) -> None:
    """The export is already written: a log that cannot be written (read-only media) is
    said plainly rather than turning a finished export into a failure (store/audit.py)."""
    if problem:
        print(f"reflect: {problem}", file=sys.stderr)


def format_findings(findings: list[Finding]) -> list[str]:
    lines = []
    for f in findings:
        field = f"[{f.step_id}/{f.field_id}]" if f.step_id else f"[{f.field_id}]"
        lines.append(f"  {f.describe()} {field}")
    return lines


def check_json(session: Session, findings: list[Finding]) -> dict[str, object]:
    """`reflect export SESSION --check --json`."""
    return {
        "session": session.id,
        "title": session.title,
        "flagged": len(findings),
        "findings": [
            {
                "kind": str(f.kind),
                "text": f.text,
                "where": f.where,
                "step_id": f.step_id,
                "field_id": f.field_id,
                "item": f.item,
                "part": f.part,
                "line": f.line,
                "column": f.column,
                "reason": f.reason,
                "description": f.describe(),
            }
            for f in findings
        ],
    }


def _report_check(session: Session, findings: list[Finding], summary: str) -> int:
    if not findings:
        print(f"Privacy check: nothing flagged in session {session.id} ({session.title}).")
        print(summary)
        return 0
    noun = "item" if len(findings) == 1 else "items"
    print(f"Privacy check: {len(findings)} {noun} flagged in session {session.id}:")
    for line in format_findings(findings):
        print(line)
    print("Edit these fields (or confirm they are fine to share) before exporting.")
    return EXIT_FLAGGED


def _warn(findings: list[Finding]) -> None:
    if not findings:
        return
    noun = "item" if len(findings) == 1 else "items"
    print(
        f"reflect: warning: the privacy check flagged {len(findings)} {noun} in what was "
        "exported; check them before you share the file:",
        file=sys.stderr,
    )
    for line in format_findings(findings):
        print(line, file=sys.stderr)
