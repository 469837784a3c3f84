"""The library holds the built-ins and a person's own templates; theirs win on the same id,
and a broken one of theirs is reported and skipped, never fatal."""

from __future__ import annotations

from pathlib import Path

import pytest
from template_files import BUILT_IN_IDS, SESSION_IDS, small_template, write

from reflect_tui.errors import UserError
from reflect_tui.paths import user_template_dirs
from reflect_tui.templates import TemplateLibrary


@pytest.fixture(autouse=True)
def no_personal_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REFLECT_TEMPLATES", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def test_the_built_in_library_holds_every_file_in_sessions() -> None:
    library = TemplateLibrary.load()
    assert sorted(t.id for t in library.templates()) == list(SESSION_IDS)
    assert set(BUILT_IN_IDS) <= set(SESSION_IDS)
    assert library.problems == []
    assert all(e.source == "built-in" and e.overridden == [] for e in library.entries())


def test_templates_are_listed_by_title() -> None:
    titles = [t.title for t in TemplateLibrary.load().templates()]
    assert titles == sorted(titles, key=str.lower)


def test_a_user_template_is_added_alongside_the_built_ins(tmp_path: Path) -> None:
    path = write(tmp_path / "mine", "check-in.md", small_template())
    library = TemplateLibrary.load([tmp_path / "mine"])
    assert library.get("my-check-in").title == "My check-in"
    assert library.entry("my-check-in").source == str(path)
    assert len(library) == len(SESSION_IDS) + 1


def test_a_user_template_with_a_built_in_id_overrides_it(tmp_path: Path) -> None:
    path = write(tmp_path / "mine", "x.md", small_template("decompression", "Our decompression"))
    library = TemplateLibrary.load([tmp_path / "mine"])
    entry = library.entry("decompression")
    assert (entry.template.title, entry.source, entry.overridden) == (
        "Our decompression",
        str(path),
        ["built-in"],
    )
    assert [t.id for t in library.templates()].count("decompression") == 1


def test_the_first_templates_folder_given_wins_over_later_ones(tmp_path: Path) -> None:
    first = write(tmp_path / "a", "t.md", small_template("shared-id", "From A"))
    second = write(tmp_path / "b", "t.md", small_template("shared-id", "From B"))
    entry = TemplateLibrary.load([tmp_path / "a", tmp_path / "b"]).entry("shared-id")
    assert entry.template.title == "From A"
    assert entry.source == str(first) and entry.overridden == [str(second)]


def test_the_per_user_folder_and_the_environment_folders_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    personal = user_template_dirs()[-1]
    write(personal, "personal.md", small_template("personal", "Personal"))
    write(tmp_path / "env", "env.md", small_template("from-env", "From env"))
    monkeypatch.setenv("REFLECT_TEMPLATES", str(tmp_path / "env"))
    library = TemplateLibrary.load()
    assert "personal" in library and "from-env" in library


def test_a_broken_user_template_is_reported_and_the_rest_still_load(tmp_path: Path) -> None:
    write(tmp_path / "mine", "good.md", small_template())
    bad = write(tmp_path / "mine", "bad.md", small_template("bad").replace("kind: team", "kind: x"))
    (tmp_path / "mine" / "binary.md").write_bytes(b"\x00\x01\x02")
    library = TemplateLibrary.load([tmp_path / "mine"])
    assert "my-check-in" in library and "bad" not in library
    assert len(library) == len(SESSION_IDS) + 1
    assert [(p.file, p.line) for p in library.problems] == [
        (str(bad), 4),
        (str(tmp_path / "mine" / "binary.md"), 1),
    ]


def test_two_files_with_one_id_in_a_folder_keep_the_first_and_report_the_second(
    tmp_path: Path,
) -> None:
    write(tmp_path / "mine", "a.md", small_template("twin", "Twin A"))
    second = write(tmp_path / "mine", "b.md", small_template("twin", "Twin B"))
    library = TemplateLibrary.load([tmp_path / "mine"])
    assert library.get("twin").title == "Twin A"
    assert [p.file for p in library.problems] == [str(second)]
    assert "also used by" in library.problems[0].message


def test_only_markdown_files_are_read(tmp_path: Path) -> None:
    write(tmp_path / "mine", "notes.txt", "not a template")
    write(tmp_path / "mine", ".hidden.md", "not a template either")
    library = TemplateLibrary.load([tmp_path / "mine"])
    assert library.problems == [] and len(library) == len(SESSION_IDS)


def test_a_templates_folder_that_does_not_exist_is_reported_not_fatal(tmp_path: Path) -> None:
    library = TemplateLibrary.load([tmp_path / "missing"])
    assert len(library) == len(SESSION_IDS)
    assert [str(p) for p in library.problems] == [
        f"{tmp_path / 'missing'}: templates folder not found "
        f"(check the path given with --templates)"
    ]


def test_asking_for_an_unknown_id_names_the_known_ones() -> None:
    with pytest.raises(UserError) as caught:
        TemplateLibrary.load().get("decompresion")
    message = str(caught.value)
    assert "did you mean 'decompression'?" in message
    assert all(template_id in message for template_id in BUILT_IN_IDS)


def test_a_folder_named_twice_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "mine", "t.md", small_template())
    monkeypatch.setenv("REFLECT_TEMPLATES", str(tmp_path / "mine"))
    library = TemplateLibrary.load([tmp_path / "mine"])
    assert library.entry("my-check-in").overridden == []
    assert library.problems == []
