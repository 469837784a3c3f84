"""Modal dialogs: each asks one question and dismisses with a typed answer."""
