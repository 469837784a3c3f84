"""Rebuild reflect_tui/minutes/data/first_names.txt (a developer tool, not run by the app).

Sources, both permissively licensed:

- the US Census Bureau's 1990 first-name frequency files (a US Government work, public
  domain), as shipped in the PyPI package ``names`` 0.3.0 (MIT licence):
  ``names/dist.male.first`` and ``names/dist.female.first``;
- the ONS baby-name lists for England and Wales (Open Government Licence), as shipped in
  the PyPI package ``Faker`` (MIT licence): ``faker/providers/person/en_GB``.

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


def ons(folder: Path) -> list[str]:
    src = (folder / "faker/providers/person/en_GB/__init__.py").read_text()
    found: list[str] = []
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            if node.targets[0].id in ("first_names_male", "first_names_female"):
                found.extend(str(n) for n in ast.literal_eval(node.value))
    return found


def main() -> None:
    names_pkg, faker_pkg = Path(sys.argv[1]), Path(sys.argv[2])
    words = {
        w.strip()
        for w in Path("/usr/share/dict/words").read_text(errors="ignore").splitlines()
        if w.strip() and w.strip().islower()
    }
    every = sorted({n for n in census(names_pkg) + ons(faker_pkg) if n.isalpha() and len(n) > 1})
    print("# First names for the privacy check: one a line; ~ marks a name that is also a word.")
    print("# Sources: US Census Bureau 1990 first-name files (public domain), from the PyPI")
    print("# package `names` 0.3.0 (MIT); ONS baby names for England and Wales (Open Government")
    print("# Licence), from the PyPI package `Faker` (MIT). Built by scripts/build_first_names.py.")
    for n in every:
        low = n.lower()
        print(f"~{n}" if low in words or low in MONTHS_DAYS else n)


if __name__ == "__main__":
    main()
