"""The application layer: what a person does with their records, for the app and the CLI.

Each module holds plain functions (or a small class) over a ``Store``: start,
complete, reopen, sign off, discard or delete, export, search, who is due,
carry-forward decisions, report periods and report files, and the typed
``Settings``. No Textual here: screens and ``commands/`` call these and only
draw or print the result. A failed save leaves the session exactly as it was
(the rollback lives here, once), and every error is a ``UserError`` carrying
the message a person reads (``services.errors``).
"""
