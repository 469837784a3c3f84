"""Steps of several dialogs that more than one screen runs (export, delete, follow-through)."""
