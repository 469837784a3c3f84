"""A date typed on the command line: YYYY-MM-DD or day first (DD/MM/YYYY), never month first."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from reflect_tui.domain.dates import in_words, is_iso, parse_day, problem


def day_option(text: str) -> date:
    """An argparse ``type``; a day-first date is said back on stderr in words."""
    day = parse_day(text)
    if day is None:
        raise argparse.ArgumentTypeError(problem(text))
    if not is_iso(text):
        print(f"reflect: {text.strip()} is {in_words(day)}", file=sys.stderr)
    return day
