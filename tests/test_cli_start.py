"""The `reflect` command line: the app opens without the sub-commands' machinery."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

import pytest

from reflect_tui import cli


def test_version_is_printed_on_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["--version"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("reflect ") and out.strip() != "reflect"


@pytest.mark.parametrize(
    "argv",
    [[], ["--data", "DIR"], ["--data=DIR", "--templates", "T"], ["--templates=T", "--data", "DIR"]],
)
def test_only_folders_given_opens_the_app(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[argparse.Namespace] = []

    def open_app(args: argparse.Namespace) -> int:
        opened.append(args)
        return 0

    monkeypatch.setattr(cli, "open_app", open_app)
    assert cli.main(argv) == 0
    assert len(opened) == 1
    if "DIR" in " ".join(argv):
        assert cli.data_option(opened[0]) == "DIR"


def test_a_command_after_the_folders_still_runs_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "open_app", lambda args: pytest.fail("the app opened"))
    assert cli.main(["--data", str(tmp_path / "data"), "list"]) == 0
    assert "reflect:" not in capsys.readouterr().err


def test_a_folder_option_without_its_value_is_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["--data"])
    assert stop.value.code == 2
    assert "--data" in capsys.readouterr().err


def test_the_app_is_imported_and_started_with_the_collector_held_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collecting: list[bool] = []

    def open_app(args: argparse.Namespace) -> int:
        collecting.append(gc.isenabled())
        return 0

    monkeypatch.setattr(cli, "open_app", open_app)
    assert cli.main(["--data", "DIR"]) == 0
    assert collecting == [False]  # from the first import of Textual to the first frame
    assert gc.isenabled()  # and as it was once the app is left


def test_a_folder_that_cannot_open_leaves_the_collector_running(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("not a data folder\n")
    assert cli.main(["--data", str(not_a_folder)]) != 0
    assert "notes.txt" in capsys.readouterr().err
    assert gc.isenabled()
