"""Data protection over the store: erasure with the minutes folder, forgetting a person,
subject-access export and retention (see docs/storage.md, "Erasure" and "Audit log").

Plain Python (no Textual); the CLI (``commands/erasure.py``, ``commands/people.py``) and
the app call these functions.
"""
