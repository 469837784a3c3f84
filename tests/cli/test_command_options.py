"""The sub-commands share their parser options through commands/options.py, not the entry point."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

import reflect_tui.commands
from reflect_tui import cli
from reflect_tui.commands import options

COMMANDS = Path(reflect_tui.commands.__file__).parent


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_no_command_module_imports_the_entry_point() -> None:
    offenders = [
        p.name for p in sorted(COMMANDS.glob("*.py")) if "reflect_tui.cli" in imported_modules(p)
    ]
    assert offenders == []


def test_the_last_data_folder_given_is_the_one_a_command_works_on() -> None:
    parser = options.build_parser()
    args = parser.parse_args(["search", "late visit", "--data", "A", "--data", "B"])
    assert options.data_option(args) == "B"
    assert options.data_option(argparse.Namespace()) is None
    assert cli.data_option is options.data_option  # the entry point uses the same helper
