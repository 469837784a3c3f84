"""Shells: completion scripts that load, a man page from the same parser, a quick --version."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reflect_tui import cli


def _out(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert cli.main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_the_bash_completion_loads_and_completes_commands_and_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    script = tmp_path / "reflect.bash"
    script.write_text(_out(capsys, "completion", "bash"), encoding="utf-8")
    check = "\n".join(
        [
            f"source {script} && complete -p reflect || exit 1",
            "COMP_WORDS=(reflect cal); COMP_CWORD=1; _shtab_reflect",
            'echo "[${COMPREPLY[*]}]"',
            "COMP_WORDS=(reflect calendar --on); COMP_CWORD=2; _shtab_reflect",
            'echo "[${COMPREPLY[*]}]"',
        ]
    )
    done = subprocess.run(
        ["bash", "-c", check], capture_output=True, text=True, timeout=30, check=False
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("complete ") and lines[0].endswith(" reflect")
    assert lines[1] == "[calendar]"
    assert lines[2] == "[--only]"


def test_zsh_and_fish_scripts_name_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for shell in ("zsh", "fish"):
        script = _out(capsys, "completion", shell)
        for command in ("calendar", "search", "actions", "templates", "completion"):
            assert command in script
        if shutil.which(shell):
            done = subprocess.run([shell, "-n"], input=script, text=True, check=False)
            assert done.returncode == 0


def test_the_man_page_is_valid_roff_and_documents_every_command(
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = _out(capsys, "man")
    assert page.startswith(".TH REFLECT 1 ")
    for command in ("calendar", "search", "export", "report", "people", "due", "completion"):
        assert f'.SS "reflect {command}"' in page
    assert "\\-\\-confidential" in page and "REFLECT_DATA" in page
    if shutil.which("groff"):
        done = subprocess.run(
            ["groff", "-man", "-Tutf8", "-ww", "-z"],
            input=page,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0 and done.stderr == ""


def test_version_answers_without_building_the_sub_commands() -> None:
    code = (
        "import sys\n"
        "from reflect_tui import cli\n"
        "try:\n    cli.main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('reflect_tui.commands.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    out = done.stdout.splitlines()
    assert out[0].startswith("reflect ")
    assert out[1] == "['reflect_tui.commands.options']"  # the shared options, no sub-command
