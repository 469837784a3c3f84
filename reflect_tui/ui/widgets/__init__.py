"""Reusable widgets: one field editor per field kind (``fields.editor_for``) and the risk badge."""
