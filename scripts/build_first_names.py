"""Rebuild reflect_tui/minutes/data/first_names.txt (a developer tool, not run by the app).

Sources, both permissively licensed:

- the US Census Bureau's 1990 first-name frequency files (a US Government work, public
  domain), as shipped in the PyPI package ``names`` 0.3.0 (MIT licence):
  ``names/dist.male.first`` and ``names/dist.female.first``;
- the ONS baby-name lists for England and Wales (Open Government Licence), as shipped in
  the PyPI package ``Faker`` (MIT licence): ``faker/providers/person/en_GB``;
- the first names of Faker's person providers (MIT licence) for the languages of the UK's
  larger communities: ``LOCALES`` below (Irish, Indian, Pakistani, Nigerian, Ghanaian,
  Romanian, Lithuanian, Italian, Portuguese, French, Slovak, Turkish).

Names shorter than three letters, or not in the Latin alphabet, are left out.

A name that is also an ordinary lower-case English word (Debian's ``wamerican``
word list: will, mark, grace, may...) is marked ``~``: the check counts it as a
name only next to a capitalised surname or a title.

Run:  pip download --no-deps names==0.3.0 faker -d /tmp/n && (unpack both) &&
      python scripts/build_first_names.py /tmp/n/names-0.3.0 /tmp/n/fk > \
          reflect_tui/minutes/data/first_names.txt
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MONTHS_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "christmas", "easter",
}  # fmt: skip


def census(folder: Path) -> list[str]:
    found: list[str] = []
    for name in ("dist.male.first", "dist.female.first"):
        for line in (folder / "names" / name).read_text().splitlines():
            if line.strip():
                found.append(line.split()[0].capitalize())
    return found


LOCALES = (
    "en_GB", "en_IE", "en_IN", "en_PK", "ha_NG", "ig_NG", "yo_NG", "tw_GH", "ro_RO", "lt_LT",
    "it_IT", "pt_PT", "fr_FR", "sk_SK", "tr_TR",
)  # fmt: skip


def faker_names(folder: Path, locale: str) -> list[str]:
    src = (folder / f"faker/providers/person/{locale}/__init__.py").read_text()
    found: list[str] = []
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id.startswith("first_names"):
                try:
                    value = ast.literal_eval(node.value)
                except ValueError:
                    continue
                found.extend(str(n) for n in value)
    return found


def latin(name: str) -> bool:
    return all(
        c.isalpha() and ("a" <= c.lower() <= "z" or ord(c) < 0x250) or c in "-'" for c in name
    )


def ons(folder: Path) -> list[str]:
    found: list[str] = []
    for locale in LOCALES:
        found.extend(n for n in faker_names(folder, locale) if latin(n) and len(n) >= 3)
    return found


def main() -> None:
    names_pkg, faker_pkg = Path(sys.argv[1]), Path(sys.argv[2])
    words = {
        w.strip()
        for w in Path("/usr/share/dict/words").read_text(errors="ignore").splitlines()
        if w.strip() and w.strip().islower()
    }
    every = sorted({n for n in census(names_pkg) + ons(faker_pkg) if len(n) > 2 and n[0].isupper()})
    print("# First names for the privacy check: one a line; ~ marks a name that is also a word.")
    print("# Sources: US Census Bureau 1990 first-name files (public domain), from the PyPI")
    print("# package `names` 0.3.0 (MIT); ONS baby names for England and Wales (Open Government")
    print("# Licence), and first names of Faker's person providers for the languages of the UK's")
    print("# larger communities, from the PyPI package `Faker` (MIT). Built by")
    print("# scripts/build_first_names.py, which lists them.")
    for n in every:
        low = n.lower()
        print(f"~{n}" if low in words or low in MONTHS_DAYS else n)


if __name__ == "__main__":
    main()
