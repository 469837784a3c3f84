"""One module per screen of the app, each with its ``.tcss`` beside it (read as DEFAULT_CSS)."""
