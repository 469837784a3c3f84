"""Helpers for template tests: a small valid template to copy and vary, and a clean CLI env."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BROKEN = Path(__file__).parent / "broken"
SESSIONS = Path(__file__).parents[2] / "sessions"
# The eight built-ins issue 2 asks for; other areas may add more files to sessions/.
BUILT_IN_IDS = (
    "decompression",
    "learning-from-success",
    "post-incident-review",
    "pre-visit-risk",
    "supervision-group",
    "supervision-one-to-one",
    "team-reflection",
    "team-wellbeing",
)
# Every built-in file is named after its id.
SESSION_IDS = tuple(sorted(p.stem for p in SESSIONS.glob("*.md")))


def small_template(template_id: str = "my-check-in", title: str = "My check-in") -> str:
    return (
        f"---\nid: {template_id}\ntitle: {title}\nkind: team\nduration: 20\nversion: 1\n---\n\n"
        "## How are we? {#how}\n\nGo round the room.\n\n"
        "```field\nid: mood\nkind: rating\nlabel: Mood\nmin: 1\nmax: 5\n```\n"
    )


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def isolated_env(home: Path) -> dict[str, str]:
    """An environment whose per-user folders are inside ``home``, with no REFLECT_* settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REFLECT_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        REFLECT_DATA=str(home / "data"),
    )
    return env


def run_reflect(
    args: list[str],
    home: Path,
    cwd: Path | None = None,
    extra_env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reflect_tui.cli", *args],
        capture_output=True,
        text=True,
        env={**isolated_env(home), **(extra_env or {})},
        cwd=cwd or home,
        timeout=60,
        check=False,
    )
