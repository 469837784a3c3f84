"""The Textual app: the only package that imports Textual (tests/test_architecture.py checks)."""
