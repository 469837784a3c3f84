"""The built-in session templates (one Markdown file each), shipped as reflect_tui._sessions.

This file only makes the folder importable so ``importlib.resources`` can find
the templates both in a checkout and in an installed wheel.
"""
